import { neededWord } from '../needed-word';

describe('the word a pattern needs', () => {
  it('is the longest run of letters outside groups, classes and escapes', () => {
    expect(neededWord(/((?:[A-Z]\w*\s+){0,4}?[A-Z]\w*)['’]s?\s+deadline\s+to\s+[a-z]+/)).toBe(
      'deadline',
    );
    expect(neededWord(/\bunless\s+(the|a)\s+/)).toBe('unless');
    // "\deadline" would be the escape \d and "eadline".
    expect(neededWord(/\deadlines/)).toBe('eadlines');
  });

  it('drops a last letter made optional, and gives none when it cannot be sure', () => {
    expect(neededWord(/\s+extensions?\b/)).toBe('extension');
    expect(neededWord(/\bdeadline\b|\buntil\b/)).toBeNull();
    expect(neededWord(/\bdeadline\b/i)).toBeNull();
    expect(neededWord(/(?:deadline|extension)\s+to/)).toBeNull();
    expect(neededWord(/\bby\s+(?=deadline)/)).toBeNull();
  });
});
