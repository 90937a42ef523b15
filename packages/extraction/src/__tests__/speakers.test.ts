import { extractArticle } from '../extractor';
import type { Extraction } from '../types';

function read(body: string): Extraction {
  return extractArticle({ body, publishedOn: '2025-03-12' });
}

/** [speaker name or null, quote text] for every quote of one kind, in text order. */
function quotes(
  extraction: Extraction,
  kind: 'direct' | 'indirect' = 'direct',
): [string | null, string][] {
  const names = new Map(extraction.entities.map((e) => [e.key, e.name]));
  return extraction.quotes
    .filter((q) => q.direct === (kind === 'direct'))
    .map((q) => [q.speaker === null ? null : (names.get(q.speaker) ?? q.speaker), q.text]);
}

describe('speaker attribution', () => {
  it('knows reporting verbs beyond "said", in every inflection', () => {
    const extraction = read(
      'Tobias Wrenfield had no plan. "We will get there in the end," Wrenfield quipped.\n' +
        'Renata Szabo was delighted. "They are the most stubborn people I know," Szabo gushed.',
    );
    expect(quotes(extraction)).toEqual([
      ['Tobias Wrenfield', 'We will get there in the end,'],
      ['Renata Szabo', 'They are the most stubborn people I know,'],
    ]);
  });

  it('takes a colon with no verb as the introduction of a quote', () => {
    const extraction = read(
      'Councillor Bethan Aldous, on Twitter: "If you want a town centre with no shops, this is how you get it."',
    );
    expect(quotes(extraction)).toEqual([
      ['Bethan Aldous', 'If you want a town centre with no shops, this is how you get it.'],
    ]);
    expect(extraction.quotes[0]?.channel).toBe('SOCIAL_MEDIA');
  });

  it('attributes a quote ending in a question mark to the short sentence after it, never to "Sen."', () => {
    const extraction = read(
      '"Who is going to explain that to a nurse on the night shift?" Sen. Dalia Okonkwo asked. "Not me."',
    );
    expect(quotes(extraction)).toEqual([
      ['Dalia Okonkwo', 'Who is going to explain that to a nurse on the night shift?'],
      ['Dalia Okonkwo', 'Not me.'],
    ]);
    expect(extraction.entities.map((e) => e.name)).not.toContain('Sen');
  });

  it('never gives "she" to a man, even when he spoke last', () => {
    const extraction = read(
      'Coach Maria Lindqvist faced the press. "We were not good enough," Lindqvist said.\n' +
        '"We let her down," her captain, Emeka Dunmore, said.\n' +
        '"Every coach fears for her job," she said.',
    );
    expect(quotes(extraction)[2]).toEqual(['Maria Lindqvist', 'Every coach fears for her job,']);
  });

  it('does not hand "he" to the person just spoken to', () => {
    const extraction = read(
      '"We will not sign," Daniel Brooks told Peter Lang on Monday. "Not this year," he added.',
    );
    expect(quotes(extraction).map(([speaker]) => speaker)).toEqual([
      'Daniel Brooks',
      'Daniel Brooks',
    ]);
  });

  it('takes the subject of the clause as the speaker, not its object', () => {
    const extraction = read(
      'Opposition leader Mirela Dragan aimed her criticism at Anders Kjellberg, saying the minister had "chosen the mills over the motorists".',
    );
    expect(quotes(extraction)).toEqual([['Mirela Dragan', 'chosen the mills over the motorists']]);
  });

  it('takes the name in apposition to a possessive description', () => {
    const extraction = read(
      'Governor Ines Halvorsen stayed away. "The governor has met every deadline," said Halvorsen\'s communications director, Priya Castellano.',
    );
    expect(quotes(extraction)).toEqual([
      ['Priya Castellano', 'The governor has met every deadline,'],
    ]);
  });

  it('gives what a document says to the organisation the article is about', () => {
    const extraction = read(
      'A leaked memo shows that the logistics company Quillfast Holdings planned to close three warehouses. "Do not discuss timelines with site staff," the memo says.',
    );
    expect(quotes(extraction)).toEqual([
      ['Quillfast Holdings', 'Do not discuss timelines with site staff,'],
    ]);
  });

  it('does not take the title of a show or a scare-quoted phrase for a quote', () => {
    const extraction = read(
      'Gareth Monkton said the charges were fair. "People will get used to it," Monkton said.\n' +
        'He appeared on the radio programme "Morning Matters" on Monday to defend what critics call the "parking tax".',
    );
    expect(quotes(extraction)).toEqual([['Gareth Monkton', 'People will get used to it,']]);
  });

  it('keeps a quote whose speaker it cannot name, unattributed and with a low confidence', () => {
    const extraction = read(
      'A group of retailers that brought the original complaint said the fine was "long overdue".',
    );
    const [quote] = extraction.quotes.filter((q) => q.direct);
    expect(quote?.text).toBe('long overdue');
    expect(quote?.speaker).toBeNull();
    expect(quote?.confidence).toBeLessThan(0.5);
  });
});

describe('speakers of verbs joined by "and", and organisations the names do not reveal', () => {
  it('gives a second verb joined by "and" the subject of the first', () => {
    const extraction = read('Mayor Lena Fischer paused and added: "We are not done yet."');
    expect(quotes(extraction)).toEqual([['Lena Fischer', 'We are not done yet.']]);
  });

  it('lets "the company" and "it" refer back to a named company', () => {
    const extraction = read(
      'In a statement, Norvane Energy said it would cut 300 jobs. "This was a difficult decision," the company added. "We will support every worker," it said.',
    );
    expect(quotes(extraction).map(([speaker]) => speaker)).toEqual([
      'Norvane Energy',
      'Norvane Energy',
    ]);
  });
});

