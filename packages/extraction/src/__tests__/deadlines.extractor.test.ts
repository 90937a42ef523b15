import { findDates, findEndOf } from '../dates';
import { extractArticle } from '../extractor';

/** The names of who set and who must meet the first deadline the text gives. */
function firstParties(body: string, publishedOn: string): (string | undefined)[] {
  const x = extractArticle({ body, publishedOn });
  const name = (key: string | null | undefined): string | undefined =>
    x.entities.find((e) => e.key === key)?.name;
  return [name(x.deadlines[0]?.setBy), name(x.deadlines[0]?.subject)];
}

describe('date resolution', () => {
  // 2024-05-10 is a Friday.
  it('reads a bare weekday as the last one when something was said, the next one when it is due', () => {
    expect(findDates('said on Tuesday', 0, '2024-05-10', 'past')[0]?.iso).toBe('2024-05-07');
    expect(findDates('by Tuesday', 0, '2024-05-10', 'future')[0]?.iso).toBe('2024-05-14');
    expect(findDates('on Friday', 0, '2024-05-10', 'past')[0]?.iso).toBe('2024-05-10');
  });

  it('resolves "by the end of the month", "of next month", "of the year" and "of June" from the publication date', () => {
    const end = (text: string): string | undefined =>
      findEndOf(text, 0, '2024-05-10', 'future')?.iso;
    expect(end('until the end of the month')).toBe('2024-05-31');
    expect(end('by the end of next month')).toBe('2024-06-30');
    expect(end('by the end of the year')).toBe('2024-12-31');
    expect(end('by the end of June')).toBe('2024-06-30');
    expect(end('by the end of 2032')).toBe('2032-12-31');
    expect(end('by the end of March 2029')).toBe('2029-03-31');
    expect(end('by the end of the week')).toBe('2024-05-10');
  });

  it('keeps "next Friday" a week out from a Friday', () => {
    expect(findDates('until next Friday', 0, '2024-05-10', 'future')[0]?.iso).toBe('2024-05-17');
  });
});

describe('deadline extraction', () => {
  it('counts "within 30 days" from the publication date and names who set it and who must act', () => {
    const x = extractArticle({
      body: 'The Water Services Regulation Authority ordered Thames Cove Water to publish a repair plan within 30 days or face a fine.',
      publishedOn: '2024-05-10',
    });
    const name = (key: string | null): string | undefined =>
      x.entities.find((e) => e.key === key)?.name;
    expect(x.deadlines).toHaveLength(1);
    expect(x.deadlines[0]).toMatchObject({
      dueOn: '2024-06-09',
      status: 'PENDING',
      consequence: 'a fine',
    });
    expect(name(x.deadlines[0]?.setBy ?? null)).toBe('Water Services Regulation Authority');
    expect(name(x.deadlines[0]?.subject ?? null)).toBe('Thames Cove Water');
  });

  it('reports an extended deadline with the date it replaced', () => {
    const x = extractArticle({
      body: 'The Competition Bureau on Monday extended the deadline for its review of the deal to June 28.\nThe review had been due to end on May 31.',
      publishedOn: '2024-05-10',
    });
    expect(x.deadlines).toHaveLength(1);
    expect(x.deadlines[0]).toMatchObject({
      dueOn: '2024-06-28',
      previousDueOn: '2024-05-31',
      status: 'EXTENDED',
    });
  });

  it('reports a missed deadline in the past as MISSED', () => {
    const x = extractArticle({
      body: 'Regulators said on Thursday that Portline Freight had missed a May 3 deadline to file its accounts.',
      publishedOn: '2024-05-10',
    });
    expect(x.deadlines[0]).toMatchObject({ dueOn: '2024-05-03', status: 'MISSED' });
  });

  it('ignores dates inside quotation marks and dates that are not due dates', () => {
    const x = extractArticle({
      body: '"We will be done by Friday," Anna Kerr said on Monday. The rules take effect on June 1.',
      publishedOn: '2024-05-10',
    });
    expect(x.deadlines).toEqual([]);
  });

  const partyNames = (x: ReturnType<typeof extractArticle>, key: string | null): string | null =>
    x.entities.find((e) => e.key === key)?.name ?? null;

  it('resolves a deadline at the end of the month and names the union, not its leader, as setter', () => {
    const x = extractArticle({
      body: 'The federation, led by Shahida Akter, has given the Garment Exporters Association until the end of the month to settle all arrears.',
      publishedOn: '2025-08-28',
    });
    expect(x.deadlines).toHaveLength(1);
    expect(x.deadlines[0]).toMatchObject({ dueOn: '2025-08-31', status: 'PENDING' });
    expect(partyNames(x, x.deadlines[0]?.setBy ?? null)).not.toBe('Shahida Akter');
  });

  it('reads "missed Monday\'s deadline" as a missed deadline on the Monday before publication', () => {
    const x = extractArticle({
      body: "Workers blocked a highway on Thursday after factory owners missed Monday's deadline to pay July wages.",
      publishedOn: '2025-08-28',
    });
    expect(x.deadlines[0]).toMatchObject({ dueOn: '2025-08-25', status: 'MISSED' });
  });

  it('names the body a deadline was "set by" as its setter and the party that missed it as subject', () => {
    const x = extractArticle({
      body: 'The union said the University of Lagos had already missed a September 30 deadline set by the National Universities Commission to pay salaries.',
      publishedOn: '2022-10-05',
    });
    expect(x.deadlines[0]).toMatchObject({ dueOn: '2022-09-30', status: 'MISSED' });
    expect(partyNames(x, x.deadlines[0]?.setBy ?? null)).toBe('National Universities Commission');
    expect(partyNames(x, x.deadlines[0]?.subject ?? null)).toBe('University of Lagos');
  });

  it("gives a deadline reported by a union leader to the union that set the article's deadlines", () => {
    const x = extractArticle({
      body: 'The Kenya Medical Practitioners, Pharmacists and Dentists Union gave the Ministry of Health until Friday to release the funds. Its secretary general, Dr. Wanjiru Kamau, said an earlier deadline of May 31 had been missed.',
      publishedOn: '2023-06-20',
    });
    const earlier = x.deadlines.find((d) => d.dueOn === '2023-05-31');
    expect(earlier?.status).toBe('MISSED');
    expect(partyNames(x, earlier?.setBy ?? null)).toBe(
      'Kenya Medical Practitioners, Pharmacists and Dentists Union',
    );
    expect(partyNames(x, earlier?.subject ?? null)).toBe('Ministry of Health');
  });

  it('resolves "the league" to the one organisation with League in its name', () => {
    const x = extractArticle({
      body: 'On Wednesday, Major League Soccer fined St. Louis City SC $250,000. The league gave the club until June 1 to pay or file an appeal.',
      publishedOn: '2024-05-16',
    });
    expect(partyNames(x, x.deadlines[0]?.setBy ?? null)).toBe('Major League Soccer');
  });

  it('makes a company that promises a date both setter and subject of its own deadline', () => {
    const x = extractArticle({
      body: 'Aerion said in a statement that it would provide the remaining material by June 14.',
      publishedOn: '2024-06-06',
    });
    expect(x.deadlines[0]?.dueOn).toBe('2024-06-14');
    expect(partyNames(x, x.deadlines[0]?.subject ?? null)).toBe('Aerion');
  });

  it('reads a due date already behind the article as missed even when no one says so', () => {
    const x = extractArticle({
      body: 'The department had given the council until January 31 to publish a recovery plan.',
      publishedOn: '2024-02-09',
    });
    expect(x.deadlines[0]).toMatchObject({ dueOn: '2024-01-31', status: 'MISSED' });
  });

  it('counts "would have 180 days to" from the publication date, for the body that must act', () => {
    const x = extractArticle({
      body: 'The Federal Maritime Commission (FMC) would have 180 days to write the rules.',
      publishedOn: '2025-06-12',
    });
    expect(x.deadlines[0]?.dueOn).toBe('2025-12-09');
    expect(partyNames(x, x.deadlines[0]?.subject ?? null)).toBe('Federal Maritime Commission');
  });

  it('names the institution in an apposition as the setter, not the country before it', () => {
    const x = extractArticle({
      body: "Peru's energy regulator, Osinergmin, ordered Transandina Gas to explain within 10 days how the leak went undetected.",
      publishedOn: '2025-10-02',
    });
    expect(partyNames(x, x.deadlines[0]?.setBy ?? null)).toBe('Osinergmin');
    expect(partyNames(x, x.deadlines[0]?.subject ?? null)).toBe('Transandina Gas');
  });
});

