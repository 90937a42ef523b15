import { extractArticle } from '../extractor';
import { inflect, regularInflections, reportingVerbs, spellingVariants } from '../reporting-verbs';
import type { Extraction } from '../types';

function read(body: string): Extraction {
  return extractArticle({ body, publishedOn: '2025-03-12' });
}

function quotes(
  extraction: Extraction,
  kind: 'direct' | 'indirect' = 'direct',
): [string | null, string][] {
  const names = new Map(extraction.entities.map((e) => [e.key, e.name]));
  return extraction.quotes
    .filter((q) => q.direct === (kind === 'direct'))
    .map((q) => [q.speaker === null ? null : (names.get(q.speaker) ?? q.speaker), q.text]);
}

describe('reporting verbs', () => {
  it('generates the -s, past and -ing forms of a base verb, irregular ones included', () => {
    expect(inflect('fret')).toEqual({ present: 'frets', past: 'fretted', gerund: 'fretting' });
    expect(inflect('quip')).toEqual({ present: 'quips', past: 'quipped', gerund: 'quipping' });
    expect(inflect('tell')).toEqual({ present: 'tells', past: 'told', gerund: 'telling' });
    expect(inflect('echo')).toMatchObject({ present: 'echoes', past: 'echoed' });
    expect(regularInflections('reply')).toEqual({
      present: 'replies',
      past: 'replied',
      gerund: 'replying',
    });
  });

  it('leaves out the forms the list marks as nouns and keeps the base forms it adds', () => {
    const { cues, participles } = reportingVerbs();
    expect(cues.has('reasoned')).toBe(true);
    expect(cues.has('reasons')).toBe(false);
    expect(cues.has('say')).toBe(true);
    expect(cues.has('argue')).toBe(false);
    expect(participles.has('saying')).toBe(true);
    expect(participles.has('said')).toBe(false);
  });

  it('finds a speaker through a verb only its base form is listed for', () => {
    const extraction = read(
      'Talia Brennock runs the night shelter. "We turn people away every night," Brennock fretted.\n' +
        'Osric Vell, the shelter treasurer, reasoned that the council could pay more.',
    );
    expect(quotes(extraction)).toEqual([['Talia Brennock', 'We turn people away every night,']]);
    expect(quotes(extraction, 'indirect')).toEqual([['Osric Vell', 'the council could pay more']]);
  });

  it('reads no reported clause around a verb of manner', () => {
    const extraction = read(
      'Asked about the merger with Kelburn Foods, Imke Sollander laughed. "Everybody asks," she said.',
    );
    expect(quotes(extraction, 'indirect')).toEqual([]);
    expect(quotes(extraction)).toEqual([['Imke Sollander', 'Everybody asks,']]);
  });

  it('takes both spellings of a final consonant before -ed and -ing', () => {
    expect(spellingVariants('demur')).toEqual(['demurred', 'demurring', 'demured', 'demuring']);
    expect(spellingVariants('say')).toEqual([]);
    const { cues, participles } = reportingVerbs();
    expect(cues.has('demurred')).toBe(true);
    expect(cues.has('averred')).toBe(true);
    expect(cues.has('counselled')).toBe(true);
    expect(participles.has('demurring')).toBe(true);
  });

  it('attributes a quote through a verb no list holds, right after the closing mark', () => {
    const extraction = read(
      'The vote went against the club. "It is a farce!" Graeme Lockhart harrumphed on Monday.',
    );
    expect(quotes(extraction)).toEqual([['Graeme Lockhart', 'It is a farce!']]);
    expect(quotes(extraction, 'indirect')).toEqual([]);
  });

  it('takes "reads" and "read" as verbs of manner, never "reading"', () => {
    const { cues, quoteOnly, participles } = reportingVerbs();
    expect(cues.has('reads')).toBe(true);
    expect(cues.has('read')).toBe(true);
    expect(quoteOnly.has('reads')).toBe(true);
    expect(cues.has('reading')).toBe(false);
    expect(participles.has('reading')).toBe(false);
    expect(cues.has('readed')).toBe(false);
  });
});