describe('indirect and mixed speech', () => {
  it('reads the reported clause after "told reporters" and after ", saying"', () => {
    const extraction = read(
      'Sen. Dalia Okonkwo spoke after the vote. She told reporters the levy would raise about 40 million a year.\n' +
        'Rep. Tobias Wrenfield aimed his criticism at Governor Ines Halvorsen, saying the governor had walked away from the table twice.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Dalia Okonkwo', 'the levy would raise about 40 million a year'],
      ['Tobias Wrenfield', 'the governor had walked away from the table twice'],
    ]);
  });

  it('keeps reported speech whose speaker it cannot name, unattributed', () => {
    const extraction = read(
      'A lawsuit filed on Monday by four workers alleges that managers were told to discourage staff from joining the union.',
    );
    const [reported] = extraction.quotes;
    expect(reported?.text).toBe('managers were told to discourage staff from joining the union');
    expect(reported?.direct).toBe(false);
    expect(reported?.speaker).toBeNull();
    expect(reported?.confidence).toBeLessThan(0.5);
  });

  it('keeps reported speech with a quoted fragment inside whole, as mixed', () => {
    const extraction = read(
      'The Oxley Chamber of Commerce said the charges were "the final straw" for small retailers.',
    );
    const mixed = extraction.quotes.filter((q) => q.mixed);
    expect(mixed.map((q) => [q.direct, q.text])).toEqual([
      [false, 'the charges were "the final straw" for small retailers'],
    ]);
  });

  it('resolves a description of a person to the person it describes', () => {
    const extraction = read(
      '"We were in the room," Rep. Tobias Wrenfield said.\n' +
        'The Republican lawmaker conceded that his caucus had no plan of its own for the levy.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Tobias Wrenfield', 'his caucus had no plan of its own for the levy'],
    ]);
  });
});

describe('speakers named again, and pronouns that only nearness decides', () => {
  it('takes a surname used alone for the person named in full earlier, whatever the first name', () => {
    const extraction = read(
      'Assistant coach Ji-woo Park will take charge on Saturday. "I am thinking about Saturday," Park said.\n' +
        'The former striker Hakan Yıldırım, now a pundit, disagreed. "The players stopped running a month ago," said Yıldırım.',
    );
    expect(quotes(extraction)).toEqual([
      ['Ji-woo Park', 'I am thinking about Saturday,'],
      ['Hakan Yıldırım', 'The players stopped running a month ago,'],
    ]);
    expect(extraction.entities.find((e) => e.name === 'Hakan Yıldırım')?.kind).toBe('PERSON');
  });

  it('gives "she" to the woman introduced since the last quote, not to one named before it', () => {
    const extraction = read(
      'Mayor Lucía Ferreira Santos opened the debate. "Forty thousand people live out there," she said.\n' +
        'Councillor Graham Whitcombe said the figures did not add up. "We are being asked to sign a blank cheque," Whitcombe said.\n' +
        'He was backed by Councillor Yetunde Bakare-Olatunji, who chairs the finance committee. "I do not support debt without end," she said.',
    );
    expect(quotes(extraction).map(([speaker]) => speaker)).toEqual([
      'Lucía Ferreira Santos',
      'Graham Whitcombe',
      'Yetunde Bakare-Olatunji',
    ]);
  });
});

describe('spokespeople, documents and descriptions of a speaker', () => {
  it('keeps giving "she" to the organisation whose spokeswoman is speaking in the paragraph', () => {
    const extraction = read(
      'Meridian Savings Bank waited eleven days before telling customers.\n' +
        'A bank spokeswoman said the delay was needed. "Telling customers too early would have told the criminals," she said. "We stand by it."',
    );
    expect(quotes(extraction)).toEqual([
      ['Meridian Savings Bank', 'Telling customers too early would have told the criminals,'],
      ['Meridian Savings Bank', 'We stand by it.'],
    ]);
  });

  it('gives what "the letter" or "the report" says to whoever the text says wrote it', () => {
    const extraction = read(
      'Meridian Savings Bank was fined. Its chief executive, Arjun Balasubramanian, apologised in a letter to customers. "I am sorry, and we let you down," the letter said.\n' +
        'A report by the consumer group FairLedger said Meridian had cut its budget. "Cutting the locks is not a strategy," the report said.',
    );
    expect(quotes(extraction)).toEqual([
      ['Arjun Balasubramanian', 'I am sorry, and we let you down,'],
      ['FairLedger', 'Cutting the locks is not a strategy,'],
    ]);
  });

  it('takes "the 61-year-old" and "the Brazilian" for the person just written about', () => {
    const extraction = read(
      'The club captain, Thiago Vasconcelos, posted a tribute. "Thank you, boss," the Brazilian wrote.\n' +
        'Kofi Mensah-Bonsu said he would take a break. "My wife has been waiting thirty years for a holiday," the 61-year-old said.',
    );
    expect(quotes(extraction)).toEqual([
      ['Thiago Vasconcelos', 'Thank you, boss,'],
      ['Kofi Mensah-Bonsu', 'My wife has been waiting thirty years for a holiday,'],
    ]);
  });

  it('finds "the chain" through the apposition that introduced it ("a supermarket chain, Greenfold")', () => {
    const extraction = read(
      'The problem was a contract with a supermarket chain, Greenfold, that paid too little. Parcelwise and Hollis Crane disagreed.\n' +
        'A spokeswoman for the chain said only that it had "honoured every term" of the agreement.',
    );
    expect(quotes(extraction)).toEqual([['Greenfold', 'honoured every term']]);
  });
});

describe('long speaker phrases', () => {
  it('reads "said Dr. Soo-ah Kang, the chief medical officer of …" past the stop of "Dr."', () => {
    const extraction = read(
      '"A pause is not a verdict," said Dr. Soo-ah Kang, the chief medical officer of the charity MalariaFree.',
    );
    expect(quotes(extraction)).toEqual([['Soo-ah Kang', 'A pause is not a verdict,']]);
  });

  it('looks past a relative clause with "that" in it to the name before it', () => {
    const extraction = read(
      '"We could hear nothing," Superintendent Helena Brannigan, who was in charge of the control room that afternoon, told the hearing.',
    );
    expect(quotes(extraction)).toEqual([['Helena Brannigan', 'We could hear nothing,']]);
  });
});

