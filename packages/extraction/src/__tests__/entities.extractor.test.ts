import { extractArticle } from '../extractor';
import type { Extraction } from '../types';

function extract(body: string, publishedOn = '2024-05-10'): Extraction {
  return extractArticle({ body, publishedOn });
}

function kinds(x: Extraction): Record<string, string> {
  return Object.fromEntries(x.entities.map((e) => [e.name, e.kind]));
}

describe('names that hold together', () => {
  it('keeps a ministry name with a comma inside as one government entity', () => {
    const x = extract(
      "Japan's Ministry of Economy, Trade and Industry ordered Hoshino Denki to submit a plan.",
    );
    const ministry = x.entities.find((e) => e.kind === 'GOVERNMENT');
    expect(ministry?.mentions.map((m) => m.text)).toEqual([
      'Ministry of Economy, Trade and Industry',
    ]);
    expect(x.entities.map((e) => e.name)).not.toContain('Industry');
  });

  it('keeps a department "for" a list of fields, and an office named after its holder, whole', () => {
    const x = extract(
      "The Department for Environment, Food and Rural Affairs set the deadline. The Ombudsman's Office sent two officials. The European Commission on Tuesday agreed.",
    );
    expect(kinds(x)).toMatchObject({
      'Department for Environment, Food and Rural Affairs': 'GOVERNMENT',
      "Ombudsman's Office": 'GOVERNMENT',
      'European Commission': 'GOVERNMENT',
    });
  });

  it('keeps a union whose name lists professions before its head as one organisation', () => {
    const x = extract(
      'The Kenya Medical Practitioners, Pharmacists and Dentists Union said doctors would strike.',
    );
    expect(kinds(x)['Kenya Medical Practitioners, Pharmacists and Dentists Union']).toBe(
      'ORGANIZATION',
    );
    expect(x.entities.map((e) => e.name)).not.toContain('Pharmacists and Dentists Union');
  });

  it('ends a name at a list of proper names after a comma', () => {
    const x = extract('The Ministry of Defence, Boeing and Airbus signed the contract.');
    expect(x.entities.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Ministry of Defence', 'Boeing', 'Airbus']),
    );
  });

  it('keeps a number inside an organisation name but not a product after its maker', () => {
    const x = extract(
      'Route 9 Logistics said its vans were safe. Hoshino Denki said its newest pack, the Bazaro 310, went on sale in October.',
    );
    expect(kinds(x)['Route 9 Logistics']).toBe('ORGANIZATION');
    expect(x.entities.map((e) => e.name).join(' | ')).not.toMatch(/Bazaro|^9 /);
  });

  it('does not run a name across a sentence that ends in a dotted abbreviation', () => {
    const x = extract(
      'The peso fell after tariff threats from Washington D.C. The currency recovered later.',
    );
    expect(x.entities.map((e) => e.name).join(' | ')).not.toMatch(/D\.C\. The|The currency/);
    expect(x.entities.find((e) => e.kind === 'PLACE')?.mentions[0]?.text).toBe('Washington D.C.');
  });

  it('reads St. Louis and the titles Sen., Rep. and Mr. as parts of names, never names alone', () => {
    const x = extract(
      'Sen. Marcia Delgado and Rep. Thomas Whitfield Jr. asked St. Louis City SC to explain. Mr. Whitfield said the fine was unfair.',
    );
    const names = x.entities.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['Marcia Delgado', 'Thomas Whitfield', 'St. Louis City SC']),
    );
    for (const title of ['Sen', 'Rep', 'Mr', 'Jr', 'Louis City SC'])
      expect(names).not.toContain(title);
    const whitfield = x.entities.find((e) => e.name === 'Thomas Whitfield');
    expect(whitfield?.mentions.map((m) => m.text)).toEqual(['Thomas Whitfield Jr', 'Whitfield']);
    expect(x.entities.find((e) => e.name === 'Marcia Delgado')?.title).toBe('Sen.');
  });
});

