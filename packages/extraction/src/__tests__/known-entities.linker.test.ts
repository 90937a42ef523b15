import { extractArticle } from '../extractor';
import { bestMatch, dice } from '../known-entities.linker';
import type { KnownEntity } from '../types';

describe('linking to known entities', () => {
  it('links a mention to the known entity by alias and returns its id and canonical name', () => {
    const x = extractArticle(
      { body: 'Shares of Bytedance rose, according to AFP.', publishedOn: '2024-05-10' },
      [
        { id: 'ent_1', name: 'ByteDance', kind: 'ORGANIZATION', aliases: ['Bytedance Ltd'] },
        { id: 'ent_2', name: 'Agence France-Presse', kind: 'MEDIA_OUTLET', aliases: ['AFP'] },
      ],
    );
    const byId = new Map(x.entities.map((e) => [e.knownId, e.name]));
    expect(byId.get('ent_1')).toBe('ByteDance');
    expect(byId.get('ent_2')).toBe('Agence France-Presse');
  });

  it('links a surname-only person to the known full name', () => {
    const x = extractArticle(
      { body: 'Senator Okoro said the bill would pass.', publishedOn: '2024-05-10' },
      [{ id: 'ent_9', name: 'Ada Okoro', kind: 'PERSON', aliases: [] }],
    );
    expect(x.entities.find((e) => e.knownId === 'ent_9')?.name).toBe('Ada Okoro');
  });

  it('creates a new entity when nothing known is close', () => {
    const x = extractArticle(
      { body: 'Senator Okoro said the bill would pass.', publishedOn: '2024-05-10' },
      [{ id: 'ent_3', name: 'Microsoft', kind: 'ORGANIZATION', aliases: [] }],
    );
    expect(x.entities.some((e) => e.knownId !== undefined)).toBe(false);
    expect(x.entities.map((e) => e.name)).toContain('Okoro');
  });

  it('scores near-identical names high and different names low', () => {
    expect(dice('mosseri', 'moseri')).toBeGreaterThan(0.85);
    expect(dice('microsoft', 'instagram')).toBeLessThan(0.3);
  });

  it('finds the one known entity a name names among hundreds of lookalikes, the first of equals', () => {
    // Names that share most letters with "Adam Mosseri" without naming him, as a large archive
    // holds them: every vowel swapped, one letter dropped, another first name.
    const vowels = ['a', 'e', 'i', 'o', 'u'];
    const lookalikes: KnownEntity[] = [];
    for (let n = 0; n < 500; n++) {
      const swap = (text: string): string =>
        text.replace(/[aeiou]/g, (vowel) => vowels[('aeiou'.indexOf(vowel) + 1 + (n % 4)) % 5]!);
      lookalikes.push({
        id: `look_${n}`,
        name: n % 3 === 0 ? `${swap('Adam')} Mosser${n}` : `${swap('Adam Mosseri')}`,
        kind: n % 2 === 0 ? 'PERSON' : 'ORGANIZATION',
        aliases: n % 5 === 0 ? [`${swap('Mosseri')} Group`] : [],
      });
    }
    const him: KnownEntity = { id: 'him', name: 'Adam Mosseri', kind: 'PERSON', aliases: [] };
    const again: KnownEntity = { id: 'again', name: 'Adam Mosseri', kind: 'PERSON', aliases: [] };
    const known = [...lookalikes.slice(0, 250), him, ...lookalikes.slice(250), again];
    expect(bestMatch('Adam Mosseri', [], 'PERSON', known)?.id).toBe('him');
    expect(bestMatch('Mosseri', [], 'PERSON', known)?.id).toBe('him');
    expect(bestMatch('Adam Moseri', ['Mosseri'], 'PERSON', known)?.id).toBe('him');
    expect(bestMatch('Adam Mosseri', [], 'PERSON', lookalikes)).toBeUndefined();
    expect(bestMatch('Ruth Okafor', [], 'PERSON', known)).toBeUndefined();
  });
});