describe('interview transcripts', () => {
  it('quotes each answer of a Q&A directly as the interviewee speaking to the outlet, with no cue', () => {
    const extraction = read(
      'Dr. Chidinma Okonkwo-Reyes has run the hospital for six years. She spoke to the Wexford Bay Herald.\n' +
        'Q: Why not simply meet the demand?\n' +
        'A: Because the money does not exist.\n' +
        'Q: Would you resign?\n' +
        'A: Of course. Nobody is bigger than this hospital.',
    );
    expect(quotes(extraction)).toEqual([
      ['Chidinma Okonkwo-Reyes', 'Because the money does not exist.'],
      ['Chidinma Okonkwo-Reyes', 'Of course. Nobody is bigger than this hospital.'],
    ]);
    const answer = extraction.quotes.find((q) => q.direct);
    expect(answer?.cue).toBeNull();
    expect(answer?.channel).toBe('INTERVIEW');
    expect(extraction.entities.find((e) => e.key === answer?.via)?.name).toBe('Wexford Bay Herald');
  });

  it("quotes paragraphs labelled with a speaker's name as that speaker, and never a single label", () => {
    const transcript = read(
      'Priya Raghunathan and Tomasz Wierzbicki debated the bus plan on the radio.\n' +
        'Raghunathan: We will put forty new routes into the countryside.\n' +
        'Wierzbicki: Promises are cheap. Buses are not.\n' +
        'Raghunathan: Then come and ride the first one.',
    );
    expect(quotes(transcript)).toEqual([
      ['Priya Raghunathan', 'We will put forty new routes into the countryside.'],
      ['Tomasz Wierzbicki', 'Promises are cheap. Buses are not.'],
      ['Priya Raghunathan', 'Then come and ride the first one.'],
    ]);
    expect(
      quotes(read('Priya Raghunathan spoke.\nRaghunathan: the new routes start in May.')),
    ).toEqual([]);
  });
});

describe('what the words around a name say about who it is', () => {
  it('takes a name with an age, or a person noun in apposition, for a person that "he" can be', () => {
    const extraction = read(
      'Her neighbour, Emeka Obi, 34, carried her to a boat past the River Aske. "She kept telling me to go back," he said.',
    );
    expect(quotes(extraction)).toEqual([['Emeka Obi', 'She kept telling me to go back,']]);
    expect(extraction.entities.find((e) => e.name === 'Emeka Obi')?.kind).toBe('PERSON');
  });

  it('links a surname standing alone to the full name and its ", who" clause to the speaker', () => {
    const extraction = read(
      'Ananya Krishnamurthy founded Kinetiq with Mateusz Zieliński, a former lecturer, in 2014.\n' +
        'Zieliński, who left the board last year, said he was "heartbroken" by the cuts.',
    );
    expect(quotes(extraction)).toEqual([['Mateusz Zieliński', 'heartbroken']]);
  });

  it('does not take a council named before a person for "a council spokeswoman"', () => {
    const extraction = read(
      'The leader of Denby District Council, Aleksander Nowicki, defended the system. "The river rose fast," Nowicki said.\n' +
        'A council spokeswoman said the shelter would stay open "as long as it is needed".',
    );
    expect(quotes(extraction)).toEqual([
      ['Aleksander Nowicki', 'The river rose fast,'],
      ['Denby District Council', 'as long as it is needed'],
    ]);
  });

  it('gives "X, now a television pundit, said" to X, not to the last speaker', () => {
    const extraction = read(
      'Thiago Vasconcelos posted a tribute. "Thank you, boss," he wrote.\n' +
        'The former striker Hakan Yıldırım, now a television pundit, said the sacking was overdue.',
    );
    expect(quotes(extraction, 'indirect')).toContainEqual([
      'Hakan Yıldırım',
      'the sacking was overdue',
    ]);
  });
});

describe('where a speaker phrase ends', () => {
  it('does not give a quote to the next sentence when that sentence reports its own clause', () => {
    const extraction = read(
      'Sunniva Hjelmstad, a former teacher, made a plea. "Nobody has said the word education," she said. "Not once, in two hours." Graham Oyelowo said the party needed to win back rural voters.',
    );
    expect(quotes(extraction)).toEqual([
      ['Sunniva Hjelmstad', 'Nobody has said the word education,'],
      ['Sunniva Hjelmstad', 'Not once, in two hours.'],
    ]);
  });

  it('takes "the general secretary" from "X, the general secretary of the union", a person', () => {
    const extraction = read(
      'Zhang Wei, the general secretary of the Associated Locomotive Engineers, left the talks. "We leave with nothing," Zhang Wei told reporters.\n' +
        'Northline Rail said the offer was fair. The general secretary said nurses had been "badly treated too".',
    );
    expect(quotes(extraction)).toEqual([
      ['Zhang Wei', 'We leave with nothing,'],
      ['Zhang Wei', 'badly treated too'],
    ]);
    expect(extraction.entities.find((e) => e.name === 'Zhang Wei')?.kind).toBe('PERSON');
  });

  it('does not make a river a person because its name is used as a modifier later', () => {
    const extraction = read(
      'Homes were evacuated after the River Aske burst its banks. Rachel Okafor-Haines, the fire chief, was angry.\n' +
        'Okafor-Haines said crews were tired. "We have been warning about the Aske embankment for years," she said.',
    );
    expect(extraction.entities.find((e) => e.name === 'River Aske')?.kind).not.toBe('PERSON');
    expect(quotes(extraction)).toEqual([
      ['Rachel Okafor-Haines', 'We have been warning about the Aske embankment for years,'],
    ]);
  });
});

