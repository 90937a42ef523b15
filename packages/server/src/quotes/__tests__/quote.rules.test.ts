// Quote spans count code points, whether or not the body holds characters beyond the BMP.
import { locateQuote } from '../quote.rules';

describe('locateQuote', () => {
  const plain = 'He said: "We will appeal." She said: "We will appeal."';
  const astral = '🎉 He said: "We will appeal." 🎉 She said: "We will appeal."';

  it('finds the first occurrence, in code points', () => {
    expect(locateQuote(plain, 'We will appeal.')).toEqual({ spanStart: 10, spanEnd: 25 });
    // The emoji is two UTF-16 units but one code point.
    expect(locateQuote(astral, 'We will appeal.')).toEqual({ spanStart: 12, spanEnd: 27 });
  });

  it('checks a given start against the body', () => {
    expect(locateQuote(plain, 'We will appeal.', 38)).toEqual({ spanStart: 38, spanEnd: 53 });
    expect(locateQuote(astral, 'We will appeal.', 42)).toEqual({ spanStart: 42, spanEnd: 57 });
    expect(locateQuote(plain, 'We will appeal.', 11)).toBe(
      'the article body does not have this text at spanStart',
    );
    expect(locateQuote(astral, 'We will appeal.', 13)).toBe(
      'the article body does not have this text at spanStart',
    );
    expect(locateQuote(plain, 'We will appeal.', 50)).toBe(
      'the span runs past the end of the article body',
    );
  });

  it('counts a quote holding an emoji in code points', () => {
    expect(locateQuote(astral, '🎉 She said')).toEqual({ spanStart: 29, spanEnd: 39 });
    expect(locateQuote(plain, '🎉 She said')).toBe('must be an exact passage of the article body');
  });
});
