import { nodeTypes, parseGlobalId, toGlobalId } from '../ids';

const byBuffer = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

describe('global ids', () => {
  it('are base64url of "Type:id" for every node type and ids of every length', () => {
    const ids = [1, 7, 42, 123, 1000, 99_999, 100_000, 1_234_567, 2_147_483_647];
    for (let id = 1; id < 2000; id += 37) ids.push(id);
    for (const type of nodeTypes) {
      for (const id of ids) {
        expect(toGlobalId(type, id)).toBe(byBuffer(`${type}:${id}`));
        expect(parseGlobalId(toGlobalId(type, id))).toEqual({ type, id });
      }
    }
  });

  it('encode a value that is not a plain row id as its text would be', () => {
    for (const value of [0, -5, 1.5, 'é', 'x:y', '']) {
      expect(toGlobalId('Entity', value as number)).toBe(byBuffer(`Entity:${value}`));
    }
  });
});