describe('descriptions with a name in them', () => {
  it('gives "the Greens leader" to the person named with the Greens, not to another leader', () => {
    const extraction = read(
      'The opposition leader, Rosalind Mbeki-Hart, accused him. "The minister talks," she said.\n' +
        'For the Greens, Kwame Asante-Boateng said the plan did not go far enough. "Why are we arguing about petrol?" the Greens leader asked.',
    );
    expect(quotes(extraction)).toEqual([
      ['Rosalind Mbeki-Hart', 'The minister talks,'],
      ['Kwame Asante-Boateng', 'Why are we arguing about petrol?'],
    ]);
  });
});

describe('speaker attribution on wire and political copy', () => {
  it('gives the words after "aimed her criticism at X, saying" to the described subject, not X', () => {
    const extraction = read(
      'Sen. Wilhelmina Drax spoke first. "This is a stall," Drax said.\n' +
        'The Oregon Democrat aimed her criticism at Speaker Benedikt Ollander, saying he had "run out the clock."',
    );
    expect(quotes(extraction)[1]).toEqual(['Wilhelmina Drax', 'run out the clock.']);
    expect(extraction.entities.map((e) => e.name)).not.toContain('Oregon Democrat');
  });

  it('shares the subject with a participle or a coordinated verb that has none', () => {
    const extraction = read(
      'Campaign manager Corwin Aldane echoed that, telling reporters the loan had been "repaid in full."\n' +
        'Aldane conceded that the timing was "unfortunate" but insisted the campaign had broken no rule.',
    );
    const indirect = quotes(extraction, 'indirect');
    expect(indirect).toContainEqual(['Corwin Aldane', 'the loan had been "repaid in full."']);
    expect(indirect).toContainEqual(['Corwin Aldane', 'the campaign had broken no rule']);
    expect(indirect).toContainEqual(['Corwin Aldane', 'the timing was "unfortunate"']);
  });

  it('gives a paragraph that is only a quote to the person the paragraph before ends on', () => {
    const extraction = read(
      'Ottilie Brandvold, who led the rescue, spoke to reporters at the harbour.\n' +
        '"We found them clinging to the hull. Another hour and we would have lost them."',
    );
    expect(quotes(extraction)).toEqual([
      [
        'Ottilie Brandvold',
        'We found them clinging to the hull. Another hour and we would have lost them.',
      ],
    ]);
  });

  it('takes the named colleague in "wondered his colleague, ward sister X"', () => {
    const extraction = read(
      'Piran Hollis, a porter, raised the alarm. "Nobody came," he said.\n' +
        '"Is anyone reading the reports?" wondered his colleague, ward sister Lowenna Trask.',
    );
    expect(quotes(extraction)[1]?.[0]).toBe('Lowenna Trask');
  });

  it('keeps an organisation name with a possessive inside it whole', () => {
    const extraction = read(
      'The Harbour Fishermen\'s Association said the quota was unfair. "We were never asked," the association said.',
    );
    expect(extraction.entities.map((e) => e.name)).toContain("Harbour Fishermen's Association");
    expect(quotes(extraction)[0]?.[0]).toBe("Harbour Fishermen's Association");
  });

  it('does not pass a quote whose own clause has an unresolved cue to the next speaker', () => {
    const extraction = read(
      'A senior official said the figures had been "misread." Its director, Bram Ostervelt, wrote: "No berth was closed."',
    );
    expect(quotes(extraction)).toEqual([
      [null, 'misread.'],
      ['Bram Ostervelt', 'No berth was closed.'],
    ]);
  });

  it('attributes a quote to a public body written in lower case', () => {
    const extraction = read(
      'The port authority said the figures had been "misread." Its director, Bram Ostervelt, wrote: "No berth was closed."',
    );
    expect(quotes(extraction)).toEqual([
      ['Port Authority', 'misread.'],
      ['Bram Ostervelt', 'No berth was closed.'],
    ]);
  });

  it('reads "he" after "X\'s captain, the midfielder Y," as the person, not the club', () => {
    const extraction = read(
      'Anton Reyes, the guild chairman, said the players were owed money. "They deserve better," Reyes said. Brockhaven Football Club\'s captain, the midfielder Kofi Asante-Bekoe, has been at the club for seven years. "I stayed because I believe in this club," he said.',
    );
    expect(quotes(extraction)).toEqual([
      ['Anton Reyes', 'They deserve better,'],
      ['Kofi Asante-Bekoe', 'I stayed because I believe in this club,'],
    ]);
  });

  it('keeps the reported speech of a plural description, unattributed', () => {
    const extraction = read('Political analysts predicted the vote would be close in the suburbs.');
    expect(quotes(extraction, 'indirect')).toEqual([
      [null, 'the vote would be close in the suburbs'],
    ]);
  });
});

describe('bodies written in lower case', () => {
  it('finds "the interior ministry" and gives "the commission" to the commission, not the last body that spoke', () => {
    const x = read(
      'Ghana\'s electoral commission delayed the results. The interior ministry denied any pressure. "These claims are false," a ministry spokesman said. The commission said the count would end on Friday.',
    );
    expect(x.entities.find((e) => e.name === 'Interior Ministry')?.kind).toBe('GOVERNMENT');
    expect(quotes(x)).toEqual([['Interior Ministry', 'These claims are false,']]);
    expect(quotes(x, 'indirect')).toContainEqual([
      'Electoral Commission of Ghana',
      'the count would end on Friday',
    ]);
  });
});

