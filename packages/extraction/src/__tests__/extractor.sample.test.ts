import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleText } from '../article-text.parser';
import { extractArticle } from '../extractor';

const raw = readFileSync(join(__dirname, '../../gold/dev/articles-tiktok-2020-09-14.txt'), 'utf8');
const article = parseArticleText(raw);
const extraction = extractArticle(article);
const direct = extraction.quotes.filter((q) => q.direct);
const entityName = (key: string | null): string | undefined =>
  extraction.entities.find((e) => e.key === key)?.name;

describe('extraction of the sample TikTok article', () => {
  it('finds exactly the six direct quotes, each an exact substring at its span', () => {
    expect(direct).toHaveLength(6);
    for (const quote of direct) expect(article.body.slice(quote.start, quote.end)).toBe(quote.text);
  });

  it('attributes each direct quote to the right speaker, channel, outlet and day', () => {
    const summary = direct.map((q) => ({
      opens: q.text.slice(0, 20),
      speaker: entityName(q.speaker),
      channel: q.channel,
      via: entityName(q.via),
      spokenOn: q.spokenOn,
    }));
    expect(summary).toEqual([
      {
        opens: 'ByteDance let us kno',
        speaker: 'Microsoft',
        channel: 'STATEMENT',
        via: 'Agence France-Presse',
        spokenOn: '2020-09-13',
      },
      {
        opens: 'We are confident our',
        speaker: 'Microsoft',
        channel: 'STATEMENT',
        via: 'Agence France-Presse',
        spokenOn: '2020-09-13',
      },
      {
        opens: 'the risks of a fragm',
        speaker: 'Adam Mosseri',
        channel: 'INTERVIEW',
        via: 'CNBC',
        spokenOn: '2020-09-11',
      },
      {
        opens: 'If countries start t',
        speaker: 'Adam Mosseri',
        channel: 'INTERVIEW',
        via: 'CNBC',
        spokenOn: '2020-09-11',
      },
      {
        opens: 'coercive robbery',
        speaker: 'Government of China',
        channel: null,
        via: undefined,
        spokenOn: null,
      },
      {
        opens: 'The tricks of econom',
        speaker: 'Ministry of Foreign Affairs of China',
        channel: 'PRESS_BRIEFING',
        via: 'Xinhua News Agency',
        spokenOn: null,
      },
    ]);
  });

  it('resolves "the US tech giant" and "he" to the speakers they stand for', () => {
    expect(direct[0]?.speakerMention).toBe('the US tech giant');
    expect(direct[3]?.speakerMention).toBe('he');
    expect(direct[5]?.speakerTitle).toBe('spokesperson');
  });

  it('finds the September 20 deadline Trump set for ByteDance, with its consequence', () => {
    expect(extraction.deadlines).toHaveLength(1);
    const [deadline] = extraction.deadlines;
    expect(deadline).toMatchObject({
      dueOn: '2020-09-20',
      status: 'PENDING',
      consequence: 'the complete ban',
    });
    expect(entityName(deadline?.setBy ?? null)).toBe('Donald Trump');
    expect(entityName(deadline?.subject ?? null)).toBe('ByteDance');
    expect(deadline?.concerns.map(entityName)).toEqual(['TikTok']);
  });

  it('states the ownership and leadership relations the text gives', () => {
    const relations = extraction.relations.map(
      (r) => `${entityName(r.from)} ${r.type} ${entityName(r.to)}`,
    );
    expect(relations).toEqual(
      expect.arrayContaining([
        'ByteDance OWNS TikTok',
        'Facebook OWNS Instagram',
        'Adam Mosseri LEADS Instagram',
      ]),
    );
  });

  it('flags the reported speech as indirect quotes', () => {
    const indirect = extraction.quotes
      .filter((q) => !q.direct && !q.mixed)
      .map((q) => [entityName(q.speaker), q.text.slice(0, 25)]);
    expect(indirect).toEqual([
      ['Microsoft', 'TikTok has rejected its o'],
      ['Adam Mosseri', 'he is far from enthused b'],
      ['Donald Trump', 'he will not extend the Se'],
    ]);
  });

  it('keeps reported speech with a quoted fragment inside as one mixed quote', () => {
    const mixed = extraction.quotes
      .filter((q) => q.mixed)
      .map((q) => [entityName(q.speaker), q.direct, q.text]);
    expect(mixed).toEqual([
      [
        'Government of China',
        false,
        'the Donald Trump administration\'s deadline is tantamount to "coercive robbery"',
      ],
    ]);
  });
});
