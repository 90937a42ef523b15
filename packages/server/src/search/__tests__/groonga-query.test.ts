// PostgreSQL's parse of a web search, turned into Groonga's query syntax; and articles' stored
// tsvectors turned into the lexeme text Groonga indexes.
import { firstWord, lexemeText } from '../groonga-index';
import { GAP, groongaQueryOf, scoredTerms, toGroongaQuery } from '../groonga-query';

describe('toGroongaQuery', () => {
  it.each([
    ["'nostrum' & 'dolorem'", '("nostrum" "dolorem")'],
    ["'quia' | 'sint'", '("quia" OR "sint")'],
    ["'dolorem' & !'nostrum'", '("dolorem" - "nostrum")'],
    ["!'nostrum' & 'dolorem'", '("dolorem" - "nostrum")'],
    ["'nostrum' <-> 'dolorem'", '"nostrum dolorem"'],
    ["'cat' <3> 'year'", `"cat ${GAP} ${GAP} year"`],
    ["'cat' | 'dog' & 'mous'", '("cat" OR ("dog" "mous"))'],
    ["( 'a' | 'b' ) & 'c'", '(("a" OR "b") "c")'],
    ["'it''s'", '"it\'s"'],
    ['\'say "hi"\'', '"say \\"hi\\""'],
    ["'back\\\\slash'", '"back\\\\slash"'],
  ])('writes %s as %s', (tsquery, groonga) => {
    expect(toGroongaQuery(tsquery)).toBe(groonga);
  });

  it.each([
    ['', 'an empty query (only stop words)'],
    ["!'nostrum'", 'only an exclusion'],
    ["'a' | !'b'", 'an exclusion inside or'],
    ["!'a' & !'b'", 'exclusions alone'],
    ["( 'a' | 'b' ) <-> 'c'", 'a phrase around an or'],
  ])('has no Groonga form for %j (%s)', (tsquery) => {
    expect(toGroongaQuery(tsquery)).toBeNull();
  });

  it('refuses text that is not a tsquery', () => {
    expect(() => toGroongaQuery("'open")).toThrow(/cannot read tsquery/);
    expect(() => toGroongaQuery("'a' 'b'")).toThrow(/cannot read tsquery/);
  });
});

describe('groongaQueryOf', () => {
  it('gives the query and the scored words, none for a phrase, nothing for exclusions alone', () => {
    expect(groongaQueryOf("'dolorem' & 'dolorem' & !'nostrum'")).toEqual({
      text: '("dolorem" "dolorem" - "nostrum")',
      scoredWords: ['dolorem', 'dolorem'],
    });
    expect(groongaQueryOf("'nostrum' <-> 'dolorem' & 'sint'")).toEqual({
      text: '("nostrum dolorem" "sint")',
      scoredWords: null,
    });
    expect(groongaQueryOf("!'nostrum'")).toBeNull();
  });
});

describe('scoredTerms', () => {
  it('lists the words and phrases that score, without the excluded ones', () => {
    expect(scoredTerms("'nostrum' <-> 'dolorem' & 'sint' & !'quia'")).toEqual([
      ['nostrum', 'dolorem'],
      ['sint'],
    ]);
  });
});

describe('lexemeText', () => {
  it('puts the headline (A) and body (B) lexemes in text order, a gap where a stop word was', () => {
    // to_tsvector of headline "Cats of Rome" (A) || body "The cat sat. Rome, cats!" (B)
    expect(lexemeText("'cat':1A,5B,8B 'rome':3A,7B 'sat':6B")).toEqual({
      headline: `cat ${GAP} rome`,
      body: `cat sat rome cat`,
      // cat scores 5 + 2 + 2, rome 5 + 2: both at least HOT_SCORE (7); sat 2.
      hot: ['cat', 'rome'],
    });
  });

  it('makes a word hot from a headline and a body occurrence or four in the body, not less', () => {
    expect(lexemeText("'one':1A 'two':2B,3B,4B 'four':5B,6B,7B,8B 'both':9A,10B").hot).toEqual([
      'four',
      'both',
    ]);
  });

  it('reads quoted and escaped lexemes', () => {
    expect(lexemeText("'it''s':1B 'a\\\\b':2B")).toEqual({
      headline: '',
      body: "it's a\\b",
      hot: [],
    });
  });
});

describe('firstWord', () => {
  it.each([
    ["'nostrum' & 'dolorem'", 'nostrum'],
    ["'quia' | 'sint'", 'quia'],
    ["'dolorem' & !'nostrum'", 'dolorem'],
    ["'nostrum' <-> 'dolorem'", null],
    ["'nostrum' <-> 'dolorem' & 'quia'", null],
    ["'it''s' & 'a\\\\\"b'", "it's"],
  ])('is the first word Groonga matches for %s', (tsquery, expected) => {
    expect(firstWord(toGroongaQuery(tsquery) ?? '')).toBe(expected);
  });
});