describe('speakers named after their description or through their document', () => {
  it('gives a quote to the person apposed to "the chair of the group X", not to the group', () => {
    const x = read(
      'Wendell Park Group hired a new auditor. "We were blindsided," said the chair of the residents\' group Clearwater Action, Denise Holt, a retired teacher.',
    );
    expect(quotes(x)).toEqual([['Denise Holt', 'We were blindsided,']]);
  });

  it('gives what a report says to whoever wrote it, not to a body named in a participle about it', () => {
    const x = read(
      'A report by the Office of the Auditor-General found that the agency overspent. The report, tabled in the National Assembly on Tuesday, says the agency "ignored every warning".',
    );
    expect(quotes(x)).toEqual([['Office of the Auditor-General', 'ignored every warning']]);
  });

  it('gives "she said" to the woman named just after when nobody before fits', () => {
    const x = read(
      'The union\'s leader was defiant. "We will strike," she said. The leader, Maria Okoro, later met the mayor.',
    );
    expect(quotes(x)).toEqual([['Maria Okoro', 'We will strike,']]);
  });

  it('gives what "the letter says" to the group that wrote it to someone else', () => {
    const x = read(
      'In a letter to the European Commission, the trade group Cellmakers Europe said the database did not work. "Nobody can comply with a system that fails," the letter says.',
    );
    expect(quotes(x)).toEqual([
      ['Cellmakers Europe', 'Nobody can comply with a system that fails,'],
    ]);
  });
});

describe('speakers introduced and described in more ways (fifth round)', () => {
  it('gives the quote after a dash to the subject before it, and one ending in a comma to its later cue', () => {
    const extraction = read(
      'Marit Olsby was blunt \u2014 "We will not sign this." The union backed her \u2014 "It is a bad deal," its secretary, Pavel Drozd, said.',
    );
    expect(quotes(extraction)).toEqual([
      ['Marit Olsby', 'We will not sign this.'],
      ['Pavel Drozd', 'It is a bad deal,'],
    ]);
  });

  it('takes the name after a plural possessive and a title, not the owner', () => {
    const extraction = read(
      '"The fares will rise," said Corvane Airways\' spokesman, Tobiah Renwick.',
    );
    expect(quotes(extraction)).toEqual([['Tobiah Renwick', 'The fares will rise,']]);
  });

  it('reads "the lawmaker" as the member of parliament who opened the sentence before, not the last speaker', () => {
    const extraction = read(
      'Its chair, Imogen Halsey, said the group would appeal. "We will win," Halsey said.\n' +
        'The local member of parliament, Bettina Crowhurst, now opposes the plan. The lawmaker said the board had ignored objections. "Nobody listened," she said.',
    );
    expect(quotes(extraction)).toEqual([
      ['Imogen Halsey', 'We will win,'],
      ['Bettina Crowhurst', 'Nobody listened,'],
    ]);
  });

  it('does not take a name inside a quotation for the subject a later pronoun refers to', () => {
    const extraction = read(
      'Her editor, Wilhelmina Strood, praised the book. "Ottilie Farrant writes for keeps," she said.',
    );
    expect(quotes(extraction)).toEqual([
      ['Wilhelmina Strood', 'Ottilie Farrant writes for keeps,'],
    ]);
  });

  it('gives a Vietnamese name with "Thi" the pronoun "she"', () => {
    const extraction = read(
      'Do Minh Chau, a fisheries officer, said catches had fallen. Tran Thi Bich Ngoc, a researcher in Hue, disagreed. "The fish are moving north," she said.',
    );
    expect(quotes(extraction)).toEqual([['Tran Thi Bich Ngoc', 'The fish are moving north,']]);
  });

  it('reports a clause that opens with a number', () => {
    const extraction = read('Its manager, Aurelio Quispe, said 140 trucks would serve the city.');
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Aurelio Quispe', '140 trucks would serve the city'],
    ]);
  });
});

describe('speakers described before they are named, and institutions as "it"', () => {
  it('reads "it" opening a sentence as the institution the sentence before opened with', () => {
    const extraction = read(
      'The Communications Authority fined Savanna Telecom. The regulator also ordered Savanna to hand over a report. It said the report must be prepared by an auditor.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Communications Authority', 'the report must be prepared by an auditor'],
    ]);
  });

  it('resolves an office owned by a country, a union in the lead and a ruling to who they stand for', () => {
    const extraction = read(
      "Canada's environment minister has told Northridge Energy that it must fix the line. Minister Claire Beaulieu announced the order on Monday.\n" +
        'Nurses will strike unless pay improves, their union said on Tuesday. The Aotearoa Nurses Union gave Harbourside Health a week.\n' +
        'The Data Protection Commission fined Vantor Analytics. Vantor, Vantor and Vantor again. Vantor must delete the data, the ruling says.',
    );
    const indirect = quotes(extraction, 'indirect');
    expect(indirect).toContainEqual(['Claire Beaulieu', 'it must fix the line']);
    expect(indirect).toContainEqual([
      'Aotearoa Nurses Union',
      'Nurses will strike unless pay improves',
    ]);
    expect(indirect).toContainEqual(['Data Protection Commission', 'Vantor must delete the data']);
  });
});

