import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contaminatedEntries, readDataFiles, testOnlyNames } from '../contamination';
import type { GoldArticle } from '../gold-set';
import { loadGoldSet } from '../gold-set';

function article(entities: GoldArticle['entities']): GoldArticle {
  return {
    about: '',
    article: {
      file: 'x.txt',
      publishedOn: '2024-01-01',
      datelines: [],
      headline: '',
      language: 'en',
    },
    entities,
    relations: [],
    quotes: [],
    indirectQuotes: [],
    deadlines: [],
  };
}

/** Entries the lists had when they were frozen, all written without access to the test set. */
const atFreeze = (
  JSON.parse(
    readFileSync(join(__dirname, '../../gold/test/list-entries-at-freeze.json'), 'utf8'),
  ) as { entries: string[] }
).entries;

describe('the word lists and the held-out test split', () => {
  it('gain no entry for a name that occurs only in test articles', () => {
    const cases = loadGoldSet();
    const dev = cases.filter((c) => c.split === 'dev').map((c) => c.gold);
    const test = cases.filter((c) => c.split === 'test').map((c) => c.gold);
    const found = contaminatedEntries(testOnlyNames(dev, test), readDataFiles());
    expect(found.filter((entry) => !atFreeze.includes(entry))).toEqual([]);
  });

  it('would catch a list entry that only a test article needs', () => {
    const dev = [article([{ key: 'afp', name: 'Agence France-Presse', kind: 'MEDIA_OUTLET' }])];
    const test = [
      article([
        { key: 'afp', name: 'Agence France-Presse', kind: 'MEDIA_OUTLET' },
        {
          key: 'kyodo',
          name: 'Kyodo News Service',
          kind: 'MEDIA_OUTLET',
          aliases: ['Kyodo'],
          mentions: ['Kyodo', 'the agency'],
        },
      ]),
    ];
    expect(contaminatedEntries(testOnlyNames(dev, test), readDataFiles())).toEqual([
      'Kyodo in outlets.txt',
    ]);
  });
});