describe('deadline parties and dates that generalise beyond the dev articles', () => {
  const run = (body: string, publishedOn = '2024-05-10') => {
    const x = extractArticle({ body, publishedOn });
    const name = (key: string | null): string | null =>
      key === null ? null : (x.entities.find((e) => e.key === key)?.name ?? key);
    return {
      x,
      deadlines: x.deadlines.map((d) => ({
        dueOn: d.dueOn,
        setBy: name(d.setBy),
        subject: name(d.subject),
        status: d.status,
        previousDueOn: d.previousDueOn,
      })),
    };
  };

  it('resolves a setter described by its country and function to the regulator named next', () => {
    const { deadlines } = run(
      "Peru's banking regulator has ordered insurer Rimac Vida to repay policyholders by June 28. The Superintendencia de Banca y Seguros (SBS) said the overcharges ran to 4 million soles.",
    );
    expect(deadlines[0]).toMatchObject({ dueOn: '2024-06-28', subject: 'Rimac Vida' });
    expect(deadlines[0]?.setBy).toMatch(/Superintendencia/);
  });

  it('skips adverbs and auxiliaries between a setter and its verb', () => {
    const { deadlines } = run(
      'The Ferry Workers Union, the boatmen’s body, has in turn given Volta Lines until May 20 to repair its ferry.',
    );
    expect(deadlines[0]).toMatchObject({
      setBy: 'Ferry Workers Union',
      subject: 'Volta Lines',
      dueOn: '2024-05-20',
    });
  });

  it('finds the party behind a description before its name and accented letters', () => {
    const { deadlines } = run(
      'The Czech Football Association has given second-division club Sigma Přerov until May 31 to pay its players.',
    );
    expect(deadlines[0]?.subject).toBe('Sigma Přerov');
  });

  it('reads a passive deadline: the setter follows "by", the subject precedes the verb', () => {
    const { deadlines } = run(
      'Grain trader Obuya Mills has been given until Friday by the Capital Markets Authority to publish its accounts.',
    );
    expect(deadlines[0]).toMatchObject({
      dueOn: '2024-05-17',
      setBy: 'Capital Markets Authority',
      subject: 'Obuya Mills',
    });
  });

  it('takes a period before the act it allows ("gave the ministry 30 days to"), from the day it was given', () => {
    const { deadlines } = run(
      'The Senate finance committee on Tuesday gave the Ministry of Finance 30 days to send a report.',
    );
    expect(deadlines[0]?.dueOn).toBe('2024-06-06');
  });

  it('counts "within 30 days of the judgment" from the judgment day told in the sentence before', () => {
    const { deadlines } = run(
      'The High Court in Kumasi ruled on Tuesday that the dismissals were unlawful. It also directed Asante Motors, a bus operator, to pay the workers within 30 days of the judgment.',
    );
    expect(deadlines[0]).toMatchObject({ dueOn: '2024-06-06', subject: 'Asante Motors' });
  });

  it('does not take a period ("within seven days") for the day an order was issued', () => {
    const { deadlines } = run(
      'The labour commissioner ordered Brava Foods to file a report within seven days of his order, which he issued on May 2.',
    );
    expect(deadlines[0]?.dueOn).toBe('2024-05-09');
  });

  it('uses the year a sentence states for a date given without one', () => {
    const { deadlines } = run(
      'In 2021 the Supreme Court directed Orvia Power to publish its tariffs by October 1 that year.',
    );
    expect(deadlines[0]?.dueOn).toBe('2021-10-01');
  });

  it('names the judge who gives the order as its setter, and the court when the court gives it', () => {
    const judge = run(
      'The Federal High Court in Abuja heard the case on Monday. Justice Amara Okafor ordered Lumen Telecom to restore the service within 14 days.',
    );
    expect(judge.deadlines[0]?.setBy).toBe('Amara Okafor');
    const court = run(
      'The Federal High Court in Abuja on Monday ordered Lumen Telecom to restore the service within 14 days.',
    );
    expect(court.deadlines[0]?.setBy).toBe('Federal High Court');
  });

  it('gives the dated deadline told next the setter, party and outcome of a deadline told without its date', () => {
    const met = run(
      'Norvik Buses Ltd restored its full timetable on Thursday, meeting a deadline set by the Transport Agency of Halden. The agency had told the operator in April that services must be back to normal by May 9.',
    );
    expect(met.deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2024-05-09',
        setBy: 'Transport Agency of Halden',
        subject: 'Norvik Buses Ltd',
        status: 'MET',
      }),
    ]);
    // Missed, "December 31" told in January is the one just gone, not the next.
    const missed = run(
      'Tellan Mining has missed a deadline set by the Mines Inspectorate. Tellan Mining was ordered by the Mines Inspectorate in July to seal the dam by December 31.',
      '2025-01-12',
    );
    expect(missed.deadlines[0]).toMatchObject({ dueOn: '2024-12-31', status: 'MISSED' });
  });

  it('finds a deadline stated inside a quotation, set by its speaker for the one it names', () => {
    const { deadlines } = run(
      '"I have told Norvik Buses Ltd that I expect a full report on my desk by May 20," Transport Secretary Anna Berg said in a statement.',
    );
    expect(deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2024-05-20',
        setBy: 'Anna Berg',
        subject: 'Norvik Buses Ltd',
      }),
    ]);
  });

  it('reads a quoted fragment inside reported speech as part of the sentence', () => {
    const { deadlines } = run(
      'The regulator said Kora Pay must delete the files "by May 31 at the latest".',
    );
    expect(deadlines[0]?.dueOn).toBe('2024-05-31');
  });

  it("resolves a country's agency, described before it is named, to the agency", () => {
    const { deadlines } = run(
      "Norway's consumer agency has ordered Fjordbank to refund overdraft fees by June 30. The Norwegian Consumer Authority said the bank had charged them for years.",
    );
    expect(deadlines[0]).toMatchObject({
      setBy: 'Norwegian Consumer Authority',
      subject: 'Fjordbank',
    });
  });

  it('leaves the party out when a class of people is given the time ("told staff they had until")', () => {
    const { deadlines } = run(
      'In a letter, Hollins Bakeries told staff they had until May 20 to accept the offer.',
    );
    expect(deadlines[0]).toMatchObject({ setBy: 'Hollins Bakeries', subject: null });
  });

  it('takes the body named in an apposition after its description as the party ordered', () => {
    const { deadlines } = run(
      'The Cycle Act requires the national vehicle authority, Veldra, to open the register by June 1.',
    );
    expect(deadlines[0]).toMatchObject({ setBy: 'Cycle Act', subject: 'Veldra' });
  });

  it('names an agreement as the setter of what must be done "under" it', () => {
    const { deadlines } = run(
      'The Halden Court asked Norway for its arguments by May 30. Under the Jan Mayen Fisheries Agreement, Iceland must notify Norway of its quota by June 30.',
    );
    expect(deadlines[1]).toMatchObject({
      setBy: 'Jan Mayen Fisheries Agreement',
      subject: 'Iceland',
    });
  });

  it('reads "the company" in a later deadline as the company the earlier one was for', () => {
    const { deadlines } = run(
      'The Mining Ministry gave Ostrava Copper Mining until June 14 to repair a tailings dam. Residents blame Kovo Trading Ltd for selling them contaminated water, and Kovo Trading Ltd denies it. The company missed a March 31 deadline to submit an audit.',
    );
    expect(deadlines.find((d) => d.dueOn === '2024-03-31')?.subject).toBe('Ostrava Copper Mining');
  });

  it("reads a short form of an earlier party's name as that party", () => {
    const { deadlines } = run(
      'The Copperbelt Mineworkers Union has given Chambeshi Deep Mining until Friday to reinstate 212 workers. Chambeshi Deep was ordered by the Mines Safety Department last month to submit a ventilation audit by May 30.',
    );
    expect(deadlines[1]).toMatchObject({
      setBy: 'Mines Safety Department',
      subject: 'Chambeshi Deep Mining',
    });
  });

  it("makes a spokesperson's promise that names no party one of the body the speaker works for", () => {
    const { deadlines } = run(
      "Halden Buses Ltd's managing director, Raj Mehta, said on Monday that 40 new drivers would be on the road by the end of August.",
    );
    expect(deadlines[0]).toMatchObject({
      dueOn: '2024-08-31',
      setBy: 'Halden Buses Ltd',
      subject: 'Halden Buses Ltd',
    });
  });

  it('gives a deadline to appeal no setter, and reads "the province" as the province named first', () => {
    const { deadlines } = run(
      'A Saskatchewan judge has given the provincial government until June 8 to open 300 shelter beds in Regina. The province has until May 24 to lodge an appeal.',
    );
    expect(deadlines).toEqual([
      expect.objectContaining({ dueOn: '2024-06-08', subject: 'Saskatchewan' }),
      expect.objectContaining({ dueOn: '2024-05-24', setBy: null, subject: 'Saskatchewan' }),
    ]);
  });

  it('reads "a judge" as the judge the article names, even after the description', () => {
    const { deadlines } = run(
      'A judge has ordered Greyrock Waste Services to stop accepting debris by June 2, siding with neighbours. Justice Miriam Okafor of the Ontario Superior Court said the evidence was clear.',
    );
    expect(deadlines[0]).toMatchObject({
      setBy: 'Miriam Okafor',
      subject: 'Greyrock Waste Services',
    });
  });

  it('takes the first of two parties given the time, and a town "of" its name as the town', () => {
    const { deadlines } = run(
      'The High Court on Monday gave the city of Port Cressey and the traders of the Quayside Market until July 4 to agree on a plan.',
    );
    expect(deadlines[0]).toMatchObject({ setBy: 'High Court', subject: 'Port Cressey' });
  });

  it('makes a body that sets itself a deadline the one that must meet it', () => {
    const { deadlines } = run(
      'The Oxley Council, for its part, has set itself a deadline of June 30 to publish a traffic study.',
    );
    expect(deadlines[0]).toMatchObject({ setBy: 'Oxley Council', subject: 'Oxley Council' });
  });

  it('reads the setter of a clause that opens with "after" without the subordinating word', () => {
    const { deadlines } = run(
      'Landlords in Dunmore will have until June 2 to register their flats, after the city council on Tuesday extended a deadline that was due to expire in May.',
    );
    expect(deadlines[0]).toMatchObject({ dueOn: '2024-06-02', setBy: 'Dunmore' });
  });

  it('takes the party of the joined order whose clause holds the date', () => {
    const { deadlines } = run(
      "The Quayside Traders' Association sued the city of Port Cressey in 2023. Justice Miriam Okonjo ordered the city to pay the costs of the last hearing, and told the traders to file their own proposal with the court by June 27.",
    );
    expect(deadlines[0]).toMatchObject({
      dueOn: '2024-06-27',
      setBy: 'Miriam Okonjo',
      subject: "Quayside Traders' Association",
    });
  });

  it('names the party a sentence opens with as the setter of its ", giving X until" participle', () => {
    const { deadlines } = run(
      'Norvik Buses Ltd has reopened bidding for its catering contract, giving suppliers until June 12 to submit offers.',
    );
    expect(deadlines[0]).toMatchObject({ setBy: 'Norvik Buses Ltd', subject: null });
  });

  it('reports a deadline missed when the extension is only its history', () => {
    const { deadlines } = run(
      'The regulator said Brightwave had failed to meet a deadline of April 30, a date it had already pushed back from March 31.',
    );
    expect(deadlines[0]).toMatchObject({ dueOn: '2024-04-30', status: 'MISSED' });
  });

  it('takes the outcome told in the next sentence ("met the new date")', () => {
    const { deadlines } = run(
      'Last year the Communications Authority gave Zuri Mobile until December 31 to register all SIM cards, then extended that deadline to February 28. Zuri Mobile met the new date, the authority said.',
    );
    expect(deadlines[0]).toMatchObject({ dueOn: '2024-02-28', status: 'MET' });
  });

  it('makes an "originally set" date the history of the deadline told just before', () => {
    const { deadlines } = run(
      'The Data Commission requires Kora Pay to delete customer files by June 3. The commission had originally set a May 1 deadline but extended it.',
    );
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toMatchObject({
      dueOn: '2024-06-03',
      status: 'EXTENDED',
      previousDueOn: '2024-05-01',
    });
  });

  it('reads "on time" as met and a "conciliation meeting" as no meeting of a deadline', () => {
    const met = run(
      'The mining office ordered Granit Nord on April 1 to submit a safety plan within 30 days, and the plan arrived on time.',
    );
    expect(met.deadlines[0]?.status).toBe('MET');
    const pending = run(
      'The commissioner ordered Brava Foods to file a report within seven days and called a conciliation meeting on May 20.',
    );
    expect(pending.deadlines[0]?.status).toBe('PENDING');
  });

  it('names the body of a passive "was ordered by X to … by" as setter and its subject as who must act', () => {
    const { deadlines } = run(
      'Greece was ordered by the European Commission to close two landfills by September 30.',
    );
    expect(deadlines[0]).toMatchObject({
      dueOn: '2024-09-30',
      setBy: 'European Commission',
      subject: 'Greece',
    });
  });

  it('takes the setter from "under an order from X", with its bracketed short form', () => {
    const { deadlines } = run(
      'Halden Mutual must file a new capital plan by July 1 under an order from the Financial Supervisory Authority (Finanstilsynet).',
    );
    expect(deadlines[0]).toMatchObject({
      dueOn: '2024-07-01',
      setBy: 'Financial Supervisory Authority',
      subject: 'Halden Mutual',
    });
  });

  it('resolves "a … court" and "the club" to the court and the club the article names', () => {
    const { deadlines } = run(
      'A Dutch court gave football club Vitesse Noord until June 20 to pay its former coach. The Arnhem District Court also fined the KNVB supporters group Fanfare. The city council of Arnhem set a deadline of July 1 for the club to repair its stadium roof.',
    );
    expect(deadlines[0]).toMatchObject({
      setBy: 'Arnhem District Court',
      subject: 'Vitesse Noord',
    });
    expect(deadlines[1]).toMatchObject({ dueOn: '2024-07-01', subject: 'Vitesse Noord' });
  });

  it('gives a lower-case ministry after its country the deadline it sets', () => {
    const { deadlines, x } = run(
      "Kenya's health ministry gave drugmaker Uzima Labs until June 15 to recall two syrups.",
    );
    expect(x.entities.find((e) => e.name === 'Health Ministry')?.kind).toBe('GOVERNMENT');
    expect(deadlines[0]).toMatchObject({ setBy: 'Health Ministry', subject: 'Uzima Labs' });
  });

  it('takes the setter after a reporting verb and from a person named in an apposition', () => {
    const given = run(
      'The Transit Workers Union has demanded a meeting. Dunne said the union had given Carrow Bus until Friday to reopen talks.',
    );
    expect(given.deadlines[0]).toMatchObject({
      setBy: 'Transit Workers Union',
      subject: 'Carrow Bus',
    });
    const asked = run(
      'The inquiry chair, Judge Mira Okafor, asked both councils to submit their files by June 12.',
    );
    expect(asked.deadlines[0]).toMatchObject({ dueOn: '2024-06-12', setBy: 'Mira Okafor' });
  });
  it('gives a deadline to a public body written in lower case and to the party of a passive order', () => {
    const { deadlines } = run(
      'The data protection authority ordered the supermarket chain Hagebo to switch off its cameras by May 28 and to delete the images by December 31. Hollis Property Group, which owns 1,800 flats, has already been ordered by the housing inspectorate to correct its rents by June 19.',
    );
    expect(deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          dueOn: '2024-05-28',
          setBy: 'Data Protection Authority',
          subject: 'Hagebo',
        }),
        expect.objectContaining({
          dueOn: '2024-12-31',
          setBy: 'Data Protection Authority',
          subject: 'Hagebo',
        }),
        expect.objectContaining({
          dueOn: '2024-06-19',
          setBy: 'Housing Inspectorate',
          subject: 'Hollis Property Group',
        }),
      ]),
    );
  });

  it('lets whoever commits itself to a date set it, and leaves a period given by law without a setter', () => {
    const { deadlines } = run(
      'The Transport Ministry ordered Kestrel Line to repair its ferries by June 15. The transport ministry said it would decide by Friday whether to charter a vessel. Under the maritime code, Kestrel Line has until June 21 to appeal.',
    );
    expect(deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          dueOn: '2024-05-17',
          setBy: 'Transport Ministry',
          subject: 'Transport Ministry',
        }),
        expect.objectContaining({ dueOn: '2024-06-21', setBy: null, subject: 'Kestrel Line' }),
      ]),
    );
  });

  it('makes the agent of a passive promise or obligation the party who must act', () => {
    const { deadlines } = run(
      'A new timetable had been promised by the Lakeshore Transit Authority by the end of April, but none came. Funding will be confirmed by the Treasury Department by June 12.',
    );
    expect(deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2024-04-30',
        setBy: 'Lakeshore Transit Authority',
        subject: 'Lakeshore Transit Authority',
        status: 'MISSED',
      }),
      expect.objectContaining({
        dueOn: '2024-06-12',
        setBy: 'Treasury Department',
        subject: 'Treasury Department',
      }),
    ]);
  });

  it('lets a named law set the dates it gives, also from the sentence after the one naming it', () => {
    const { x, deadlines } = run(
      'The Packaging Waste Act came into force in March. It gives retailers until December 31 to take back used bottles. Under it, the Environment Agency has until September 30 to open a register.',
    );
    expect(x.entities.find((e) => e.name === 'Packaging Waste Act')?.kind).toBe('OTHER');
    expect(deadlines).toEqual([
      expect.objectContaining({ dueOn: '2024-12-31', setBy: 'Packaging Waste Act', subject: null }),
      expect.objectContaining({
        dueOn: '2024-09-30',
        setBy: 'Packaging Waste Act',
        subject: 'Environment Agency',
      }),
    ]);
  });

  it('reads an ultimatum: who says it sets the date, the one named after "unless" must act', () => {
    const { deadlines } = run(
      'Bus drivers will strike on June 3 unless Metroline Buses improves its pay offer by May 24, the Transport Workers Guild said on Friday.',
    );
    expect(deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2024-05-24',
        setBy: 'Transport Workers Guild',
        subject: 'Metroline Buses',
      }),
    ]);
  });

  it('takes "the operator" for the company, not for the union introduced as one', () => {
    const { deadlines } = run(
      "Talks between Nordstrand Terminals and its dockers broke down on Monday. The dockworkers' union Kaaiwerk said its members would strike. Kaaiwerk gave the Danish-owned operator until Thursday to improve its offer.",
    );
    expect(deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2024-05-16',
        setBy: 'Kaaiwerk',
        subject: 'Nordstrand Terminals',
      }),
    ]);
  });

  it('reads "requiring X to" and "asked the city for" as naming who must act, and the city as its council', () => {
    const { x, deadlines } = run(
      'The Kaimai Regional Council issued a notice in April requiring Halden Quarries to stop dust escaping by June 1. Residents of Kelham complained about the delays. The Kelham Harriers athletics club has asked the city for an answer by June 15.',
    );
    expect(deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2024-06-01',
        setBy: 'Kaimai Regional Council',
        subject: 'Halden Quarries',
      }),
      expect.objectContaining({ dueOn: '2024-06-15', setBy: 'Kelham Harriers', subject: 'Kelham' }),
    ]);
    expect(x.entities.find((e) => e.name === 'Kelham')?.kind).toBe('GOVERNMENT');
  });

  it('finds who owes a deadline they face, are sent an ultimatum for or are wanted to meet', () => {
    for (const body of [
      'Orvane Telecom faces a June 30 deadline set by the Communications Authority to restore service.',
      'The Communications Authority issued an ultimatum to Orvane Telecom: restore service by June 30 or lose the licence.',
      'The Communications Authority wants Orvane Telecom to restore service by June 30.',
    ])
      expect(run(body).deadlines).toEqual([
        expect.objectContaining({
          dueOn: '2024-06-30',
          setBy: 'Communications Authority',
          subject: 'Orvane Telecom',
        }),
      ]);
    expect(
      run('The deadline, set by the Communications Authority, falls on June 30.').deadlines,
    ).toEqual([
      expect.objectContaining({ dueOn: '2024-06-30', setBy: 'Communications Authority' }),
    ]);
  });

  it('keeps a deadline pending when only something else in the sentence was cancelled', () => {
    const { deadlines } = run(
      'The regulator ordered Skyline Air to refund passengers whose flights it cancelled in April by June 14.',
    );
    expect(deadlines).toEqual([
      expect.objectContaining({ dueOn: '2024-06-14', subject: 'Skyline Air', status: 'PENDING' }),
    ]);
  });

  it('lets a ministry inferred from its minister promise a date', () => {
    const { deadlines } = run(
      'Health Minister Priya Raman defended the plan. The ministry said it would publish the figures by June 30.',
    );
    expect(deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2024-06-30',
        setBy: 'Ministry of Health',
        subject: 'Ministry of Health',
      }),
    ]);
  });

  it('reads the party reminded, the one who fined and ordered, and no party in a class of people', () => {
    expect(
      run(
        'Separately, the league reminded Harbour Athletic that it has until June 16 to pay 40,000 pounds to a former coach.',
      ).deadlines,
    ).toEqual([expect.objectContaining({ dueOn: '2024-06-16', subject: 'Harbour Athletic' })]);
    expect(
      run(
        "Ireland's data regulator fined Vantor Analytics on Tuesday and ordered it to delete the data by July 24. The Data Protection Commission said the firm had broken the law.",
      ).deadlines,
    ).toEqual([
      expect.objectContaining({
        dueOn: '2024-07-24',
        setBy: 'Data Protection Commission',
        subject: 'Vantor Analytics',
      }),
    ]);
    expect(
      run(
        'The regional housing department has given landlords until August 15 to register their contracts.',
      ).deadlines,
    ).toEqual([
      expect.objectContaining({ dueOn: '2024-08-15', setBy: 'Housing Department', subject: null }),
    ]);
  });

  it('splits a subordinate clause with a date of its own and takes no requested date for a deadline', () => {
    const { deadlines } = run(
      'Tideway Capital has given Brekke Maritime until June 1 to present a plan, after it failed to make a payment that fell due on April 30. Brekke asked for the deadline to be moved to July 30.',
    );
    expect(deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2024-04-30',
        setBy: null,
        subject: 'Brekke Maritime',
        status: 'MISSED',
      }),
      expect.objectContaining({
        dueOn: '2024-06-01',
        setBy: 'Tideway Capital',
        subject: 'Brekke Maritime',
        status: 'PENDING',
      }),
    ]);
  });

  it('takes whoever warns a party that it must act as the setter', () => {
    const { deadlines } = run(
      'The Budget Office has given departments until April 2 to file their lists. Treasury Secretary Rafael Ochoa warned Congress in a letter on Friday that it must raise the debt limit by June 15.',
    );
    expect(deadlines[1]).toMatchObject({
      dueOn: '2024-06-15',
      setBy: 'Rafael Ochoa',
      subject: 'Congress',
    });
  });

  it('gives an order joined by ", and" the body the sentence opens with, past a passive verb', () => {
    const { deadlines } = run(
      "Canada's transport regulator fined Aurora Air for failing to compensate passengers whose flights were cancelled, and ordered the carrier to pay every claim by July 15. The Canadian Transportation Agency said the airline had misled them.",
    );
    expect(deadlines[0]).toMatchObject({
      dueOn: '2024-07-15',
      setBy: 'Canadian Transportation Agency',
      subject: 'Aurora Air',
    });
  });

  it('finds who must act behind "which has until", an owned apposition and "fails to"', () => {
    expect(
      run('The veto now goes back to the National Assembly, which has until May 18 to override it.')
        .deadlines[0],
    ).toMatchObject({ dueOn: '2024-05-18', subject: 'National Assembly' });
    expect(
      run(
        "The judge gave Corvane's administrator, Petra Holm, until June 4 to produce the records.",
      ).deadlines[0],
    ).toMatchObject({ subject: 'Petra Holm' });
    expect(
      run('Lawmakers warned of a shutdown if Congress fails to pass a budget by April 9.')
        .deadlines[0],
    ).toMatchObject({ subject: 'Congress' });
  });
});

