import { extractArticle } from '../extractor';
import { americanQuotationMarks, findSingleQuotations } from '../quotation-marks';
import type { Extraction } from '../types';

function run(body: string): Extraction {
  return extractArticle({ body, publishedOn: '2027-12-16' });
}

function quoted(body: string): string[] {
  return findSingleQuotations(body).map((p) => body.slice(p.open + 1, p.end));
}

function speakerOf(extraction: Extraction, text: string): string | undefined {
  const quote = extraction.quotes.find((q) => q.text === text);
  return extraction.entities.find((e) => e.key === quote?.speaker)?.name;
}

describe('speech in single quotation marks', () => {
  it('finds a quotation in curly single marks and gives it its speaker', () => {
    const x = run('‘We will appeal, and we will win,’ said Harriet Quayle, the club’s chair.');
    expect(x.quotes.filter((q) => q.direct).map((q) => q.text)).toEqual([
      'We will appeal, and we will win,',
    ]);
    expect(speakerOf(x, 'We will appeal, and we will win,')).toBe('Harriet Quayle');
  });

  it('does not close a quotation at an apostrophe inside or at the end of a word', () => {
    expect(quoted('‘I don’t know what o’clock it is, Ma’am,’ he said.')).toEqual([
      'I don’t know what o’clock it is, Ma’am,',
    ]);
    expect(quoted('‘It was rock ’n’ roll in the ’90s and ’24 too,’ she said.')).toEqual([
      'It was rock ’n’ roll in the ’90s and ’24 too,',
    ]);
  });

  it('reads a plural owner before its noun or before the closing mark as an apostrophe', () => {
    expect(quoted('‘The players’ union will stand by them,’ he said.')).toEqual([
      'The players’ union will stand by them,',
    ]);
    expect(quoted('‘It’s their careers, not the directors’,’ he said.')).toEqual([
      'It’s their careers, not the directors’,',
    ]);
    expect(quoted('‘We back the farmers’ she said.')).toEqual(['We back the farmers']);
  });

  it('opens no quotation at an apostrophe, an elision or a mark glued to a word', () => {
    expect(findSingleQuotations('The players’ union and Mosseri’s firm met in the ’90s.')).toEqual(
      [],
    );
    expect(findSingleQuotations('Hits of the ‘90s, rock ‘n’ roll and the class of ‘24.')).toEqual(
      [],
    );
    expect(findSingleQuotations('It was don‘t and won‘t.')).toEqual([]);
  });

  it('keeps double marks nested inside single ones part of the outer quotation', () => {
    const body = '‘I said, “That’s the soundcheck, Ma’am.” She laughed,’ Marsh said.';
    const x = run(body);
    expect(x.quotes.filter((q) => q.direct).map((q) => q.text)).toEqual([
      'I said, “That’s the soundcheck, Ma’am.” She laughed,',
    ]);
    expect(speakerOf(x, 'I said, “That’s the soundcheck, Ma’am.” She laughed,')).toBe('Marsh');
  });

  it('runs a quotation on over paragraphs that reopen it without closing it', () => {
    const body =
      'Doig described what happened.\n‘A lad got on at Govan and would not pay.\n‘I was off for seven weeks. Put the screens in.’';
    expect(quoted(body)).toEqual([
      'A lad got on at Govan and would not pay.',
      'I was off for seven weeks. Put the screens in.',
    ]);
    expect(run(body).quotes.filter((q) => q.direct)).toHaveLength(2);
  });

  it('leaves a text that quotes in double marks exactly as it is', () => {
    expect(americanQuotationMarks('“We won,” she said. It was ‘historic’, fans said.')).toBeNull();
    expect(
      americanQuotationMarks('"She told him, ‘You cannot stop me,’" her son said.'),
    ).toBeNull();
    expect(americanQuotationMarks('The players’ union met on Monday.')).toBeNull();
  });

  it('rewrites only the marks it reads, keeping every offset', () => {
    const body = '‘The answer’s “next year”,’ he said.';
    const read = americanQuotationMarks(body);
    expect(read).toBe('“The answer’s ‘next year’,” he said.');
    expect(read?.length).toBe(body.length);
  });

  it('gives a quotation to the person named after a dash behind its closing mark', () => {
    const x = run(
      'Farmers queued to speak.\n‘I don’t know if there’ll be a fifth’ – Gwen Pritchard, a farmer.\n‘The regulations were written by the clubs themselves’ — Peter Haldane.',
    );
    expect(speakerOf(x, 'I don’t know if there’ll be a fifth')).toBe('Gwen Pritchard');
    expect(speakerOf(x, 'The regulations were written by the clubs themselves')).toBe(
      'Peter Haldane',
    );
    const y = run(
      '“We will back it,” said Sarah Lund, the mayor.\n“Nobody asked us” – Tom Reyes, a farmer.',
    );
    expect(speakerOf(y, 'Nobody asked us')).toBe('Tom Reyes');
  });

  it('takes no words after a dash that are not a name for a signature', () => {
    const x = run(
      '‘We will fight on,’ said Sarah Lund, the mayor. ‘It is not over’ — in Leeds, at least.',
    );
    expect(speakerOf(x, 'It is not over')).toBe('Sarah Lund');
  });

  it('gives every paragraph of a quotation introduced the paragraph before its speaker', () => {
    const x = run(
      'In a statement, Harriet Quayle said the board accepted the findings.\n‘The accounts were not in order.\n‘But the penalty punishes the wrong people.’',
    );
    expect(speakerOf(x, 'The accounts were not in order.')).toBe('Harriet Quayle');
    expect(speakerOf(x, 'But the penalty punishes the wrong people.')).toBe('Harriet Quayle');
  });

  it('reads straight single marks as speech only in a text with no curly or double marks', () => {
    const body =
      "'We don't know what the players' union wants,' said Marcus Olowe. 'It's rock 'n' roll from the '90s.'";
    expect(findSingleQuotations(body, "'").map((p) => body.slice(p.open + 1, p.end))).toEqual([
      "We don't know what the players' union wants,",
      "It's rock 'n' roll from the '90s.",
    ]);
    const x = run(body);
    expect(speakerOf(x, "We don't know what the players' union wants,")).toBe('Marcus Olowe');
    expect(
      americanQuotationMarks('"We won," she said. It was \'historic\', fans said.'),
    ).toBeNull();
    expect(americanQuotationMarks("The players' union met in the '90s and in '24.")).toBeNull();
  });
});
