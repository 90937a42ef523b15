import { extractArticle } from '../extractor';
import { dice } from '../known-entities.linker';

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
});
