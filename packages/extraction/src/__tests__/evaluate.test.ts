import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alignEntities, checkTargets, scoreExtraction, summarize } from '../evaluate';
import { loadFolder, type GoldArticle } from '../gold-set';
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
    mixed: false,
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

  it('leaves quotes whose speaker is only described out of speaker accuracy, not out of the spans', () => {
    const described = {
      ...gold,
      quotes: [
        gold.quotes[0]!,
        { ...gold.quotes[1]!, speaker: null, speakerDescription: 'a bystander' },
      ],
    };
    const scored = summarize([scoreExtraction('described', 'dev', body, described, extraction)]);
    expect(scored.speakerAccuracy).toBe(1);
    expect(scored.directOverlapR).toBe(1);
  });

  it('scores indirect and mixed quotes, and every attribution together', () => {
    const reported =
      '"Alpha," Ann Lee said. Bo Chan said the delta plan was "a big mistake" for all.';
    const withIndirect: GoldArticle = {
      ...gold,
      quotes: [{ text: 'Alpha,', speaker: 'ann' }],
      indirectQuotes: [
        { text: 'the delta plan was "a big mistake" for all', speaker: 'bo', mixed: true },
      ],
      deadlines: [],
    };
    const span = (text: string): { start: number; end: number } => {
      const start = reported.indexOf(text);
      return { start, end: start + text.length };
    };
    const indirect = (text: string, speaker: string): ExtractedQuote => ({
      ...quote(span(text).start, span(text).end, speaker),
      text,
      direct: false,
    });
    const found: Extraction = {
      ...extraction,
      quotes: [
        { ...quote(span('Alpha,').start, span('Alpha,').end, 'p1'), text: 'Alpha,' },
        indirect('the delta plan was', 'p2'),
        indirect('for all', 'p2'),
      ],
      deadlines: [],
    };
    const scored = summarize([scoreExtraction('mixed', 'dev', reported, withIndirect, found)]);
    expect(scored.indirectExactF1).toBe(0);
    expect(scored.indirectOverlapP).toBeCloseTo(1 / 2);
    expect(scored.indirectOverlapR).toBe(1);
    expect(scored.indirectSpeakerAccuracy).toBe(1);
    expect(scored.attributionOverlapP).toBeCloseTo(2 / 3);
    expect(scored.attributionOverlapR).toBe(1);
  });

  it('judges entity kinds on matched entities and deadline subjects apart from setters', () => {
    const mistyped: Extraction = {
      ...extraction,
      entities: extraction.entities.map((e) =>
        e.key === 'p2' ? { ...e, kind: 'ORGANIZATION' as const } : e,
      ),
      deadlines: extraction.deadlines.map((d) => ({ ...d, setBy: 'p1', subject: 'p2' })),
    };
    const subjectGold: GoldArticle = {
      ...gold,
      deadlines: gold.deadlines.map((d) => ({ ...d, subject: 'bo' })),
    };
    const scored = summarize([scoreExtraction('kinds', 'dev', body, subjectGold, mistyped)]);
    expect(scored.entityKindAccuracy).toBeCloseTo(1 / 2);
    expect(scored.deadlineSetByAccuracy).toBe(1);
    expect(scored.deadlineSubjectAccuracy).toBe(1);
  });

  it('takes a deadline party named by an unmerged duplicate of the gold entity as right, and one named by another entity as wrong', () => {
    const duplicated: Extraction = {
      ...extraction,
      entities: [
        ...extraction.entities,
        { key: 'p4', name: 'Ms Lee', kind: 'PERSON', aliases: [], mentions: [], confidence: 1 },
      ],
    };
    const mentioned: GoldArticle = {
      ...gold,
      entities: gold.entities.map((e) => (e.key === 'ann' ? { ...e, mentions: ['Ms Lee'] } : e)),
    };
    const score = (setBy: string): number =>
      summarize([
        scoreExtraction('dup', 'dev', body, mentioned, {
          ...duplicated,
          deadlines: extraction.deadlines.map((d) => ({ ...d, setBy })),
        }),
      ]).deadlineSetByAccuracy;
    expect(score('p4')).toBe(1);
    expect(score('p1')).toBe(1);
    expect(score('p3')).toBe(0);
  });

  it('pairs two deadlines due the same day by the sentence the gold evidence is in', () => {
    const twoGold: GoldArticle = {
      ...gold,
      deadlines: [
        { ...gold.deadlines[0]!, evidence: 'Delta', setBy: 'bo' },
        { ...gold.deadlines[0]!, evidence: 'Alpha', setBy: 'ann' },
      ],
    };
    const two: Extraction = {
      ...extraction,
      deadlines: [
        { ...extraction.deadlines[0]!, setBy: 'p1', evidence: { start: 0, end: 20 } },
        { ...extraction.deadlines[0]!, setBy: 'p2', evidence: { start: 34, end: 50 } },
      ],
    };
    const scored = summarize([scoreExtraction('same-day', 'dev', body, twoGold, two)]);
    expect(scored.deadlineSetByAccuracy).toBe(1);
  });

  it('reports targets as met or not met', () => {
    const [speaker] = checkTargets(metrics, { speakerAccuracy: 0.9 });
    expect(speaker).toEqual({ name: 'speakerAccuracy', target: 0.9, score: 0.5, met: false });
  });
});

describe('the gold set loader', () => {
  it('takes every article/gold pair in a folder as that split, and an absent folder as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gold-'));
    try {
      writeFileSync(join(dir, 'articles-one-2024-01-01.txt'), 'date 2024-01-01 Paris: One.');
      writeFileSync(join(dir, 'articles-one-2024-01-01.gold.json'), JSON.stringify(gold));
      writeFileSync(join(dir, 'README.md'), 'not an article');
      const cases = loadFolder(dir, 'test');
      expect(cases.map((c) => [c.id, c.split])).toEqual([['one-2024-01-01', 'test']]);
      expect(loadFolder(join(dir, 'missing'), 'test')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
