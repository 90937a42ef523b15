import { alignEntities, scoreExtraction, summarize } from '../evaluate';
import type { GoldArticle } from '../gold-set';
import type { ExtractedQuote, Extraction } from '../types';

const body = '"Alpha beta gamma," Ann Lee said. "Delta epsilon," Bo Chan said.';

const gold: GoldArticle = {
  about: 'tiny hand-made case',
  article: {
    file: 'x.txt',
    publishedOn: '2024-01-01',
    datelines: [],
    headline: '',
    language: 'en',
  },
  entities: [
    { key: 'ann', name: 'Ann Lee', kind: 'PERSON' },
    { key: 'bo', name: 'Bo Chan', kind: 'PERSON' },
  ],
  relations: [],
  quotes: [
    { text: 'Alpha beta gamma,', speaker: 'ann', channel: null, via: null, spokenOn: null },
    { text: 'Delta epsilon,', speaker: 'bo', channel: null, via: null, spokenOn: null },
  ],
  indirectQuotes: [],
  deadlines: [
    {
      description: 'x',
      evidence: 'x',
      dueOn: '2024-02-01',
      setBy: 'ann',
      subject: null,
      concerns: [],
      consequence: null,
      statusAsOfArticle: 'PENDING',
    },
  ],
};

function quote(start: number, end: number, speaker: string | null): ExtractedQuote {
  return {
    start,
    end,
    text: body.slice(start, end),
    direct: true,
    speaker,
    speakerTitle: null,
    speakerMention: null,
    cue: 'said',
    channel: null,
    via: null,
    spokenOn: null,
    confidence: 1,
    evidence: { start, end },
  };
}

describe('the evaluator', () => {
  // Gold spans: "Alpha beta gamma," is [1, 18); "Delta epsilon," is [35, 49).
  const extraction: Extraction = {
    entities: [
      { key: 'p1', name: 'Ann Lee', kind: 'PERSON', aliases: [], mentions: [], confidence: 1 },
      { key: 'p2', name: 'Bo Chan', kind: 'PERSON', aliases: [], mentions: [], confidence: 1 },
      {
        key: 'p3',
        name: 'Nobody Here',
        kind: 'ORGANIZATION',
        aliases: [],
        mentions: [],
        confidence: 1,
      },
    ],
    relations: [],
    quotes: [quote(1, 18, 'p1'), quote(35, 44, 'p1'), quote(55, 60, null)],
    deadlines: [
      {
        description: 'x',
        dueOn: '2024-02-01',
        previousDueOn: null,
        setBy: 'p2',
        subject: null,
        concerns: [],
        consequence: null,
        status: 'PENDING',
        confidence: 1,
        evidence: { start: 0, end: 1 },
      },
    ],
  };
  const metrics = summarize([scoreExtraction('tiny', 'dev', body, gold, extraction)]);

  it('counts an exact span only when both ends agree, and an overlapping one when they share text', () => {
    expect(metrics.directExactP).toBeCloseTo(1 / 3);
    expect(metrics.directExactR).toBeCloseTo(1 / 2);
    expect(metrics.directOverlapP).toBeCloseTo(2 / 3);
    expect(metrics.directOverlapR).toBeCloseTo(1);
    expect(metrics.directOverlapF1).toBeCloseTo(0.8);
  });

  it('judges speakers only on matched quotes, through the entity alignment', () => {
    expect(metrics.speakerAccuracy).toBeCloseTo(1 / 2);
  });

  it('scores entities by name and deadlines by due date, setter separately', () => {
    expect(metrics.entityP).toBeCloseTo(2 / 3);
    expect(metrics.entityR).toBeCloseTo(1);
    expect(metrics.deadlineDueAccuracy).toBe(1);
    expect(metrics.deadlineSetByAccuracy).toBe(0);
  });

  it('aligns a predicted entity to a gold one through an annotated mention', () => {
    const alignment = alignEntities(
      [{ key: 'afp', name: 'Agence France-Presse', kind: 'MEDIA_OUTLET', mentions: ['AFP'] }],
      [{ key: 'x', name: 'AFP', kind: 'MEDIA_OUTLET', aliases: [], mentions: [], confidence: 1 }],
    );
    expect(alignment.get('x')).toBe('afp');
  });

  it('refuses a gold quote that is not in the article', () => {
    const broken = { ...gold, quotes: [{ text: 'not in the body', speaker: null }] };
    expect(() => scoreExtraction('broken', 'dev', body, broken, extraction)).toThrow(
      /not in the article body/,
    );
  });
});