describe('deadline parties described by the head of their name', () => {
  const partyName = (x: ReturnType<typeof extractArticle>, key: string | null): string | null =>
    x.entities.find((e) => e.key === key)?.name ?? null;

  it('takes "the county" for the county named before it, acting as its government', () => {
    const x = extractArticle({
      body: 'A state board on Monday ordered Pinewood County to reopen two libraries. The Library Standards Board gave the county until July 9 to file a staffing plan.',
      publishedOn: '2027-06-08',
    });
    expect(x.deadlines).toHaveLength(1);
    expect(partyName(x, x.deadlines[0]?.subject ?? null)).toBe('Pinewood County');
    expect(partyName(x, x.deadlines[0]?.setBy ?? null)).toBe('Library Standards Board');
  });

  it('takes an object pronoun for the person of its gender named before, not the one asking', () => {
    const x = extractArticle({
      body: 'Tom Reid runs the firm. Ann Cole said Peter Marsh had asked him to respond by Friday.',
      publishedOn: '2027-06-22',
    });
    expect(x.deadlines).toHaveLength(1);
    expect(x.deadlines[0]?.dueOn).toBe('2027-06-25');
    expect(partyName(x, x.deadlines[0]?.subject ?? null)).toBe('Tom Reid');
    expect(partyName(x, x.deadlines[0]?.setBy ?? null)).toBe('Peter Marsh');
  });

  it('reads "His club also faces" and "The company\'s lawyers have until" as the company', () => {
    const club = extractArticle({
      body: 'Leith Athletic is in trouble. His club also faces a September 12 deadline, imposed by City of Edinburgh Council, to repair a stand.',
      publishedOn: '2027-08-17',
    });
    expect(partyName(club, club.deadlines[0]?.subject ?? null)).toBe('Leith Athletic');
    const miner = extractArticle({
      body: "The president ordered the mining company Sierra Madre Nickel to stop. Sierra Madre Nickel said it would challenge the order. The company's lawyers have until September 3 to file their appeal with the Court of Appeals.",
      publishedOn: '2027-08-24',
    });
    expect(partyName(miner, miner.deadlines[0]?.subject ?? null)).toBe('Sierra Madre Nickel');
  });

  it('reads "by the end of 2032" as a deadline when something requires it, not as a goal', () => {
    const bill = extractArticle({
      body: 'The California State Legislature on Monday passed a bill that would require Pacific Crest Energy to bury 1,500 miles of power lines by the end of 2032.',
      publishedOn: '2027-08-31',
    });
    expect(bill.deadlines).toHaveLength(1);
    expect(bill.deadlines[0]?.dueOn).toBe('2032-12-31');
    expect(partyName(bill, bill.deadlines[0]?.setBy ?? null)).toBe('California State Legislature');
    expect(partyName(bill, bill.deadlines[0]?.subject ?? null)).toBe('Pacific Crest Energy');
    const goal = extractArticle({
      body: 'Acme Corp aims to cut its emissions by half by the end of 2030.',
      publishedOn: '2027-08-31',
    });
    expect(goal.deadlines).toEqual([]);
  });

  it('gives a deadline to the senator who "wants" it, not the committee her relative clause names', () => {
    const x = extractArticle({
      body: "The Supreme Court ordered the Department of Veterans Affairs to clear a backlog by October 1. Senator Mariela Ostrowski, who chairs the Senate Veterans' Affairs Committee, wants the department to send her committee a progress report by September 1.",
      publishedOn: '2027-08-03',
    });
    const report = x.deadlines.find((d) => d.dueOn === '2027-09-01');
    expect(partyName(x, report?.setBy ?? null)).toBe('Mariela Ostrowski');
    expect(partyName(x, report?.subject ?? null)).toBe('Department of Veterans Affairs');
  });

  it('takes "Texas regulators" for the commission named after them', () => {
    const x = extractArticle({
      body: 'Texas regulators have set a January 15 deadline for Gulfmark Refining to submit a plan. The Texas Commission on Environmental Quality said in a letter that the plan must include monitoring.',
      publishedOn: '2027-10-19',
    });
    expect(x.deadlines[0]?.dueOn).toBe('2028-01-15');
    expect(partyName(x, x.deadlines[0]?.setBy ?? null)).toBe(
      'Texas Commission on Environmental Quality',
    );
  });

  it('gives a deadline for "the contractor\'s plan" to the contractor', () => {
    const x = extractArticle({
      body: "Vale Highways Ltd is repairing the bridge. Monmouthshire County Council set its own deadline: it wants the contractor's traffic plan for the bridge's reopening by October 15.",
      publishedOn: '2027-10-05',
    });
    expect(x.deadlines).toHaveLength(1);
    expect(partyName(x, x.deadlines[0]?.subject ?? null)).toBe('Vale Highways Ltd');
    expect(partyName(x, x.deadlines[0]?.setBy ?? null)).toBe('Monmouthshire County Council');
  });

  it('gives a date "the firm expected to" meet to the firm, not the director who said so', () => {
    const x = extractArticle({
      body: "Vale Highways Ltd is late. Vale Highways' managing director, Owain Pritchard, said the firm expected to reopen one lane by October 20.",
      publishedOn: '2027-10-05',
    });
    expect(partyName(x, x.deadlines[0]?.setBy ?? null)).toBe('Vale Highways Ltd');
    expect(partyName(x, x.deadlines[0]?.subject ?? null)).toBe('Vale Highways Ltd');
  });

  it('reads "the utility" as the company before it and "is expected to" as no promise', () => {
    const x = extractArticle({
      body: 'The California State Legislature passed a bill that would require Pacific Crest Energy to bury power lines by the end of 2032. The bill, which Governor Daniel Okafor-Whitley is expected to sign, also requires the utility to file a progress report every year, the first by March 1.',
      publishedOn: '2027-08-31',
    });
    const report = x.deadlines.find((d) => d.dueOn === '2028-03-01');
    expect(partyName(x, report?.subject ?? null)).toBe('Pacific Crest Energy');
    expect(partyName(x, report?.setBy ?? null)).not.toBe('Daniel Okafor-Whitley');
  });

  it('takes the date "The deadline … falls on" for the days counted in the sentence before', () => {
    const x = extractArticle({
      body: 'The Scottish Professional Football League has given Leith Athletic 14 days to pay £310,000 owed to former players. The deadline, set in a letter sent to the club on Monday, falls on August 30.',
      publishedOn: '2027-08-17',
    });
    expect(x.deadlines.map((d) => d.dueOn)).toEqual(['2027-08-30']);
    expect(partyName(x, x.deadlines[0]?.setBy ?? null)).toBe(
      'Scottish Professional Football League',
    );
    expect(partyName(x, x.deadlines[0]?.subject ?? null)).toBe('Leith Athletic');
  });
});

