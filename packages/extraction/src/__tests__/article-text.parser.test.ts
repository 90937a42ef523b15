import { ArticleTextError } from '../errors';
import { parseArticleText } from '../article-text.parser';

describe('parseArticleText', () => {
  it('reads the fixture header, with its leading space, into date, places and body', () => {
    const parsed = parseArticleText(
      ' date 2020-09-14 New York/Beijing: Software major Microsoft said so.\nSecond paragraph.\n',
    );
    expect(parsed).toEqual({
      publishedOn: '2020-09-14',
      datelines: ['New York', 'Beijing'],
      body: 'Software major Microsoft said so.\nSecond paragraph.',
    });
  });

  it('takes plain text when the publication date is given separately', () => {
    const parsed = parseArticleText('The council met on Tuesday.', {
      publishedOn: '2024-05-02',
      datelines: ['Leeds'],
    });
    expect(parsed).toEqual({
      publishedOn: '2024-05-02',
      datelines: ['Leeds'],
      body: 'The council met on Tuesday.',
    });
  });

  it('rejects plain text without a publication date with a BAD_USER_INPUT error naming the field', () => {
    expect.assertions(3);
    try {
      parseArticleText('The council met on Tuesday.');
    } catch (error) {
      expect(error).toBeInstanceOf(ArticleTextError);
      expect((error as ArticleTextError).code).toBe('BAD_USER_INPUT');
      expect((error as ArticleTextError).field).toBe('publishedOn');
    }
  });

  it('rejects a header whose date does not exist', () => {
    expect(() => parseArticleText('date 2021-02-30 Paris: Body text.')).toThrow(/not a valid date/);
  });

  it('rejects a header without a colon after the places', () => {
    expect(() => parseArticleText('date 2021-02-03 Paris Body text without colon')).toThrow(
      ArticleTextError,
    );
  });

  it('rejects a header with no body and an empty text', () => {
    expect(() => parseArticleText('date 2021-02-03 Paris:   ')).toThrow(/no body/);
    expect(() => parseArticleText('   ')).toThrow(/empty/);
  });
});
