// The entity input rules as zod schemas, apart from the GraphQL input types: ingestion validates
// with them on a worker thread that loads no GraphQL.
import { z } from 'zod';

export const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'must be at most 300 characters');
export const optionalText = z.string().trim().max(300, 'must be at most 300 characters').nullish();
export const wikidataId = z
  .string()
  .trim()
  .regex(/^(Q[1-9][0-9]*)?$/, 'must look like Q2283')
  .nullish();
export const aliases = z.array(name).max(50, 'at most 50 aliases').nullish();

export const entityRefSchema = z
  .object({
    id: z.string().nullish(),
    name: name.nullish(),
    kind: z.string().nullish(),
    aliases,
  })
  .refine((ref) => (ref.id ? !ref.name && !ref.kind : !!ref.name && !!ref.kind), {
    message: 'give either id, or name and kind',
  });