describe('deadline parties in registers of the fifteenth dev batch', () => {
  const partyOf = (x: ReturnType<typeof extractArticle>, key: string | null): string | null =>
    x.entities.find((e) => e.key === key)?.name ?? null;

  it('gives a firm that "can appeal within 30 days" no setter, as one that has until a date to', () => {
    const x = extractArticle({
      body: "Estonia's Competition Authority on Tuesday ordered Baltic Ferrylink to sell two of its five ferry routes by April 30. Baltic Ferrylink can appeal within 30 days.",
      publishedOn: '2028-01-11',
    });
    const appeal = x.deadlines.find((d) => d.dueOn === '2028-02-10');
    expect(appeal?.setBy).toBeNull();
    expect(partyOf(x, appeal?.subject ?? null)).toBe('Baltic Ferrylink');
  });
});

describe('deadline setters and recipients', () => {
  it('does not take the body a thing is to be handed to for the setter of the date', () => {
    const x = extractArticle({
      body: 'Calder Valley Water was fined by a judge on Tuesday. Its directors must present a repair schedule to the Environment Agency by March 15, the judge, Imogen Farrant, said.',
      publishedOn: '2028-02-02',
    });
    const schedule = x.deadlines.find((d) => d.dueOn === '2028-03-15');
    expect(x.entities.find((e) => e.key === schedule?.setBy)?.name).not.toBe('Environment Agency');
  });
});

