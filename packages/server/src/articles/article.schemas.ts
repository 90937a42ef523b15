// The article fields' rules as zod schemas, shared by createArticle, updateArticle and
// ingestArticle so they cannot drift apart, and kept apart from the GraphQL input types: ingestion
// validates with them on a worker thread that loads no GraphQL.
import { z } from 'zod';

export const headline = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(500, 'must be at most 500 characters');
export const url = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .regex(/^(https?:\/\/\S+)?$/, 'must be an http or https URL');
export const language = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or pt-BR');
export const publishedAt = z
  .date()
  .refine(
    (date) => date.getUTCFullYear() >= 1800 && date.getTime() <= Date.now() + 7 * 86_400_000,
    {
      message: 'must be between the year 1800 and a week from now',
    },
  );