describe('documents and bodies that speak, and adjectives that look like verbs (seventh round)', () => {
  it('attributes what a document "reads" to whoever it is about', () => {
    const extraction = read(
      'Haldane Water must replace its pipes. "Every household will be told in writing," the notice reads.',
    );
    expect(quotes(extraction)).toEqual([
      ['Haldane Water', 'Every household will be told in writing,'],
    ]);
  });

  it('gives a letter opened in an adverbial ("In her letter, X …") to the subject after it', () => {
    const extraction = read(
      'The Harbour Trust met on Monday. In her resignation letter, Mayor Ines Sotelo blamed the council. "I can no longer defend its decisions," the letter said.',
    );
    expect(quotes(extraction)).toEqual([['Ines Sotelo', 'I can no longer defend its decisions,']]);
  });

  it('gives "a union statement" to the union named last and "his campaign" to the candidate', () => {
    const first = read(
      'Talks between Dorvale Foods and the Food Workers Union broke down on Friday. A union statement said members "will not accept less."',
    );
    expect(quotes(first)).toEqual([['Food Workers Union', 'will not accept less.']]);
    const second = read(
      'Senator Abel Marsh lost the primary. "I called to concede," he said. His campaign said in a statement that he "ran a clean race."',
    );
    expect(quotes(second)).toEqual([
      ['Abel Marsh', 'I called to concede,'],
      ['Abel Marsh', 'ran a clean race.'],
    ]);
  });

  it('gives a ruling to the court named with it, not to a court appealed to', () => {
    const named = read(
      '"The permit was unlawful," the ruling says. Writing for the Federal Administrative Court, Judge Lena Ostrova said the ministry had ignored the evidence.',
    );
    expect(quotes(named)).toEqual([['Federal Administrative Court', 'The permit was unlawful,']]);
    const appealed = read(
      'The Gaming Commission fined Lotto Max. Lotto Max must pay within a month, the ruling says. Lotto Max can appeal to the High Court.',
    );
    expect(quotes(appealed, 'indirect')).toEqual([
      ['Gaming Commission', 'Lotto Max must pay within a month'],
    ]);
  });

  it('reads no speech in an adjective after a word of degree ("was more pointed")', () => {
    const extraction = read('The mayor, Ada Lind, was more pointed. "We will see," she said.');
    expect(quotes(extraction, 'indirect')).toEqual([]);
    expect(quotes(extraction)).toEqual([['Ada Lind', 'We will see,']]);
  });

  it('gives an indefinite description nobody named before it', () => {
    const extraction = read(
      'Rafael Ochoa is under pressure. A senior official said on Monday that the minister would resign.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([[null, 'the minister would resign']]);
  });

  it('names the speaker a lead describes ("A former chief of X") by the next sentence, not X or its leader', () => {
    const extraction = read(
      'A former procurement chief at the Coastal Roads Agency told a court on Tuesday that its director, Samuel Kahindi, had ordered him to sign.\n' +
        'Testifying for a second day, Josphat Kiprono Mwangi said he signed "because I wanted to keep my job".',
    );
    expect(quotes(extraction, 'indirect')[0]).toEqual([
      'Josphat Kiprono Mwangi',
      'its director, Samuel Kahindi, had ordered him to sign',
    ]);
  });

  it('reads the -s form of a listed verb after a quote and a document ("the lawsuit claims")', () => {
    const lawsuit = read(
      'Nova Bank sued Kestrel Capital on Monday. "Kestrel hid the losses," the lawsuit claims.',
    );
    expect(quotes(lawsuit)).toEqual([['Nova Bank', 'Kestrel hid the losses,']]);
    const note = read('Astra Mining cut 300 jobs. "It hurts," the firm notes.');
    expect(quotes(note)).toEqual([['Astra Mining', 'It hurts,']]);
  });
});

describe('speakers of participles and pronouns', () => {
  it('gives a participle the pronoun its clause opens with, not the one in what is said', () => {
    const extraction = read(
      'Ruth Ames spoke first. Marcus Ellery defended the measure. He shrugged off the charge, saying she had "never seen a plan she liked."',
    );
    expect(quotes(extraction)).toEqual([['Marcus Ellery', 'never seen a plan she liked.']]);
  });

  it('gives a ruling with no court named to the judge named before it', () => {
    const extraction = read(
      'A federal judge ordered Pinewood County to reopen the sites. U.S. District Judge Rosalind Achebe-Grant wrote that the closures were unfair. "The court is not in the business of balancing budgets," the ruling says.',
    );
    expect(quotes(extraction)).toEqual([
      ['Rosalind Achebe-Grant', 'The court is not in the business of balancing budgets,'],
    ]);
  });

  it('reads "…, a spokeswoman for the board said" after a clause as the board speaking', () => {
    const extraction = read(
      'Halvorsen Logistics sold the terminal. The Dutch Safety Board has fined Halvorsen, a spokeswoman for the board said.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Dutch Safety Board', 'The Dutch Safety Board has fined Halvorsen'],
    ]);
  });

  it('reports no clause for "told X and Y to" an action: it is an order', () => {
    const extraction = read(
      'The Nigerian Communications Commission has told MTN Nigeria and Airtel Africa to link every active SIM card by September 15.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([]);
  });

  it('takes a title after the noun of a work for no quote, even with its comma inside the marks', () => {
    const extraction = read(
      'Critics have been kind to Mara Quill. The novel, "The Salt Year," follows a fisherman. "A long sleep," she said.',
    );
    expect(quotes(extraction)).toEqual([['Mara Quill', 'A long sleep,']]);
  });

  it('names a person given only a first name in apposition ("Her husband, Darnell,") and lets him speak', () => {
    const extraction = read(
      'Its regional director, Marcus DeLuca, called it a betrayal. "They lied," said Tanya Brooks, 44. Her husband, Darnell, works there too. "We have two kids and one mortgage," he said.',
    );
    expect(quotes(extraction)).toEqual([
      ['Tanya Brooks', 'They lied,'],
      ['Darnell', 'We have two kids and one mortgage,'],
    ]);
  });

  it('reports no clause after "announced" or "suggested" when only a noun phrase follows', () => {
    const extraction = read(
      'Wanjiru Kamau announced the deadline at a news conference in Nairobi on Monday. Omondi Achieng suggested a six-month grace period. Achieng said the ministry would review the plan.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Omondi Achieng', 'the ministry would review the plan'],
    ]);
  });

  it('takes a name no list knows, called "he" in the next sentence, for a person who speaks', () => {
    const extraction = read('Omondi Achieng spoke. He said the ministry would review the plan.');
    expect(extraction.entities.map((e) => [e.name, e.kind])).toEqual([
      ['Omondi Achieng', 'PERSON'],
    ]);
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Omondi Achieng', 'the ministry would review the plan'],
    ]);
  });

  it('reports no clause for a question asked ("asked whether …", "Asked whether …, she demurred")', () => {
    const extraction = read(
      'Delia Manriquez spoke to reporters. Asked whether the state would pay for the extra sites, she demurred. A reporter asked whether further cuts were planned.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([]);
  });

  it('gives a verb joined by "and" the pronoun subject of the verb before it ("He paused and added:")', () => {
    const extraction = read(
      'Yannick Le Goasduff runs the ferries. "We carry fifteen people," he said. He paused and added: "I know this is hard." Marta Ostrowska won. She smiled and said the players deserved the credit.',
    );
    expect(quotes(extraction)).toEqual([
      ['Yannick Le Goasduff', 'We carry fifteen people,'],
      ['Yannick Le Goasduff', 'I know this is hard.'],
    ]);
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Marta Ostrowska', 'the players deserved the credit'],
    ]);
  });

  it('finds a speaker described before she is named in apposition at the head of the next paragraph', () => {
    const extraction = read(
      'A retired schoolteacher who has lived on the island for 41 years keeps a list of cancelled crossings.\n' +
        '"Each one is a day without a doctor," she said.\n' +
        'The teacher, Maelle Kerdoncuff, is one of 800 islanders who signed a petition.',
    );
    expect(quotes(extraction)).toEqual([
      ['Maelle Kerdoncuff', 'Each one is a day without a doctor,'],
    ]);
  });

  it('reports the clause before an inverted "said" whose subject follows it, not the subject', () => {
    const extraction = read(
      "The new plant will employ 220 people, said Zelenka's chief financial officer, Tanja Mlakar. Zelenka's lawyer, Ragnhild Aasheim, said the emails spoke for themselves.",
    );
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Tanja Mlakar', 'The new plant will employ 220 people'],
      ['Ragnhild Aasheim', 'the emails spoke for themselves'],
    ]);
  });

  it('gives "the filing" the author of the lawsuit filed by a party named after "filed … by"', () => {
    const extraction = read(
      'Executives at the shipbuilder Halvorsen Maritime knew about the cracks, according to a lawsuit filed on Monday by the ferry operator Fjordlinje.\n' +
        '"Halvorsen chose to deliver vessels it knew to be defective," the filing says.',
    );
    expect(quotes(extraction)).toEqual([
      ['Fjordlinje', 'Halvorsen chose to deliver vessels it knew to be defective,'],
    ]);
  });

  it('gives a colon introduction by "Her answer" or "His reply was blunt" to the pronoun\'s person', () => {
    const extraction = read(
      'Ana Ruiz was asked about the plan. Her answer: "It is dead." Pedro Lobo was asked too. His reply was blunt: "No."',
    );
    expect(quotes(extraction)).toEqual([
      ['Ana Ruiz', 'It is dead.'],
      ['Pedro Lobo', 'No.'],
    ]);
  });

  it('resolves "the company" to the body the sentence before opened with, not the last to speak', () => {
    const extraction = read(
      'The ferry operator Fjordlinje sued the shipbuilder Halvorsen Maritime. "Halvorsen lied," Fjordlinje said.\n' +
        'Halvorsen rejected the claims. In a statement, the company said the ferries had passed every inspection. "We will defend ourselves," it added.',
    );
    expect(quotes(extraction)).toEqual([
      ['Fjordlinje', 'Halvorsen lied,'],
      ['Halvorsen Maritime', 'We will defend ourselves,'],
    ]);
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Halvorsen Maritime', 'the ferries had passed every inspection'],
    ]);
  });

  it('attributes a quotation to the subject of an irregular verb with "back" ("she shot back")', () => {
    const extraction = read(
      'Ana Ruiz heads the council. Pedro Lobo chairs the board. "Not now," Lobo answered. "Then when?" she shot back.',
    );
    expect(quotes(extraction)).toEqual([
      ['Pedro Lobo', 'Not now,'],
      ['Ana Ruiz', 'Then when?'],
    ]);
  });

  it('reads past a number with a comma inside a relative clause to the subject before it', () => {
    const extraction = read(
      'Paolo Ilagan, who reviews gadgets for 900,000 subscribers on YouTube, said he already labels his sponsored videos.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([
      ['Paolo Ilagan', 'he already labels his sponsored videos'],
    ]);
  });

  it('resolves a possessed description ("her deputy replied") to the person named in apposition to it', () => {
    const extraction = read(
      'The minister, Ana Ruiz, and her deputy, Pedro Lobo, disagreed. "We need cuts," the minister said. "We need growth," her deputy replied.',
    );
    expect(quotes(extraction)).toEqual([
      ['Ana Ruiz', 'We need cuts,'],
      ['Pedro Lobo', 'We need growth,'],
    ]);
  });

  it('gives a quotation alone in its paragraph to the pronoun subject who spoke in the sentence before', () => {
    const extraction = read(
      '"We have no choice," Ana Ruiz said.\nShe added that the ruling was wrong.\n"Nobody asked us."',
    );
    expect(quotes(extraction)).toEqual([
      ['Ana Ruiz', 'We have no choice,'],
      ['Ana Ruiz', 'Nobody asked us.'],
    ]);
  });
});