describe('deadlines owed by two parties', () => {
  const subjectName = (x: ReturnType<typeof extractArticle>, due: string): string | undefined =>
    x.entities.find((e) => e.key === x.deadlines.find((d) => d.dueOn === due)?.subject)?.name;

  it('gives the date to the first of two parties joined by "and"', () => {
    const x = extractArticle({
      body: 'Hungary and Slovakia must finish dredging the river by October 31. The Dutch Economy Ministry has asked Veldhoven Photonics and Arclight Semiconductor to submit details by March 31. Under the Inland Navigation Safety Code, Donau Cargo and other operators must fit new sensors by May 1.',
      publishedOn: '2028-03-07',
    });
    expect(subjectName(x, '2028-10-31')).toBe('Hungary');
    expect(subjectName(x, '2028-03-31')).toBe('Veldhoven Photonics');
    expect(subjectName(x, '2028-05-01')).toBe('Donau Cargo');
  });
});

describe('setters told earlier in the article', () => {
  it('does not lend a date a firm set itself to another party that has until a date', () => {
    const x = extractArticle({
      body: "Veldhoven Photonics expects to complete its takeover of Arclight Semiconductor by June 30, the company said on Tuesday. Britain's Competition and Markets Authority has until April 20 to decide whether to open an in-depth investigation.",
      publishedOn: '2028-03-14',
    });
    const review = x.deadlines.find((d) => d.dueOn === '2028-04-20');
    expect(x.entities.find((e) => e.key === review?.subject)?.name).toBe(
      'Competition and Markets Authority',
    );
    expect(review?.setBy).toBeNull();
  });
});

describe('deadlines given in the passive', () => {
  it('finds who was ordered when the day of the order stands before "to"', () => {
    const x = extractArticle({
      body: 'Calder Valley Water was ordered on Tuesday to finish strengthening the dam at Hollins Reservoir by September 30.',
      publishedOn: '2028-02-02',
    });
    expect(x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name).toBe(
      'Calder Valley Water',
    );
  });
});

describe('parties named in apposition to a description', () => {
  const subjectName = (x: ReturnType<typeof extractArticle>, due: string): string | undefined =>
    x.entities.find((e) => e.key === x.deadlines.find((d) => d.dueOn === due)?.subject)?.name;

  it('takes the name set off by commas after a description for the party before its verb', () => {
    const x = extractArticle({
      body: 'The authority said a rival operator, Saaremaa Lines, had until February 15 to say whether it would bid. Dock workers will strike from June 5 unless the port operator, Baltic Terminal Group, improves its pay offer by June 1, their union said.',
      publishedOn: '2028-01-11',
    });
    expect(subjectName(x, '2028-02-15')).toBe('Saaremaa Lines');
    expect(subjectName(x, '2028-06-01')).toBe('Baltic Terminal Group');
  });
});

describe('relative clauses before the party', () => {
  it('finds the party after a relative clause set off by commas', () => {
    const x = extractArticle({
      body: 'Under the Inland Navigation Safety Code, which takes effect with the treaty, Donau Cargo must fit new depth sensors to its barges by May 1.',
      publishedOn: '2028-03-07',
    });
    expect(x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name).toBe('Donau Cargo');
  });
  it('reads past a relative clause between the party and "must"', () => {
    const x = extractArticle({
      body: 'Orbis Telecom, which the Federal Communications Commission fined last year, must restore service by July 15.',
      publishedOn: '2028-06-01',
    });
    expect(x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name).toBe('Orbis Telecom');
  });
});

describe('setters named in the sentence after the deadline', () => {
  const setterName = (x: ReturnType<typeof extractArticle>, due: string): string | undefined =>
    x.entities.find((e) => e.key === x.deadlines.find((d) => d.dueOn === due)?.setBy)?.name;

  it('takes "The order was made by X" for the setter of the order told just before', () => {
    const x = extractArticle({
      body: 'Calder Valley Water was ordered on Tuesday to finish strengthening the dam by September 30, after a High Court judge found it had ignored warnings. The order was made by Mrs Justice Imogen Farrant, who said the company had been careless.',
      publishedOn: '2028-02-02',
    });
    expect(setterName(x, '2028-09-30')).toBe('Imogen Farrant');
  });

  it('takes "X, which set that target," for the setter of the target told just before', () => {
    const x = extractArticle({
      body: 'Under its franchise, the National Grid Corporation must connect three solar farms to the grid by the end of September. The Department of Energy, which set that target, said on Monday it was on track.',
      publishedOn: '2028-04-18',
    });
    expect(setterName(x, '2028-09-30')).toBe('Department of Energy');
  });

  it('takes who "gave the company the deadline" in the next sentence for its setter', () => {
    const x = extractArticle({
      body: 'Dock workers will strike from June 5 unless the port operator, Baltic Terminal Group, improves its pay offer by June 1. The union, Solidarność Portowa, gave the company the deadline after talks broke down on Monday night.',
      publishedOn: '2028-05-23',
    });
    expect(setterName(x, '2028-06-01')).toBe('Solidarność Portowa');
  });

  it('takes "The order came from X" for the setter of the order told just before', () => {
    const x = extractArticle({
      body: 'Orbis Telecom was given until July 15 to restore service. The order came from the Federal Communications Commission.',
      publishedOn: '2028-06-01',
    });
    expect(setterName(x, '2028-07-15')).toBe('Federal Communications Commission');
  });
});