describe('variants and nested names', () => {
  it('keeps a nationality adjective in a name that has no country-free form', () => {
    const x = extract(
      'The Norwegian Refugee Council said tents ran out. The Chinese Foreign Ministry said no.',
    );
    expect(x.entities.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Norwegian Refugee Council', 'Ministry of Foreign Affairs of China']),
    );
    expect(x.entities.map((e) => e.name)).not.toContain('Refugee Council');
  });

  it('merges a full name, an honorific form and a surname into one person', () => {
    const x = extract(
      'Lina Park, the chief executive, said the cuts were painful. Ms. Park said hiring would resume. Park added that sales were up.',
    );
    const people = x.entities.filter((e) => e.kind === 'PERSON');
    expect(people).toHaveLength(1);
    // Its apposition ("the chief executive") is a description mention of the same person.
    expect(people[0]?.mentions.filter((mention) => mention.form === 'NAME')).toHaveLength(3);
  });

  it('merges a company written with and without its suffix', () => {
    const x = extract('Acme Corp. said it would cut jobs. Acme shares fell 3 percent.');
    expect(x.entities.filter((e) => e.kind === 'ORGANIZATION')).toHaveLength(1);
  });

  it('merges a company named with and without its legal suffixes', () => {
    const x = extract('Goldman Sachs Group Inc. said profits rose. Goldman Sachs shares fell.');
    const firms = x.entities.filter((e) => e.kind === 'ORGANIZATION');
    expect(firms.map((e) => e.name)).toEqual(['Goldman Sachs Group Inc']);
    expect(firms[0]?.mentions).toHaveLength(2);
  });

  it('merges an acronym into the longer name whose initials it spells', () => {
    const x = extract(
      'The Academic Staff Union of Universities brought the case. ASUU branch chairman Ifeanyi Eze spoke.',
    );
    expect(x.entities.filter((e) => e.kind === 'ORGANIZATION').map((e) => e.name)).toEqual([
      'Academic Staff Union of Universities',
    ]);
  });

  it('reports the country inside a central bank name, but not inside a city name', () => {
    const x = extract('The Bank of Mexico cut rates. Traders in Mexico City were surprised.');
    expect(kinds(x)).toMatchObject({
      'Bank of Mexico': 'GOVERNMENT',
      Mexico: 'COUNTRY',
      'Mexico City': 'PLACE',
    });
    const mexico = x.entities.find((e) => e.name === 'Mexico');
    expect(mexico?.mentions).toHaveLength(1);
    expect(mexico?.mentions[0]?.start).toBe('The Bank of '.length);
  });

  it('reports the city inside a university name', () => {
    const x = extract('The court ordered the University of Lagos to reinstate 42 lecturers.');
    expect(kinds(x)).toMatchObject({ 'University of Lagos': 'ORGANIZATION', Lagos: 'PLACE' });
  });
});

describe('what is not a name', () => {
  it('takes no entity from demonyms or a currency sign', () => {
    const x = extract(
      'Gabonese officials met Kenyan traders, who paid US$40m for the cargo. Ugandan medics are not affected.',
    );
    expect(x.entities.map((e) => e.name)).toEqual([]);
  });

  it('takes no entity from a party and state tag after a senator', () => {
    const x = extract('Sen. Daniel Ortiz, D-N.M., and Sen. Heather Lindqvist, R-Wyo., disagreed.');
    expect(x.entities.map((e) => e.name).sort()).toEqual(['Daniel Ortiz', 'Heather Lindqvist']);
  });

  it('never makes an entity of an honorific or a title alone', () => {
    const x = extract('The President said Mr. and Mrs. Ortega were welcome. Sen. declined.');
    for (const title of ['President', 'Mr', 'Mrs', 'Sen'])
      expect(x.entities.map((e) => e.name)).not.toContain(title);
  });
});