describe('people of two surnames', () => {
  it('reads the middle of three names, alone, as that person and keeps her pronouns apart from her rival', () => {
    const extraction = read(
      'Rosa Quispe Mamani leads the polls. Her rival, Lucía Valdivia Herrera, is a lawyer.\n' +
        'Quispe said the city would run short of water.\n' +
        'Valdivia said the utility had leaked under her rival too. "She had six years to fix those pipes," she said.',
    );
    expect(extraction.entities.map((e) => e.name)).not.toContain('Quispe');
    expect(quotes(extraction)).toEqual([
      ['Lucía Valdivia Herrera', 'She had six years to fix those pipes,'],
    ]);
    expect(quotes(extraction, 'indirect').map(([speaker]) => speaker)).toEqual([
      'Rosa Quispe Mamani',
      'Lucía Valdivia Herrera',
    ]);
  });
});

describe('colon introductions naming what a person said', () => {
  it('gives "Her reason was simple:" and "His warning:" to the pronoun\'s person', () => {
    const extraction = read(
      'Nino Beridze, a teacher, travelled five hours. Her reason was simple: "I want them to grow up in Europe."\n' +
        'Giorgi Tsiklauri stayed at home. His warning: "This is not over."',
    );
    expect(quotes(extraction)).toEqual([
      ['Nino Beridze', 'I want them to grow up in Europe.'],
      ['Giorgi Tsiklauri', 'This is not over.'],
    ]);
  });
});