describe('promises after a joined verb phrase', () => {
  const partiesOf = (x: ReturnType<typeof extractArticle>): (string | undefined)[] => [
    x.entities.find((e) => e.key === x.deadlines[0]?.setBy)?.name,
    x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name,
  ];

  it('gives "the company had appointed … and expected to publish … by" to the company', () => {
    const x = extractArticle({
      body: "Zentara Mining missed a May 5 deadline set by the Johannesburg Stock Exchange to publish its results. Zentara's interim chief executive, Sipho Dlamini, said the company had appointed new auditors and expected to publish the figures by June 20.",
      publishedOn: '2028-05-09',
    });
    expect(x.deadlines.find((d) => d.dueOn === '2028-06-20')).toBeDefined();
    const x2 = { ...x, deadlines: x.deadlines.filter((d) => d.dueOn === '2028-06-20') };
    expect(partiesOf(x2)).toEqual(['Zentara Mining', 'Zentara Mining']);
  });

  it('gives "the firm had already ordered … and expected to have them fitted by" to the firm', () => {
    const x = extractArticle({
      body: "Donau Cargo's managing director, Felix Aigner, said the firm had already ordered the sensors and expected to have them fitted by April 15.",
      publishedOn: '2028-03-07',
    });
    expect(partiesOf(x)).toEqual(['Donau Cargo', 'Donau Cargo']);
  });
});

describe('promises made by a verb joined with "and"', () => {
  it('gives "…, and said it would name one by Thursday" to the subject the sentence opens with', () => {
    const x = extractArticle({
      body: 'The Infrastructure Ministry told both sides on Tuesday to meet a state mediator before the end of the week, and said it would name one by Thursday.',
      publishedOn: '2028-05-23',
    });
    const named = x.deadlines.find((d) => d.dueOn === '2028-05-25');
    expect(x.entities.find((e) => e.key === named?.subject)?.name).toBe('Infrastructure Ministry');
    expect(x.entities.find((e) => e.key === named?.setBy)?.name).toBe('Infrastructure Ministry');
  });
});

describe('parties of clauses reported after their verb', () => {
  it('finds who must, needs to or is due to act after "said", however long the speaker', () => {
    const subjects = [
      'Federal Communications Commission chairwoman Lena Park said Orbis Telecom must restore service by July 15.',
      'Orbis Telecom will need to restore service by July 15, according to the Federal Communications Commission.',
      'Orbis Telecom is due to restore service by July 15, the Federal Communications Commission said.',
    ].map((body) => {
      const x = extractArticle({ body, publishedOn: '2028-06-01' });
      return x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name;
    });
    expect(subjects).toEqual(['Orbis Telecom', 'Orbis Telecom', 'Orbis Telecom']);
  });
});

describe('deadlines "set" for a party', () => {
  it('gives the date to the one "set … a deadline", and "first" is no part of the setter', () => {
    const x = extractArticle({
      body: 'The Ministry of Health first set the Tararua Hospital Trust a deadline in 2026, asking it to halve the list by June 30, 2027. The Federal Communications Commission has set Orbis Telecom a deadline of July 15 to restore service.',
      publishedOn: '2028-04-04',
    });
    const name = (key: string | null | undefined): string | undefined =>
      x.entities.find((e) => e.key === key)?.name;
    const old = x.deadlines.find((d) => d.dueOn === '2027-06-30');
    const service = x.deadlines.find((d) => d.dueOn === '2028-07-15');
    expect([name(old?.setBy), name(old?.subject)]).toEqual([
      'Ministry of Health',
      'Tararua Hospital Trust',
    ]);
    expect(name(service?.subject)).toBe('Orbis Telecom');
  });
});

describe('deadlines owned or named for a party', () => {
  it('gives "X\'s deadline to act" and "the deadline for X" to X', () => {
    const subjects = [
      "The Federal Communications Commission extended Orbis Telecom's deadline to restore service to August 30.",
      "The Federal Communications Commission's deadline for Orbis Telecom is July 15.",
    ].map((body) => {
      const x = extractArticle({ body, publishedOn: '2028-06-01' });
      return x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name;
    });
    expect(subjects).toEqual(['Orbis Telecom', 'Orbis Telecom']);
  });
});

describe('governments named after their country', () => {
  it('gives the setter "The government of X" to that government, not to its country', () => {
    const setters = [
      'The government of Varnia has given the Coastal Liberation Front until March 1 to withdraw.',
      'The government of Peru has given Transandina Gas until March 1 to repair the pipeline.',
    ].map((body) => {
      const x = extractArticle({ body, publishedOn: '2028-02-20' });
      return x.entities.find((e) => e.key === x.deadlines[0]?.setBy)?.name;
    });
    expect(setters).toEqual(['Government of Varnia', 'Government of Peru']);
  });
});

describe('pronouns that must act', () => {
  it('reads "It must" after a company acted on by a public body as the company', () => {
    const x = extractArticle({
      body: 'Kestrel Mining was fined by the Mining Inspectorate on Monday. It must also close the tailings dam by July 15.',
      publishedOn: '2028-06-01',
    });
    expect(x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name).toBe('Kestrel Mining');
  });
});

describe('deadlines agreed to', () => {
  it('gives a date agreed to the one who agrees, set by the one agreed with', () => {
    const parties = [
      'Kestrel Mining agreed with the Mining Inspectorate to close its tailings dam by July 15.',
      'Kestrel Mining has agreed to close its tailings dam by July 15 under a settlement with the Mining Inspectorate.',
    ].map((body) => firstParties(body, '2028-06-01'));
    expect(parties).toEqual([
      ['Mining Inspectorate', 'Kestrel Mining'],
      ['Mining Inspectorate', 'Kestrel Mining'],
    ]);
  });
});

describe('appositions between the party and its verb', () => {
  const subjectName = (body: string): string | undefined => {
    const x = extractArticle({ body, publishedOn: '2028-06-01' });
    return x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name;
  };

  it('reads past appositions opened by a number or an owner, and keeps a relative clause that tells the deadline', () => {
    expect(
      subjectName(
        "The Federal Communications Commission ordered Orbis Telecom and Vantage Mobile, two of the country's largest carriers, to restore service by July 15.",
      ),
    ).toBe('Orbis Telecom');
    expect(
      subjectName(
        "Ana Reyes, Orbis Telecom's chief executive, has until July 15 to restore service.",
      ),
    ).toBe('Ana Reyes');
    expect(
      subjectName(
        'Orbis Telecom, which has until July 15 to restore service, said on Monday it was working around the clock.',
      ),
    ).toBe('Orbis Telecom');
  });
});

describe('the one given the time is not the one giving it', () => {
  it('reads "giving it" and "which also gave it" as the other party, and "which" as its antecedent', () => {
    const parties = [
      'The Federal Communications Commission wrote to Orbis Telecom on Monday, giving it until July 15 to restore service.',
      'Orbis Telecom was fined $5 million on Monday by the Federal Communications Commission, which also gave it until July 15 to restore service.',
    ].map((body) => firstParties(body, '2028-06-01'));
    expect(parties).toEqual([
      ['Federal Communications Commission', 'Orbis Telecom'],
      ['Federal Communications Commission', 'Orbis Telecom'],
    ]);
  });
});

describe('rulings told after their clause', () => {
  it('takes the one who ruled or wrote in an order after the clause for the setter', () => {
    const setters = [
      'Orbis Telecom must hand over the documents by July 15, Judge Maria Santos ruled.',
      'Orbis Telecom must hand over the documents by July 15, U.S. District Judge Maria Santos wrote in her order.',
    ].map((body) => {
      const x = extractArticle({ body, publishedOn: '2028-06-01' });
      return x.entities.find((e) => e.key === x.deadlines[0]?.setBy)?.name;
    });
    expect(setters).toEqual(['Maria Santos', 'Maria Santos']);
  });
});

describe('extensions and deadlines told as nouns', () => {
  const subjectName = (body: string): string | undefined => {
    const x = extractArticle({ body, publishedOn: '2028-06-01' });
    return x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name;
  };

  it('gives an extension to the one granted it or who won it', () => {
    expect(
      subjectName(
        'The Federal Communications Commission granted Orbis Telecom an extension until August 30.',
      ),
    ).toBe('Orbis Telecom');
    expect(
      subjectName(
        'Orbis Telecom won an extension until August 30 from the Federal Communications Commission.',
      ),
    ).toBe('Orbis Telecom');
  });

  it('gives "ahead of a July 15 deadline" to the party the sentence opens with', () => {
    expect(
      subjectName(
        'Orbis Telecom is negotiating with lenders ahead of a July 15 deadline to repay $2 billion.',
      ),
    ).toBe('Orbis Telecom');
  });
});

