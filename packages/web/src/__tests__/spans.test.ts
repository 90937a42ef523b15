import { segment } from '../spans';

describe('highlighting by code-point spans', () => {
  test('an emoji before a quote does not shift its highlight (spans count code points, not UTF-16 units)', () => {
    const text = '🎉 Fans cheered. "We won," she said.';
    // Code points: the emoji is one, so the quote "We won," starts at 17.
    const start = Array.from(text).indexOf('W');
    const parts = segment(text, [{ span: { start, end: start + 7 } }]);
    expect(parts.map((part) => [part.text, part.item !== null])).toEqual([
      ['🎉 Fans cheered. "', false],
      ['We won,', true],
      ['" she said.', false],
    ]);
  });

  test('overlapping spans keep the earlier one whole and the later one clipped; spans past the end are clamped', () => {
    const parts = segment('abcdefghij', [
      { span: { start: 5, end: 20 } },
      { span: { start: 1, end: 4 } },
      { span: { start: 3, end: 7 } },
      { span: null },
    ]);
    expect(parts.map((part) => part.text)).toEqual(['a', 'bcd', 'efg', 'hij']);
    expect(parts.map((part) => part.item?.span?.start ?? null)).toEqual([null, 1, 3, 5]);
  });

  test('a quoted fragment inside reported speech shows inside it, splitting the reported span', () => {
    const parts = segment('He said the plan was "a disaster" for all.', [
      { span: { start: 8, end: 41 }, name: 'reported' },
      { span: { start: 22, end: 32 }, name: 'fragment' },
    ]);
    expect(parts.map((part) => [part.text, part.item?.name ?? null])).toEqual([
      ['He said ', null],
      ['the plan was "', 'reported'],
      ['a disaster', 'fragment'],
      ['" for all', 'reported'],
      ['.', null],
    ]);
  });
});