describe('given names that are also words', () => {
  it('keeps "Comfort" or "Gift" opening a sentence in the name of the person it opens', () => {
    const extraction = read(
      'Comfort Asantewaa Boateng, who delivered 9,000 babies, died on Sunday. "I thought I would stay two years," she said.\n' +
        'Gift Sichilima, a deputy minister, said the fine was paid.',
    );
    expect(extraction.entities.map((e) => [e.name, e.kind])).toEqual([
      ['Comfort Asantewaa Boateng', 'PERSON'],
      ['Gift Sichilima', 'PERSON'],
    ]);
    expect(quotes(extraction)).toEqual([
      ['Comfort Asantewaa Boateng', 'I thought I would stay two years,'],
    ]);
  });
});

describe('people known by one name', () => {
  it('reads a name given as "his first name, X" or "identified only as X" as a person who can speak', () => {
    const extraction = read(
      'Mizanur Talukder, an engineer, said the wall would hold.\n' +
        'A boatman who asked to be identified only by his first name, Rafiq, said he no longer trusted promises. "Every year they come with cameras," he said.\n' +
        'A nurse identified only as Kaseke said the ward was full.',
    );
    const kinds = Object.fromEntries(extraction.entities.map((e) => [e.name, e.kind]));
    expect(kinds).toMatchObject({ Rafiq: 'PERSON', Kaseke: 'PERSON' });
    expect(quotes(extraction)).toEqual([['Rafiq', 'Every year they come with cameras,']]);
  });
});

describe('a quotation after a sentence about its speaker', () => {
  it('gives a quotation with no cue to the person or pronoun opening the sentence before it', () => {
    const extraction = read(
      'Sarah Klein chairs the committee. Tom Barrett opposes her.\n' +
        '"We cannot afford it," Barrett said.\n' +
        'Klein was unmoved. "Then we will find the money elsewhere."\n' +
        'Barrett smiled. She shook her head. "Not again."',
    );
    expect(quotes(extraction)).toEqual([
      ['Tom Barrett', 'We cannot afford it,'],
      ['Sarah Klein', 'Then we will find the money elsewhere.'],
      ['Sarah Klein', 'Not again.'],
    ]);
  });
});

describe('a speaker introduced by an indefinite description after the verb', () => {
  it('gives "said a resident, X" and "said one trader, X" to the person named in apposition', () => {
    const extraction = read(
      'Omar Haddad runs a bakery.\n' +
        '"The government must act," said one trader, Yusuf Amir.\n' +
        '"Nobody listens," said a resident, Maria Costa, who has lived there for years.\n' +
        '"It is over," said another, Petra Novak.',
    );
    expect(quotes(extraction)).toEqual([
      ['Yusuf Amir', 'The government must act,'],
      ['Maria Costa', 'Nobody listens,'],
      ['Petra Novak', 'It is over,'],
    ]);
  });
});

describe('a quotation after an opening phrase or a possessive', () => {
  it('gives it to the name after "Asked …," or before "\'s answer was blunt"', () => {
    const extraction = read(
      'Omar Haddad runs a bakery.\n' +
        '"The government must act," said one trader, Yusuf Amir.\n' +
        'Asked whether he would close, Haddad shrugged. "Where would I go?"\n' +
        '"Fine," Amir said. Haddad\'s answer was blunt. "We are finished."',
    );
    expect(quotes(extraction)).toEqual([
      ['Yusuf Amir', 'The government must act,'],
      ['Omar Haddad', 'Where would I go?'],
      ['Yusuf Amir', 'Fine,'],
      ['Omar Haddad', 'We are finished.'],
    ]);
  });
});

describe('gender from kinship and gendered nouns in apposition', () => {
  it('reads "Her brother, Tunde," as a man and "X, his widow," as a woman when pronouns are resolved', () => {
    const extraction = read(
      'Nkechi Obi has fished the lagoon for twenty years. Her brother, Tunde, mends the nets.\n' +
        '"The water is dying," she said.\n' +
        'Tunde disagreed. "It is the trawlers," he said.\n' +
        'Adaku Eze, his widow, spoke last. Bello Danjuma stood beside her. "We want answers," she said.\n' +
        '"Nothing happens," Obi said.',
    );
    expect(quotes(extraction)).toEqual([
      ['Nkechi Obi', 'The water is dying,'],
      ['Tunde', 'It is the trawlers,'],
      ['Adaku Eze', 'We want answers,'],
      ['Nkechi Obi', 'Nothing happens,'],
    ]);
  });
});

describe('a body described when none is named', () => {
  it('does not give "the company said" to a person described as a worker or aged', () => {
    const extraction = read(
      '"We will not go back," said Jean-Pierre Mbuyi, a shift supervisor.\n' +
        'The company said it had offered a raise.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([[null, 'it had offered a raise']]);
  });
});

describe('given names that are never names alone', () => {
  it('keeps "Patience" before a surname inside a sentence', () => {
    const extraction = read('"The bank is behind the curve," said Patience Akello, an economist.');
    expect(quotes(extraction)).toEqual([['Patience Akello', 'The bank is behind the curve,']]);
  });
});

describe('speakers labelled with a constituency or party in brackets', () => {
  it('gives "Mr. X (Constituency): \\"…\\"" to X', () => {
    const extraction = read(
      'The opposition spokesperson on mines, Mr. Kalaba Mwansa, rose on a point of order.\n' +
        'Mr. Mwansa (Kitwe Central): "Agreed to pay how much? The people cannot drink phases."',
    );
    expect(quotes(extraction)).toEqual([
      ['Kalaba Mwansa', 'Agreed to pay how much? The people cannot drink phases.'],
    ]);
  });
});