describe('two deadlines in contrasting clauses', () => {
  it('reads "X must … by July 15, while Y has until August 1" as two deadlines, each with its party', () => {
    const x = extractArticle({
      body: 'Orbis Telecom and Vantage Mobile were fined on Monday. Orbis Telecom must restore service by July 15, while Vantage Mobile has until August 1.',
      publishedOn: '2028-06-01',
    });
    const subjectOn = (due: string): string | undefined =>
      x.entities.find((e) => e.key === x.deadlines.find((d) => d.dueOn === due)?.subject)?.name;
    expect(subjectOn('2028-07-15')).toBe('Orbis Telecom');
    expect(subjectOn('2028-08-01')).toBe('Vantage Mobile');
  });
});

describe('clauses that only look like obligations', () => {
  it('does not read "has told" as "has to", and reads past "The operator of the service, X,"', () => {
    const told = extractArticle({
      body: 'Judge Anita Ramaswamy, who is presiding over the trial, has told both sides to finish presenting evidence by May 28.',
      publishedOn: '2027-05-11',
    });
    expect(told.deadlines[0]?.subject).toBeNull();
    const operator = extractArticle({
      body: 'The operator of the service, Kelsall & Merriton Trains, has been told by the rail regulator to submit a new plan by March 15.',
      publishedOn: '2026-01-20',
    });
    expect(operator.entities.find((e) => e.key === operator.deadlines[0]?.subject)?.name).toBe(
      'Kelsall & Merriton Trains',
    );
  });
});

describe('places given the time', () => {
  it('gives the date to a place that is the whole party, acting as its government', () => {
    const x = extractArticle({
      body: 'The Ministry of Environment gave Kivu Province until July 15 to submit its flood plan.',
      publishedOn: '2028-06-01',
    });
    const party = x.entities.find((e) => e.key === x.deadlines[0]?.subject);
    expect(party?.name).toBe('Kivu Province');
    expect(party?.kind).toBe('GOVERNMENT');
  });
});

describe('places that set a deadline', () => {
  it('takes a place that is the whole setter for the setter, acting as its government', () => {
    const x = extractArticle({
      body: 'Kivu Province has given Orbis Telecom until July 15 to remove the masts.',
      publishedOn: '2028-06-01',
    });
    const setter = x.entities.find((e) => e.key === x.deadlines[0]?.setBy);
    expect(setter?.name).toBe('Kivu Province');
    expect(setter?.kind).toBe('GOVERNMENT');
  });
});

describe('descriptions of blocs and governments', () => {
  it('reads "the bloc" as the union named before it and "the government" as the government', () => {
    const x = extractArticle({
      body: 'The government of Varnia ordered aid groups to leave. The European Union has threatened to freeze funds. Its spokesman, Piet Hoefnagel, said the bloc expected the government to withdraw the order by March 31.',
      publishedOn: '2028-02-20',
    });
    const name = (key: string | null | undefined): string | undefined =>
      x.entities.find((e) => e.key === key)?.name;
    const withdraw = x.deadlines.find((d) => d.dueOn === '2028-03-31');
    expect([name(withdraw?.setBy), name(withdraw?.subject)]).toEqual([
      'European Union',
      'Government of Varnia',
    ]);
  });
});

describe('demands in the progressive', () => {
  it('gives "is demanding that X restore …" to X', () => {
    const x = extractArticle({
      body: 'The Federal Communications Commission is demanding that Orbis Telecom restore service by July 15.',
      publishedOn: '2028-06-01',
    });
    expect(x.entities.find((e) => e.key === x.deadlines[0]?.subject)?.name).toBe('Orbis Telecom');
  });
});

describe('letters and ultimatums received', () => {
  it('gives the date to who received the letter or ultimatum, set by whom it came from', () => {
    const parties = [
      'Orbis Telecom received a letter from the Federal Communications Commission giving it until July 15 to restore service.',
      'Orbis Telecom received an ultimatum from the Federal Communications Commission: restore service by July 15.',
    ].map((body) => firstParties(body, '2028-06-01'));
    expect(parties).toEqual([
      ['Federal Communications Commission', 'Orbis Telecom'],
      ['Federal Communications Commission', 'Orbis Telecom'],
    ]);
  });
});

describe('hopes and commitments', () => {
  it('gives a date a firm hopes or has committed to meet to the firm itself', () => {
    const parties = [
      'Orbis Telecom hopes to restore service by July 15.',
      'Orbis Telecom has committed to restoring service by July 15.',
    ].map((body) => firstParties(body, '2028-06-01'));
    expect(parties).toEqual([
      ['Orbis Telecom', 'Orbis Telecom'],
      ['Orbis Telecom', 'Orbis Telecom'],
    ]);
  });
});

describe('a sentence-opening "It"', () => {
  const partiesOf = (body: string): (string | undefined)[] => {
    const x = extractArticle({ body, publishedOn: '2028-06-01' });
    const name = (key: string | null | undefined): string | undefined =>
      x.entities.find((e) => e.key === key)?.name;
    return [name(x.deadlines[0]?.setBy), name(x.deadlines[0]?.subject)];
  };

  it('reads "It" as the subject of the sentence before, and not as the one it gives the time', () => {
    expect(
      partiesOf(
        'Orbis Telecom was fined by the Federal Communications Commission on Monday. It also gave the company until July 15 to restore service.',
      ),
    ).toEqual(['Federal Communications Commission', 'Orbis Telecom']);
    expect(
      partiesOf(
        'Orbis Telecom was fined by the Federal Communications Commission on Monday. It said it would restore service by July 15.',
      ),
    ).toEqual(['Orbis Telecom', 'Orbis Telecom']);
    expect(
      partiesOf(
        'The Federal Communications Commission fined Orbis Telecom on Monday. It said it would decide on the licence by July 15.',
      ),
    ).toEqual(['Federal Communications Commission', 'Federal Communications Commission']);
  });
});