describe('kinds decided from evidence', () => {
  it('reads unknown single names after place prepositions, and the names listed with them, as places', () => {
    const x = extract(
      'Floods hit villages near Tarnovo on Sunday. Roads from Velika and Dubrava were closed, and aid reached families in Kostrena.',
    );
    expect(kinds(x)).toMatchObject({
      Tarnovo: 'PLACE',
      Velika: 'PLACE',
      Dubrava: 'PLACE',
      Kostrena: 'PLACE',
    });
  });

  it('keeps two places joined by "and" after "of" apart, and a ministry of two fields whole', () => {
    const x = extract(
      'Residents of Jeddah and Dammam welcomed the deal. The Ministry of Science and Technology agreed.',
    );
    expect(kinds(x)).toMatchObject({
      Jeddah: 'PLACE',
      Dammam: 'PLACE',
      'Ministry of Science and Technology': 'GOVERNMENT',
    });
  });

  it('reads a name ending in a place noun, or followed by "region", as a place', () => {
    const x = extract(
      "Talks were held at Al Yamamah Palace. Cholera spread in Sudan's Darfur region. Lake Toba is low.",
    );
    expect(kinds(x)).toMatchObject({
      'Al Yamamah Palace': 'PLACE',
      Darfur: 'PLACE',
      'Lake Toba': 'PLACE',
    });
  });

  it("reads a company named after its country's adjective and the bare name as one", () => {
    const x = extract('Saudi Aramco said output would rise. Aramco hired bankers.');
    expect(x.entities.filter((e) => e.kind === 'ORGANIZATION').map((e) => e.name)).toEqual([
      'Saudi Aramco',
    ]);
  });

  it('reads a place before -based as a place', () => {
    const x = extract('The mine is owned by Hunan Xinlong Steel, a Zhuzhou-based group.');
    expect(kinds(x)['Zhuzhou']).toBe('PLACE');
  });

  it('reads an unknown two-word name as a person from an apposition, "led by" or an inverted "said"', () => {
    const x = extract(
      'Anders Holmqvist, a lawyer for the families, said they would sue. The federation, led by Oskara Lindqvist, met on Monday. "We are ready," said Tariqul Noorzai.',
    );
    expect(kinds(x)).toMatchObject({
      'Anders Holmqvist': 'PERSON',
      'Oskara Lindqvist': 'PERSON',
      'Tariqul Noorzai': 'PERSON',
    });
  });

  it('reads a word that is also a given name as an organisation when listed with one', () => {
    const x = extract('Auto plants in the region supply General Motors and Kia.');
    expect(kinds(x)['Kia']).toBe('ORGANIZATION');
  });

  it('keeps an adjective that opens a sentence as part of the company name after it', () => {
    const x = extract(
      'General Motors said it would cut jobs. Standard Chartered said profits rose. Major League Soccer fined the club.',
    );
    expect(kinds(x)).toMatchObject({
      'General Motors': 'ORGANIZATION',
      'Standard Chartered': 'ORGANIZATION',
      'Major League Soccer': 'ORGANIZATION',
    });
  });

  it('keeps a given name that is also a word when it opens a sentence, and reads a person', () => {
    const x = extract('Dean Kamen said the device works. Frank Lampard said he was proud.');
    expect(kinds(x)).toMatchObject({ 'Dean Kamen': 'PERSON', 'Frank Lampard': 'PERSON' });
  });

  it('reads an unknown name described as a regulator as a government body', () => {
    const x = extract("Peru's energy regulator, Osinergmin, ordered an inquiry.");
    expect(kinds(x)['Osinergmin']).toBe('GOVERNMENT');
  });

  it('reads an unknown name someone "told" as a news outlet', () => {
    const x = extract('"The fans deserve answers," Marcia Delgado told KVTN.');
    expect(kinds(x)['KVTN']).toBe('MEDIA_OUTLET');
  });

  it('gives every entity a confidence between 0 and 1', () => {
    const x = extract('Roads from Velika were closed, said Anders Holmqvist of Route 9 Logistics.');
    for (const entity of x.entities) {
      expect(entity.confidence).toBeGreaterThan(0);
      expect(entity.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('entity kinds from evidence that generalises', () => {
  it('reads a name after a person noun and a comma as a person', () => {
    const k = kinds(
      extract(
        'The club was fined after its former goalkeeper, Kwesi Appiah-Mensah, complained. The union’s treasurer, Zbigniew Wołoszyn, said talks had failed.',
      ),
    );
    expect(k['Kwesi Appiah-Mensah']).toBe('PERSON');
    expect(k['Zbigniew Wołoszyn']).toBe('PERSON');
  });

  it('reads a surname ending only people carry as a person', () => {
    const k = kinds(extract('Dmytro Savchenko met investors in Lviv on Tuesday.'));
    expect(k['Dmytro Savchenko']).toBe('PERSON');
  });

  it('reads names after a sentence-opening "In" and after "villages such as" as places', () => {
    const k = kinds(
      extract(
        'In Iquique and Tocopilla, fishermen stayed ashore. Workers commute from villages such as Kottivakkam and Mudichur.',
      ),
    );
    expect(k['Iquique']).toBe('PLACE');
    expect(k['Tocopilla']).toBe('PLACE');
    expect(k['Kottivakkam']).toBe('PLACE');
    expect(k['Mudichur']).toBe('PLACE');
  });

  it('keeps a German firm joined by "und" whole and an organisation', () => {
    const k = kinds(
      extract('The district fined Bergbau Lutter und Söhne, which runs the quarry, on Monday.'),
    );
    expect(k['Bergbau Lutter und Söhne']).toBe('ORGANIZATION');
  });

  it('does not run a name on into an amount ("fined Dambi 32 billion won")', () => {
    const x = extract('The regulator fined Korimart 32 billion won on Tuesday.');
    expect(x.entities.map((e) => e.name)).toContain('Korimart');
    expect(x.entities.map((e) => e.name)).not.toContain('Korimart 32');
  });

  it('links an acronym opened by the country’s initial to the body it abbreviates', () => {
    const x = extract(
      "South Korea's Fair Trade Commission fined Hanbit Mall on Monday. The KFTC said the fine was its largest.",
    );
    const commission = x.entities.find((e) => e.name === 'Fair Trade Commission');
    expect(commission?.aliases).toContain('KFTC');
  });

  it('reads a public body styled an executive as government', () => {
    const k = kinds(extract('The Food Safety Executive ordered a recall on Friday.'));
    expect(k['Food Safety Executive']).toBe('GOVERNMENT');
  });
});

describe('people, organisations and places told apart by the sentence around them', () => {
  it('types a person from an apposition head, "said she", a plural apposition and "the mayor of X, Name,"', () => {
    const x = extract(
      'Nguyen Van Hai, a taxi driver in Hue, said he had waited for hours. Ikenna Obi and Chiamaka Eze, both paramedics, treated the injured. The deputy mayor of Brasov, Ioana Munteanu, resigned. Adaeze Nwosu said she would sue.',
    );
    expect(kinds(x)).toMatchObject({
      'Nguyen Van Hai': 'PERSON',
      'Ikenna Obi': 'PERSON',
      'Chiamaka Eze': 'PERSON',
      'Ioana Munteanu': 'PERSON',
      'Adaeze Nwosu': 'PERSON',
    });
    expect(kinds(x)['Brasov']).not.toBe('PERSON');
  });

  it('splits a plural title from the names it heads and types where analysts work', () => {
    const x = extract(
      'The MEPs Ingrid Solberg and Tomas Berzins voted against. Analysts at Baltic Crest said the vote changed little.',
    );
    expect(kinds(x)).toMatchObject({
      'Ingrid Solberg': 'PERSON',
      'Tomas Berzins': 'PERSON',
      'Baltic Crest': 'ORGANIZATION',
    });
  });

  it('keeps a bracketed short form that is not the initials as an alias of the name', () => {
    const x = extract(
      'The Federal Office for Civil Protection (Babs) issued a warning. Babs said the risk was low.',
    );
    const office = x.entities.find((e) => e.name === 'Federal Office for Civil Protection');
    expect(office?.aliases).toContain('Babs');
    expect(x.entities.filter((e) => e.name === 'Babs')).toHaveLength(0);
  });

  it('makes a lower-case district council of a place a government and the place a place', () => {
    const x = extract('The district council of Oberhavel closed the bridge on Monday.');
    expect(kinds(x)).toMatchObject({
      'Oberhavel District Council': 'GOVERNMENT',
      Oberhavel: 'PLACE',
    });
  });

  it('joins names across an ampersand, keeps no fragment of a long form with a short one, and takes no person noun or "-registered" for a name', () => {
    const x = extract(
      'Lawyers at Brandt & Keller said the deal was void. The Organisation for Economic Co-operation and Development (OECD) cut its forecast. The MP said no. Analysts said a Malta-registered firm paid.',
    );
    expect(kinds(x)).toMatchObject({
      'Brandt & Keller': 'ORGANIZATION',
      'Organisation for Economic Co-operation and Development': 'ORGANIZATION',
      Malta: 'COUNTRY',
    });
    const names = x.entities.map((e) => e.name);
    for (const fragment of [
      'Economic Co-operation',
      'MP',
      'Analysts',
      'Malta-registered',
      'Brandt',
    ])
      expect(names).not.toContain(fragment);
    expect(x.quotes.some((q) => q.text.startsWith('a Malta-registered firm paid'))).toBe(true);
  });

  it('keeps a place an organisation is named after apart from the organisation', () => {
    const x = extract(
      'The Tembisa Clean Water Forum filed the complaint. Residents of Tembisa said the taps ran dry.',
    );
    expect(kinds(x)).toMatchObject({
      'Tembisa Clean Water Forum': 'ORGANIZATION',
      Tembisa: 'PLACE',
    });
  });

  it('types as people the names a clause describes before naming them', () => {
    const x = extract(
      'A mother of two in Kelso whose son sits exams next year, Morag Finlay, said she backed the teachers. Her neighbour, a quiet man from Arran named Ewan Tosh, disagreed.',
    );
    expect(kinds(x)).toMatchObject({ 'Morag Finlay': 'PERSON', 'Ewan Tosh': 'PERSON' });
  });

  it('makes a name taken for a place an organisation once it has a managing director', () => {
    const x = extract(
      "The mayor says she will take the bus contract away from Tandem Travel. Tandem Travel's managing director, Raj Mehta, was not available.",
    );
    expect(kinds(x)['Tandem Travel']).toBe('ORGANIZATION');
  });
});

describe('names of bodies and laws', () => {
  it('keeps "Office of the Auditor-General" whole and "the Commission" with the European Commission', () => {
    const x = extract(
      'A report by the Office of the Auditor-General was tabled. The European Commission opened a case. The Commission declined to comment.',
    );
    expect(x.entities.map((e) => [e.name, e.kind])).toEqual([
      ['Office of the Auditor-General', 'GOVERNMENT'],
      ['European Commission', 'GOVERNMENT'],
    ]);
  });

  it('reads a place followed by a lower-case "regional council" or "district council" as one government', () => {
    const x = extract(
      'The Kaimai regional council has ordered Halden Quarries to stop the dust. Brackley district council said it would act.',
    );
    expect(kinds(x)).toEqual({
      'Halden Quarries': 'ORGANIZATION',
      'Kaimai Regional Council': 'GOVERNMENT',
      'Brackley District Council': 'GOVERNMENT',
    });
  });

  it('types a capitalised name ending in Act or Regulation as a law', () => {
    const x = extract(
      'The Courts of Justice Act fixes the appeal period. The Battery Passport Regulation was adopted in 2024.',
    );
    expect(kinds(x)).toMatchObject({
      'Courts of Justice Act': 'OTHER',
      'Battery Passport Regulation': 'OTHER',
    });
  });

  it('names the ministry of the one minister an article names when it says "the ministry", and a provincial one', () => {
    const x = extract(
      'Health Minister Priya Raman defended the plan. The ministry said the figures were final.',
    );
    expect(kinds(x)).toMatchObject({ 'Ministry of Health': 'GOVERNMENT' });
    expect(kinds(extract('The provincial environment ministry stayed silent.'))).toEqual({
      'Environment Ministry': 'GOVERNMENT',
    });
  });
});

describe('names and kinds from evidence (fifth round)', () => {
  it('ends a person\'s name before "of" the firm they work for', () => {
    const x = extract('Analyst Tamara Okonjo of Greyfield Securities said the offer was low.');
    expect(kinds(x)).toMatchObject({
      'Tamara Okonjo': 'PERSON',
      'Greyfield Securities': 'ORGANIZATION',
    });
  });

  it("leaves a nationality out of a person's name and a title of a work out of the entities", () => {
    const x = extract(
      'The club\'s manager, the Argentine Hernando Vallespir, said "The Salt Road" was his favourite film.',
    );
    expect(kinds(x)['Hernando Vallespir']).toBe('PERSON');
    expect(x.entities.map((e) => e.name)).not.toContain('Argentine Hernando Vallespir');
    expect(x.entities.map((e) => e.name)).not.toContain('Salt Road');
  });

  it("reads places from a constituency and an organisation's site, and a demonym of an article's own name as no entity", () => {
    const x = extract(
      'Gwenllian Rees, the member for Carnhedryn, said Tessaro would slow production at its Ostrava plant. Velmarian officials in Velmaria agreed.',
    );
    expect(kinds(x)).toMatchObject({ Carnhedryn: 'PLACE', Ostrava: 'PLACE' });
    expect(x.entities.map((e) => e.name)).not.toContain('Velmarian');
  });

  it('keeps proper words after a known place as a longer name, and a plural "of the" name whole', () => {
    const x = extract(
      'The decision was welcomed by Rotterdam Harbour Users and criticised by Friends of the Polders.',
    );
    expect(x.entities.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Rotterdam Harbour Users', 'Friends of the Polders']),
    );
  });
});

describe('names and kinds from how the sentence uses them', () => {
  it('reads a possessive opening a sentence and the public body it owns', () => {
    const x = extract(
      "Catalonia's housing tribunal has ordered Solera Habitat to repay the fees. The Western Cape's education department will appeal.",
    );
    expect(kinds(x)).toMatchObject({
      Catalonia: 'PLACE',
      'Housing Tribunal': 'GOVERNMENT',
      'Western Cape': 'PLACE',
      'Education Department': 'GOVERNMENT',
    });
  });

  it('keeps hyphenated titles, "Chief" before a given name and Catalan surnames out of or in the name', () => {
    const x = extract(
      'Director-General Esther Wanjiku spoke first. "Who was listening?" said Chief Marie Cardinal of the Lac Brochet First Nation. Its spokesman, Jordi Puig i Serra, agreed.',
    );
    expect(kinds(x)).toMatchObject({
      'Esther Wanjiku': 'PERSON',
      'Marie Cardinal': 'PERSON',
      'Lac Brochet First Nation': 'GOVERNMENT',
      'Jordi Puig i Serra': 'PERSON',
    });
  });

  it('types coined firm and club names as organisations, even with a given name or a short form', () => {
    const x = extract(
      'Northwind Air must file a safety plan. Telco One said it would refund customers. Officials gave Kelvin Rovers until Friday. "Why?" asked Rovers manager Callum Reid.',
    );
    expect(kinds(x)).toMatchObject({
      'Northwind Air': 'ORGANIZATION',
      'Telco One': 'ORGANIZATION',
      'Kelvin Rovers': 'ORGANIZATION',
      'Callum Reid': 'PERSON',
    });
  });
});

describe('titles, particles, initials and words that name nobody (seventh round)', () => {
  it('takes "Speaker" as a title, also after the chamber it presides over', () => {
    const x = extract(
      'House Speaker Mirela Tanase opened the session. "We sit until midnight," Speaker Tanase said.',
    );
    expect(kinds(x)).toMatchObject({ 'Mirela Tanase': 'PERSON' });
    expect(x.entities.map((e) => e.name)).not.toContain('House Speaker Mirela Tanase');
    expect(x.quotes[0]?.speaker).toBe(x.entities.find((e) => e.name === 'Mirela Tanase')?.key);
  });

  it('keeps two particles in a row inside a surname', () => {
    const x = extract(
      'Its auditor, Griet van der Meulen, objected, and so did Carlos de la Fuente.',
    );
    expect(kinds(x)).toMatchObject({
      'Griet van der Meulen': 'PERSON',
      'Carlos de la Fuente': 'PERSON',
    });
    expect(x.entities.map((e) => e.name)).not.toContain('Griet');
  });

  it('names no party member and no demonym in -nese', () => {
    const x = extract(
      'Rep. Ola Brandvik, a Democrat from Iowa, voted no. Republicans objected. In Aceh the Acehnese farmers protested.',
    );
    const names = x.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Ola Brandvik', 'Iowa', 'Aceh']));
    expect(names).not.toContain('Democrat');
    expect(names).not.toContain('Republicans');
    expect(names).not.toContain('Acehnese');
  });

  it('keeps an ordinal that opens the name of a court', () => {
    const x = extract('The 9th Circuit Court of Appeals heard the case on Monday.');
    expect(kinds(x)).toMatchObject({ '9th Circuit Court of Appeals': 'GOVERNMENT' });
  });

  it('reads capitals as the initials of a name before the first word of another name', () => {
    const x = extract(
      "The Rugby Football Union runs the RFU Championship. The RFU fined Harlow. The Metro Area Rapid Transit Authority met. MART's board agreed.",
    );
    const union = x.entities.find((e) => e.name === 'Rugby Football Union');
    const transit = x.entities.find((e) => e.name === 'Metro Area Rapid Transit Authority');
    expect(union?.aliases).toContain('RFU');
    expect(transit?.aliases).toContain('MART');
    expect(x.entities.filter((e) => e.name === 'RFU' || e.name === 'MART')).toEqual([]);
  });

  it('types a person by the trade before the name', () => {
    const x = extract('His partner, the businessman Oyelowo Adebanjo, paid the bail.');
    expect(kinds(x)).toMatchObject({ 'Oyelowo Adebanjo': 'PERSON' });
  });

  it('takes where a match, a crossing or a meeting happens on a day as a place', () => {
    const x = extract(
      'Dunmore City lost 2-0 at Carrow Fields on Saturday. Aid crossed the border at Torkam Kalay. The final at Hollins Park is on June 1.',
    );
    expect(kinds(x)).toMatchObject({
      'Carrow Fields': 'PLACE',
      'Torkam Kalay': 'PLACE',
      'Hollins Park': 'PLACE',
    });
  });

  it('keeps an office named after its holder whole ("the Sheriff\'s Office", "… Office for the …")', () => {
    const x = extract(
      "The U.S. Attorney's Office for the Eastern District of Texas said it would appeal. The Sheriff's Office declined to comment.",
    );
    expect(kinds(x)).toMatchObject({
      "U.S. Attorney's Office for the Eastern District of Texas": 'GOVERNMENT',
      "Sheriff's Office": 'GOVERNMENT',
    });
    expect(x.entities.map((e) => e.name)).not.toContain('Office');
  });
});

describe('titles no list holds', () => {
  it('reads an agent noun before a given name and a title "of" its field as titles', () => {
    const x = extract(
      'County Supervisor Thaddeus Mwangi voted for the closures. Arizona Secretary of State Delia Manriquez said her office would help.',
    );
    const people = x.entities.filter((e) => e.kind === 'PERSON');
    expect(people.map((e) => [e.name, e.title])).toEqual([
      ['Thaddeus Mwangi', 'County Supervisor'],
      ['Delia Manriquez', 'Arizona Secretary of State'],
    ]);
  });

  it('reads a name opened by letters in capitals as a firm, and a legislature as a government', () => {
    const x = extract(
      'MTN Nigeria said it was working. The California State Legislature passed the bill.',
    );
    expect(kinds(x)).toMatchObject({
      'MTN Nigeria': 'ORGANIZATION',
      'California State Legislature': 'GOVERNMENT',
    });
  });

  it("keeps a plural possessive inside a committee's name", () => {
    const x = extract("The bill went to the Senate Veterans' Affairs Committee on Monday.");
    expect(kinds(x)).toEqual({ "Senate Veterans' Affairs Committee": 'GOVERNMENT' });
  });

  it('reads a name before "anchor" or "correspondent" as a news outlet', () => {
    const x = extract('The moderator, KUSA anchor Kyle Dempsey-Ward, struggled to keep time.');
    expect(kinds(x)).toMatchObject({ KUSA: 'MEDIA_OUTLET', 'Kyle Dempsey-Ward': 'PERSON' });
  });

  it('keeps a commission "on" a field that opens with an adjective whole', () => {
    const x = extract(
      'The Texas Commission on Environmental Quality said in a letter that the plan was late.',
    );
    expect(kinds(x)).toMatchObject({
      'Texas Commission on Environmental Quality': 'GOVERNMENT',
    });
    expect(x.entities.map((e) => e.name)).not.toContain('Environmental Quality');
  });

  it('reads a plural owner with its apostrophe outside the word as the short form of its firm', () => {
    const x = extract(
      "Vale Highways Ltd has until November 30 to finish repairs. Vale Highways' managing director, Owain Pritchard, said the firm was late.",
    );
    expect(kinds(x)).toEqual({
      'Vale Highways Ltd': 'ORGANIZATION',
      'Owain Pritchard': 'PERSON',
    });
  });

  it('names nothing with a word that closes a quotation before "said"', () => {
    const x = extract(
      '"Finally!" said Marieke de Groot, who runs a barge company. "Yes," said Amira Haddad.',
    );
    expect(x.entities.map((e) => e.name)).toEqual(['Marieke de Groot', 'Amira Haddad']);
  });

  it('reads a name opened by "Daily" as a newspaper', () => {
    const x = extract('Wanjiru Kamau, speaking to the Daily Nation, defended the deadline.');
    expect(kinds(x)).toMatchObject({ 'Daily Nation': 'MEDIA_OUTLET' });
  });

  it('reads a person from an apposition whose noun follows a nationality ("X, a Turkish striker")', () => {
    const x = extract(
      'Two goals from Ilkay Baranoglu, a Turkish striker who joined in January, won the match.',
    );
    expect(kinds(x)).toEqual({ 'Ilkay Baranoglu': 'PERSON' });
  });

  it('keeps a club named by its last word an organisation when its coach is named after it with a comma', () => {
    const x = extract(
      "Sokol Brzeg won the cup on Saturday. Brzeg's coach, Kasia Wrzesniewska, praised the players.",
    );
    expect(kinds(x)).toEqual({ 'Sokol Brzeg': 'ORGANIZATION', 'Kasia Wrzesniewska': 'PERSON' });
  });

  it('reads a name ending in "Cup" or "Championship" as a competition (OTHER)', () => {
    const x = extract(
      'Sokol Brzeg won the Polish Cup on Saturday and will play in the European Championship.',
    );
    expect(kinds(x)).toMatchObject({ 'Polish Cup': 'OTHER', 'European Championship': 'OTHER' });
  });

  it('takes a particle opening a name for an article, not a sign of a person ("Le Conquet")', () => {
    const x = extract(
      'A fisherman who sells his catch in Le Conquet said the boat was late. Trebaol told the newspaper Le Telegramme that nothing was decided. Marine Le Pen did not comment.',
    );
    expect(kinds(x)).toMatchObject({
      'Le Conquet': 'PLACE',
      'Le Telegramme': 'MEDIA_OUTLET',
      'Marine Le Pen': 'PERSON',
    });
  });

  it('gives a name first typed an organisation for want of evidence the kind a later mention shows', () => {
    const x = extract(
      'Tea prices fell at the Mombasa auction on Tuesday. Wanjiku Gathoni, a broker in Mombasa, said buyers were waiting.',
    );
    expect(kinds(x)).toMatchObject({ Mombasa: 'PLACE', 'Wanjiku Gathoni': 'PERSON' });
  });

  it('reads a single word before a mine, shaft or terminal as the place the site is named after', () => {
    const x = extract(
      'Operations at the Zhaltyr copper mine were suspended. Miners at the Mufwala shaft struck.',
    );
    expect(kinds(x)).toEqual({ Zhaltyr: 'PLACE', Mufwala: 'PLACE' });
  });

  it('reads a name in apposition to a town, village or city as a place', () => {
    const x = extract(
      "Flooding hit Tepelena, a mountain town, on Monday. The storm reached Varkaus, the region's largest city, at noon.",
    );
    expect(kinds(x)).toEqual({ Tepelena: 'PLACE', Varkaus: 'PLACE' });
  });

  it('reads a name after a preposition of place and a word for part of a region as a place', () => {
    const x = extract('He grew up in rural Tepelena before moving to the coast.');
    expect(kinds(x)).toEqual({ Tepelena: 'PLACE' });
  });

  it('reads a name that is arrested, jailed or born as a person', () => {
    const x = extract(
      'Nurlan Bekov and Aigerim Sadykova were arrested in May. Police later detained Timur Abenov.',
    );
    expect(kinds(x)).toEqual({
      'Nurlan Bekov': 'PERSON',
      'Aigerim Sadykova': 'PERSON',
      'Timur Abenov': 'PERSON',
    });
  });

  it('keeps a capitalised noun opening a body\'s name inside a sentence ("the Consumer Federation of …")', () => {
    const x = extract(
      'Shoppers lost money, the Consumer Federation of the Philippines said. He joined the Farmers Union.',
    );
    expect(kinds(x)).toMatchObject({
      'Consumer Federation of the Philippines': 'ORGANIZATION',
      'Farmers Union': 'ORGANIZATION',
    });
  });

  it('reads a name told something after "the" as a news outlet unless its head says otherwise', () => {
    const x = extract(
      'The lawmaker told the Sacramento Bee that he would vote no. He told the Rotary Club that he would run.',
    );
    expect(kinds(x)).toEqual({ 'Sacramento Bee': 'MEDIA_OUTLET', 'Rotary Club': 'ORGANIZATION' });
  });

  it('does not read a name whose last word stands alone before ", which" as a person', () => {
    const x = extract(
      'The watchdog ordered Baltic Ferrylink to sell two routes. Ferrylink, which is owned by an investment group, said it would comply.',
    );
    expect(kinds(x)).toMatchObject({ 'Baltic Ferrylink': 'ORGANIZATION' });
  });

  it('reads "the government of X" as the government of that place, an actor of its own', () => {
    const x = extract('The government of Varnia has given the rebels until March 1 to leave.');
    expect(kinds(x)).toMatchObject({ 'Government of Varnia': 'GOVERNMENT' });
  });
});

describe('places named by the land and water around them', () => {
  it('reads a name before a lower-case river, stream, lake or constituency as a place', () => {
    const x = extract(
      'Acid reached the Mwambashi stream and then the Kafue river. Voters in the Kitwe constituency were angry.',
    );
    expect(kinds(x)).toMatchObject({ Mwambashi: 'PLACE', Kafue: 'PLACE', Kitwe: 'PLACE' });
  });

  it('reads names after "the districts of" or "the port of" as places', () => {
    const x = extract(
      'The line will link the districts of Cerro Colorado and Miraflores. Ore leaves through the port of Lobito.',
    );
    expect(kinds(x)).toMatchObject({
      'Cerro Colorado': 'PLACE',
      Miraflores: 'PLACE',
      Lobito: 'PLACE',
    });
  });
});

describe('places after a region word or a distance', () => {
  it('reads a name after "the" and a word for part of a region as a place', () => {
    const x = extract('The typhoon struck the central Visayas on Sunday.');
    expect(kinds(x)).toMatchObject({ Visayas: 'PLACE' });
  });

  it('reads a name after "as far as" as a place', () => {
    const x = extract('Fish have died as far as Chingola, officials said.');
    expect(kinds(x)).toMatchObject({ Chingola: 'PLACE' });
  });
});

describe('storms', () => {
  it('reads a name opened by Typhoon, Hurricane, Cyclone or Tropical Storm as an event (OTHER)', () => {
    const x = extract(
      'Typhoon Odette killed 112 people. Officials compared it with Hurricane Maria and Tropical Storm Alberto.',
    );
    expect(kinds(x)).toMatchObject({
      'Typhoon Odette': 'OTHER',
      'Hurricane Maria': 'OTHER',
      'Tropical Storm Alberto': 'OTHER',
    });
  });
});

describe('firms named by their trade', () => {
  it('reads a name opened by a Spanish or Portuguese word for a trade as an organisation', () => {
    const x = extract(
      'The venture with its partner, Mineração Paraopeba, was suspended. Minera Cordillera Azul said it would appeal.',
    );
    expect(kinds(x)).toMatchObject({
      'Mineração Paraopeba': 'ORGANIZATION',
      'Minera Cordillera Azul': 'ORGANIZATION',
    });
  });

  it('reads a name ending in a metal or cement as an organisation', () => {
    const x = extract('Sary Arka Copper said output fell. Tanga Cement raised prices.');
    expect(kinds(x)).toMatchObject({
      'Sary Arka Copper': 'ORGANIZATION',
      'Tanga Cement': 'ORGANIZATION',
    });
  });
});

describe('places people travel to', () => {
  it('reads the object of "visited" or "reach" and the end of "flew to" or "fled from" as places', () => {
    const x = extract(
      'The president visited Brasília. Ships could not reach Dinagat. Families fled from Tillaberi.',
    );
    expect(kinds(x)).toMatchObject({ Brasília: 'PLACE', Dinagat: 'PLACE', Tillaberi: 'PLACE' });
  });
});

describe('country names without their article', () => {
  it('reads "Democratic Republic of Congo" as the country', () => {
    const x = extract('The mine lies near the border with the Democratic Republic of Congo.');
    expect(kinds(x)).toMatchObject({ 'Democratic Republic of the Congo': 'COUNTRY' });
  });
});

describe('regions', () => {
  it('reads a capitalised name ending in Region as a place', () => {
    const x = extract("She trained a generation of midwives for Ghana's Northern Region.");
    expect(kinds(x)).toMatchObject({ 'Northern Region': 'PLACE' });
  });
});

describe('places named by their land form or district', () => {
  it('reads names ending in Oblast, Basin, Plateau, Lagoon or Municipality as places', () => {
    const x = extract(
      'Shelling hit Zaporizhzhia Oblast. Herders crossed the Tavush Plateau into the Kafue Basin. Fishing stopped on Keta Lagoon, Ada East Municipality said.',
    );
    expect(kinds(x)).toMatchObject({
      'Zaporizhzhia Oblast': 'PLACE',
      'Tavush Plateau': 'PLACE',
      'Kafue Basin': 'PLACE',
      'Keta Lagoon': 'PLACE',
    });
  });
});

describe('places whose people are named', () => {
  it('reads the name after "the women of" or "the king of" as a place', () => {
    const x = extract(
      'The honour belonged to the women of Dagbon, she said. The king of Toro agreed.',
    );
    expect(kinds(x)).toMatchObject({ Dagbon: 'PLACE', Toro: 'PLACE' });
  });
});
describe('public bodies named in Spanish or Portuguese', () => {
  it('reads Ministerio de …, Prefeitura de … and the Public Defender as government', () => {
    const x = extract(
      'The Ministerio de Economía fined the firm. The Prefeitura de Recife objected, and the Public Defender filed a complaint.',
    );
    expect(kinds(x)).toMatchObject({
      'Ministerio de Economía': 'GOVERNMENT',
      'Prefeitura de Recife': 'GOVERNMENT',
      'Public Defender': 'GOVERNMENT',
    });
  });
});
