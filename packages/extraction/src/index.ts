// @dateline/extraction: article text and a publication date in; entities, relations, quotes
// (direct and indirect) and deadlines out, with character spans and a confidence. Rule-based and
// synchronous: no server, database or model download.
export {
  extractArticle,
  findEntityNames,
  prepareArticle,
  type PreparedArticle,
  type EntityName,
} from './extractor';
export {
  parseArticleText,
  isIsoDate,
  type ParsedArticleText,
  type ParseOptions,
} from './article-text.parser';
export { ArticleTextError, type IngestionErrorCode } from './errors';
export {
  layoutText,
  sentenceAt,
  type TextLayout,
  type Sentence,
  type Paragraph,
  type Token,
  type QuotedSpan,
} from './text-layout';
export * from './types';