describe('setters told outside the date’s clause', () => {
  const deadlinesOf = (body: string): { dueOn: string; setBy?: string; subject?: string }[] => {
    const x = extractArticle({ body, publishedOn: '2028-06-01' });
    const name = (key: string | null): string | undefined =>
      x.entities.find((e) => e.key === key)?.name;
    return x.deadlines.map((d) => ({
      dueOn: d.dueOn,
      setBy: name(d.setBy),
      subject: name(d.subject),
    }));
  };

  it('reads "It" after "X\'s … Regulation" opened the sentence before as the law, not its owner', () => {
    const found = deadlinesOf(
      "The European Union's Battery Passport Regulation, adopted in 2025, requires member states to open a registry by March 1, 2029. It also obliges importers to register their batteries by the end of 2028.",
    );
    expect(found.find((d) => d.dueOn === '2028-12-31')?.setBy).toBe('Battery Passport Regulation');
  });

  it('takes the setter of a passive deadline from "The date was fixed at a meeting of X" in the next sentence', () => {
    const found = deadlinesOf(
      'A deadline of September 15 has been set for Harbour Town FC to prove that its ground is safe. The date was fixed at a meeting of the Northern Premier League on Friday, officials said.',
    );
    expect(found[0]).toMatchObject({ dueOn: '2028-09-15', setBy: 'Northern Premier League' });
  });

  it('gives a date to "a <description>" the name that follows introduces, not to a party named before', () => {
    const found = deadlinesOf(
      'The Information Commissioner has told a mobile operator it must delete the call logs of 12,000 customers by August 30. Commissioner Ruth Adeyemi said Bluefin Telecom had kept them for a decade.',
    );
    expect(found[0]).toMatchObject({
      dueOn: '2028-08-30',
      setBy: 'Information Commissioner',
      subject: 'Bluefin Telecom',
    });
  });

  it('reads "X had written to the company, giving it until …, a spokesman said" as set by X for the company', () => {
    const found = deadlinesOf(
      'Harbourline Ferries says the new boats will be late. The Department of Marine Services had written to the company, giving it until August 8 to explain the delay, a spokesman for the minister said later.',
    );
    expect(found[0]).toMatchObject({
      dueOn: '2028-08-08',
      setBy: 'Department of Marine Services',
      subject: 'Harbourline Ferries',
    });
  });

  it('gives a date owed by "X\'s chief executive", named by office only, to X', () => {
    const found = deadlinesOf(
      "Harbourline Ferries, the state's ferry operator, says the new boats will be late. The committee's chair, Ian Forbes, said he had already asked Harbourline's chief executive to appear before it by August 25.",
    );
    expect(found[0]).toMatchObject({
      dueOn: '2028-08-25',
      setBy: 'Ian Forbes',
      subject: 'Harbourline Ferries',
    });
  });

  it('reads a body that voted or decided to act by a date as setting it for itself', () => {
    expect(
      deadlinesOf('The board of Orbis Telecom has voted to close the plant by July 15.')[0],
    ).toMatchObject({
      setBy: 'Orbis Telecom',
      subject: 'Orbis Telecom',
    });
    expect(
      deadlinesOf("Orbis Telecom's board has decided to close the plant by July 15.")[0],
    ).toMatchObject({
      setBy: 'Orbis Telecom',
      subject: 'Orbis Telecom',
    });
  });

  it('reads a law named with its year ("the Harbours Act 2011") as a law that sets the date', () => {
    expect(
      deadlinesOf(
        'Under the Harbours Act 2011, the port must publish its safety plan by October 31, officials said.',
      )[0],
    ).toMatchObject({ dueOn: '2028-10-31', setBy: 'Harbours Act 2011' });
  });

  it('gives a date the head of a public body states to the body he or she runs', () => {
    expect(
      deadlinesOf(
        'Registration will be run by the National Waste Agency. Its director, Petra Lindqvist, said importers who had not registered by December 15 would be fined.',
      )[0],
    ).toMatchObject({ dueOn: '2028-12-15', setBy: 'National Waste Agency' });
  });

  it("gives a promise that an officer makes for 'the group' to the officer's company, not to the company the article's earlier deadlines were for", () => {
    const found = deadlinesOf(
      "Orbis Steel must pay £41 million into the pension scheme by September 30. Orbis Steel's owner, the conglomerate Varma Industries, said the payments would be made on time. Its finance director, Anjali Varma, said the group would also close the scheme to new members by the end of the year.",
    );
    expect(found.find((d) => d.dueOn === '2028-12-31')).toMatchObject({
      setBy: 'Varma Industries',
      subject: 'Varma Industries',
    });
  });

  it('reads "the chamber" a speaker of a legislature promises for as the legislature', () => {
    expect(
      deadlinesOf(
        'The Senate is expected to vote on the bill next week. Its speaker, Amina Hassan, said the chamber would take it up by July 20.',
      )[0],
    ).toMatchObject({ dueOn: '2028-07-20', setBy: 'Senate', subject: 'Senate' });
  });

  it('reads "Planning officers told the club that … must … by" as set by the public body named just before', () => {
    expect(
      deadlinesOf(
        'Leeds City Council, which owns the land, has its own timetable. Planning officers told the club in May that the stands must be signed off by October 15, and a councillor, Asif Rahman, said on Tuesday that the date would not move.',
      )[0],
    ).toMatchObject({ dueOn: '2028-10-15', setBy: 'Leeds City Council' });
  });

  it('gives a date members voted to demand to the body "its" stands for, owed by the body "the club\'s board" stands for', () => {
    expect(
      deadlinesOf(
        "The Northern League has given Harbour Town FC until August 31 to show that its ground is safe. The Harbour Town Supporters' Trust is less sure. At its annual meeting last week, members voted by 412 to 37 to demand that the club's board publish its accounts by July 31.",
      )[1],
    ).toMatchObject({
      dueOn: '2028-07-31',
      setBy: "Harbour Town Supporters' Trust",
      subject: 'Harbour Town FC',
    });
  });

  it('gives a date due "under the plan, which X approved," to X', () => {
    expect(
      deadlinesOf(
        'The lenders met in Paris last year. Under the plan, which the World Bank approved in March, Orbis Telecom must repay its loans by October 31.',
      )[0],
    ).toMatchObject({ dueOn: '2028-10-31', setBy: 'World Bank' });
  });
});

describe('setters and parties told by description, participle or the sentence around them', () => {
  const parties = (body: string): (string | undefined)[] => firstParties(body, '2028-04-01');

  it('resolves an institution described in words its name lacks to the body named nearest', () => {
    expect(
      [
        "Sweden's mining regulator has given Vardo Mining until May 3 to respond. The Bergsstaten agency said the mine was unsafe.",
        'Kestrel Bank fined Vardo Mining in March. In January the governing body gave Vardo Mining until February 28 to pay.',
      ].map(parties),
    ).toEqual([
      ['Bergsstaten', 'Vardo Mining'],
      ['Kestrel Bank', 'Vardo Mining'],
    ]);
  });

  it('reads "X face a deadline" with the plural verb, and an order to the party in the next sentence as its setter', () => {
    expect(
      parties(
        'Kilbride Rovers face a deadline of April 4 to settle their tax bill, after the Northern League lost patience. The league ordered the club to pay the money it owes.',
      ),
    ).toEqual(['Northern League', 'Kilbride Rovers']);
  });

  it('gives a participle after a reporting clause to the one who reports it', () => {
    expect(
      parties(
        'Nurses will strike next month unless the state agrees to new ratios, their union said on Tuesday, giving the health minister until April 10 to respond. The Coastal Nurses Federation said members had voted for action.',
      )[0],
    ).toBe('Coastal Nurses Federation');
  });

  it('takes a body named after its owner, not the owner, for the party', () => {
    expect(
      parties(
        "Judge Amy Roth ruled on Monday. The city's Department of Buildings is required to inspect the complex by March 27.",
      )[1],
    ).toBe('Department of Buildings');
  });

  it('takes "the owner of a …" ordered to act for the organisation named next', () => {
    expect(
      parties(
        'A judge on Monday ordered the owner of a riverside apartment complex to restore heat by March 20. Judge Amy Roth also fined Lakeshore Residential Holdings $5,000.',
      )[1],
    ).toBe('Lakeshore Residential Holdings');
  });

  it('gives a deadline told with no agent to whoever acted on the party in the sentence before or after', () => {
    expect(
      [
        'The Lisbon Port Authority fined Atlantic Ferries on Monday. The operator has been given until May 3 to repair the ramp.',
        'The Ministry of Mines fined Vardo Mining on Monday. The company now faces a deadline of May 3 to close the shaft.',
        'The Ministry of Mines wrote to Vardo Mining last week. The company has until May 3 to close the shaft.',
        'Vardo Mining was fined by the Ministry of Mines on Monday. It has until May 3 to close the shaft.',
        'Skyline Air has been ordered to compensate passengers by June 1. The Civil Aviation Authority said the airline had ignored earlier warnings.',
      ].map(parties),
    ).toEqual([
      ['Lisbon Port Authority', 'Atlantic Ferries'],
      ['Ministry of Mines', 'Vardo Mining'],
      ['Ministry of Mines', 'Vardo Mining'],
      ['Ministry of Mines', 'Vardo Mining'],
      ['Civil Aviation Authority', 'Skyline Air'],
    ]);
  });

  it('reads "the deadline set by X for Y" and "has been set a deadline … by X"', () => {
    expect(
      [
        'Vardo Mining runs the mine. The deadline set by Kestrel Bank for Vardo Mining is May 3.',
        'Vardo Mining has been set a deadline of June 1 by the Ministry of Mines to close the shaft.',
      ].map(parties),
    ).toEqual([
      ['Kestrel Bank', 'Vardo Mining'],
      ['Ministry of Mines', 'Vardo Mining'],
    ]);
  });

  it("gives an ultimatum's date to the one who threatens, not to those who would strike", () => {
    expect(
      parties(
        'Workers at Metro Buses will strike unless the company improves its offer by June 1, the Transport Workers Union said.',
      ),
    ).toEqual(['Transport Workers Union', 'Metro Buses']);
  });

  it('names the setter of "under an order by Judge X" and of "That is the deadline X set"', () => {
    expect(
      [
        'The Department of Education is required to restore the grants by June 1 under an order by Judge Amy Roth.',
        'Vardo Mining must close the shaft by June 1. That is the deadline the Ministry of Mines set on Monday.',
      ].map(parties),
    ).toEqual([
      ['Amy Roth', 'Department of Education'],
      ['Ministry of Mines', 'Vardo Mining'],
    ]);
  });

  it('takes "management" for the company and the "it" given an order for someone other than the one giving it', () => {
    expect(
      [
        'Skyline Air pilots met on Monday. The Airline Pilots Association has given management until June 1 to improve its offer.',
        'Skyline Air is expected to compensate passengers by June 1, after the Civil Aviation Authority ordered it to do so.',
      ].map(parties),
    ).toEqual([
      ['Airline Pilots Association', 'Skyline Air'],
      ['Civil Aviation Authority', 'Skyline Air'],
    ]);
  });

  it('reads letters, warnings, promises to meet a deadline, bare officials and two setters joined by "and"', () => {
    expect(
      [
        'In a letter to Vardo Mining, the Ministry of Mines demanded that the shaft be closed by June 1.',
        "Vardo Mining said it would meet the Ministry of Mines' June 1 deadline to close the shaft.",
        'The Ministry of Mines inspected the shaft in March. Officials gave Vardo Mining until June 1 to close it.',
        'The Ministry of Mines and the Ministry of Labour gave Vardo Mining until June 1 to close the shaft.',
        'Vardo Mining chief executive Per Lund said the company had been ordered by the Ministry of Mines to close the shaft by June 1.',
      ].map(parties),
    ).toEqual([
      ['Ministry of Mines', 'Vardo Mining'],
      ['Ministry of Mines', 'Vardo Mining'],
      ['Ministry of Mines', 'Vardo Mining'],
      ['Ministry of Mines', 'Vardo Mining'],
      ['Ministry of Mines', 'Vardo Mining'],
    ]);
  });
});
