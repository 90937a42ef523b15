// ingestArticle's input rules, apart from its GraphQL input type: the ingestion worker validates
// with them and loads no GraphQL.
import { z } from 'zod';
import { headline, language, publishedAt, url } from '../articles/article.schemas';
import { entityRefSchema } from '../entities/entity.schemas';

export const ingestArticleSchema = z.object({
  text: z
    .string()
    .max(200_000, 'must be at most 200000 characters')
    .refine((text) => text.trim().length > 0, 'must not be empty'),
  publishedAt: publishedAt.nullish(),
  headline: headline.nullish(),
  url: url.nullish(),
  source: entityRefSchema.nullish(),
  language: language.nullish(),
  dryRun: z.boolean().nullish(),
});
