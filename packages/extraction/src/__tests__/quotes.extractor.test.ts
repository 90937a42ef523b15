import { extractArticle } from '../extractor';
import type { Extraction } from '../types';

function run(body: string, publishedOn = '2024-05-10'): Extraction {
  return extractArticle({ body, publishedOn });
}

function speakerOf(extraction: Extraction, text: string): string | undefined {
  const quote = extraction.quotes.find((q) => q.text === text);
  return extraction.entities.find((e) => e.key === quote?.speaker)?.name;
}

describe('quote extraction', () => {
  it('gives both halves of a quote split around its cue to the same speaker', () => {
    const x = run(
      '“The plan is dead,” union leader Harriet Vance said, “and nobody will revive it.”',
    );
    expect(x.quotes.filter((q) => q.direct).map((q) => q.text)).toEqual([
      'The plan is dead,',
      'and nobody will revive it.',
    ]);
    expect(speakerOf(x, 'The plan is dead,')).toBe('Harriet Vance');
    expect(speakerOf(x, 'and nobody will revive it.')).toBe('Harriet Vance');
  });

  it('reads straight and curly quotation marks alike', () => {
    const x = run(
      '"Prices will fall," said Omar Haddad, an economist. Sarah Lund said: “They will not fall this year.”',
    );
    expect(speakerOf(x, 'Prices will fall,')).toBe('Omar Haddad');
    expect(speakerOf(x, 'They will not fall this year.')).toBe('Sarah Lund');
  });

  it('continues a quote left open at the end of a paragraph into the next one', () => {
    const body = [
      'Mayor Jonas Berg addressed the crowd on Saturday.',
      '“We rebuilt the bridge in a year.',
      '“We will rebuild the school in less,” he said.',
    ].join('\n');
    const x = run(body);
    const direct = x.quotes.filter((q) => q.direct);
    expect(direct.map((q) => q.text)).toEqual([
      'We rebuilt the bridge in a year.',
      'We will rebuild the school in less,',
    ]);
    expect(direct.map((q) => speakerOf(x, q.text))).toEqual(['Jonas Berg', 'Jonas Berg']);
  });

  it('resolves a pronoun speaker to the person who spoke last', () => {
    const body =
      'Chief executive Maria Olsen said sales had doubled.\n"We did not expect this," she said.';
    const x = run(body);
    expect(speakerOf(x, 'We did not expect this,')).toBe('Maria Olsen');
    expect(x.quotes.find((q) => q.direct)?.speakerMention).toBe('she');
  });

  it('resolves "the company" to the company that spoke last, and keeps the statement it came from', () => {
    const body =
      'Drugmaker Verdant Labs said in a statement on Monday that it would close two plants.\n"This was a difficult choice," the company said.';
    const x = run(body, '2024-05-10');
    const quote = x.quotes.find((q) => q.direct);
    expect(speakerOf(x, 'This was a difficult choice,')).toBe('Verdant Labs');
    expect(quote).toMatchObject({ channel: 'STATEMENT', spokenOn: '2024-05-06' });
  });

  it('records the outlet a quote came through and the interview channel', () => {
    const x = run('“We are staying,” Helen Moss told Reuters on Tuesday.');
    const quote = x.quotes.find((q) => q.direct);
    expect(quote).toMatchObject({ channel: 'INTERVIEW', spokenOn: '2024-05-07' });
    expect(x.entities.find((e) => e.key === quote?.via)?.name).toBe('Reuters');
  });

  it('marks "X said that …" as an indirect quote with its exact span', () => {
    const body = 'Minister Paul Grant said that the tax would rise next year.';
    const x = run(body);
    const indirect = x.quotes.find((q) => !q.direct);
    expect(indirect).toMatchObject({
      text: 'the tax would rise next year',
      direct: false,
      cue: 'said',
    });
    expect(body.slice(indirect?.start, indirect?.end)).toBe(indirect?.text);
    expect(speakerOf(x, 'the tax would rise next year')).toBe('Paul Grant');
  });

  it('leaves a short scare quote without a cue unattributed and out of the results', () => {
    const x = run('The so-called "peace plan" was published on Friday.');
    expect(x.quotes).toEqual([]);
  });
});
