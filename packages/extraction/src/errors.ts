// Errors raised while reading raw article text. The code matches the public error list so the
// GraphQL layer can pass it through unchanged.

export type IngestionErrorCode = 'BAD_USER_INPUT';

export class ArticleTextError extends Error {
  readonly code: IngestionErrorCode = 'BAD_USER_INPUT';

  constructor(
    message: string,
    /** Which part of the input was wrong, for clients that highlight it. */
    readonly field: 'text' | 'publishedOn' | 'datelines' | 'body',
  ) {
    super(message);
    this.name = 'ArticleTextError';
  }
}
