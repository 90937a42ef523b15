// Loads the sample article (fixtures/articles-tiktok-2020-09-14.*) with its hand annotation:
// entities, relations, mentions, quotes and the deadline. Idempotent: the article's content hash
// says whether it is already there, and everything goes in one transaction. The article itself
// is stored by ArticleService, the one write path for articles.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from '../articles/article.rules';
import type { ArticleService } from '../articles/article.service';
import type { EntityRef } from '../entities/entity-ref';
import type { Repositories } from '../repositories';
import { toGlobalId } from '../shared/ids';
import type {
  DeadlineStatusValue,
  EntityKindValue,
  QuoteChannelValue,
  RelationTypeValue,
} from './schema';
import type { UnitOfWork } from './transaction';

export const fixturesDir = path.join(__dirname, '..', '..', 'fixtures');
export const SAMPLE_ARTICLE = 'articles-tiktok-2020-09-14';

/** The hand-annotation format of fixtures/*.gold.json. */
export interface GoldAnnotation {
  article: { publishedOn: string; datelines: string[]; headline: string; language: string };
  entities: {
    key: string;
    name: string;
    kind: EntityKindValue;
    wikidataId?: string;
    title?: string;
    aliases?: string[];
    mentions: string[];
  }[];
  relations: { from: string; type: RelationTypeValue; to: string }[];
  quotes: GoldQuote[];
  indirectQuotes: GoldQuote[];
  deadlines: {
    description: string;
    evidence: string;
    dueOn: string;
    setBy: string;
    subject: string;
    concerns: string[];
    consequence: string;
    statusAsOfArticle: DeadlineStatusValue;
    note?: string;
  }[];
}

interface GoldQuote {
  text: string;
  speaker: string;
  cue: string;
  channel?: QuoteChannelValue | null;
  via?: string | null;
  spokenOn?: string;
  speakerTitle?: string;
}

/** Splits the fixture format ` date YYYY-MM-DD Place/Place: body`. */
export function parseFixtureText(text: string): {
  publishedOn: string;
  datelines: string[];
  body: string;
} {
  const match = /^\s*date (\d{4}-\d{2}-\d{2}) ([^:\n]+): ([\s\S]+)$/.exec(text);
  if (!match) throw new Error('Not in the fixture format "date YYYY-MM-DD Place/Place: body"');
  return {
    publishedOn: match[1] as string,
    datelines: (match[2] as string).split('/').map((place) => place.trim()),
    body: (match[3] as string).trim(),
  };
}

/** Offset in Unicode code points, the unit the database's char_length uses. */
function codePointOffset(text: string, utf16Index: number): number {
  return [...text.slice(0, utf16Index)].length;
}

function spanStart(body: string, quoted: string): number {
  const index = body.indexOf(quoted);
  if (index < 0) throw new Error(`Quote not found in the body: ${quoted}`);
  return codePointOffset(body, index);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How often the body mentions an entity by any of its names, overlapping names counted once. */
export function countMentions(body: string, forms: readonly string[]): number {
  const names = forms.filter((form) => /[A-Z]/.test(form));
  const hits: [number, number][] = [];
  for (const name of names) {
    for (const match of body.matchAll(new RegExp(`\\b${escapeRegExp(name)}\\b`, 'g'))) {
      hits.push([match.index, match.index + name.length]);
    }
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let count = 0;
  let end = -1;
  for (const [start, stop] of hits) {
    if (start >= end) {
      count += 1;
      end = stop;
    }
  }
  return Math.max(count, 1);
}

export function readSample(): { text: string; gold: GoldAnnotation } {
  return {
    text: readFileSync(path.join(fixturesDir, `${SAMPLE_ARTICLE}.txt`), 'utf8'),
    gold: JSON.parse(
      readFileSync(path.join(fixturesDir, `${SAMPLE_ARTICLE}.gold.json`), 'utf8'),
    ) as GoldAnnotation,
  };
}

/** Writes to the sample through the same services as the API (container.ts createServices). */
export interface SeedServices {
  work: UnitOfWork<Repositories>;
  articles: ArticleService;
}

/**
 * Stores an annotated article in one transaction: its entities (matched to stored ones by
 * Wikidata id, else by name and kind), their relations, then the article through ArticleService
 * like any other. Returns false when the article is already stored.
 */
export async function loadAnnotatedArticle(
  services: SeedServices,
  text: string,
  gold: GoldAnnotation,
): Promise<boolean> {
  const { body } = parseFixtureText(text);
  return services.work.transaction(async (repositories) => {
    const { entities } = repositories;
    const stored = await repositories.articles.byUrlOrHash(null, contentHash(body));
    if (stored) return false;

    const ids = new Map<string, number>();
    for (const entity of gold.entities) {
      const row =
        (entity.wikidataId && (await entities.byWikidataId(entity.wikidataId))) ||
        (await entities.findOrCreate(entity.name, entity.kind)).entity;
      const missing = {
        ...(!row.wikidataId && entity.wikidataId && { wikidataId: entity.wikidataId }),
        ...(!row.title && entity.title && { title: entity.title }),
      };
      if (Object.keys(missing).length > 0) await entities.update(row.id, missing);
      await entities.addAliases(row.id, entity.aliases ?? []);
      ids.set(entity.key, row.id);
    }
    const id = (key: string): number => {
      const found = ids.get(key);
      if (found === undefined) throw new Error(`Unknown entity key in the annotation: ${key}`);
      return found;
    };
    const ref = (key: string): EntityRef => ({ id: toGlobalId('Entity', id(key)) });
    for (const relation of gold.relations) {
      await entities.insertRelation(id(relation.from), relation.type, id(relation.to));
    }

    const quotes = [
      ...gold.quotes.map((quote) => ({ quote, direct: true })),
      ...gold.indirectQuotes.map((quote) => ({ quote, direct: false })),
    ].map(({ quote, direct }) => ({
      text: quote.text,
      direct,
      speaker: ref(quote.speaker),
      speakerTitle: quote.speakerTitle ?? null,
      cue: quote.cue,
      channel: quote.channel ?? null,
      via: quote.via ? ref(quote.via) : null,
      spokenOn: quote.spokenOn ?? null,
      spanStart: spanStart(body, quote.text),
    }));
    const { created } = await services.articles.createIn(repositories, {
      headline: gold.article.headline,
      body,
      publishedAt: new Date(`${gold.article.publishedOn}T00:00:00Z`),
      language: gold.article.language,
      datelines: gold.article.datelines.map(ref),
      mentions: gold.entities.map((entity) => ({
        entity: ref(entity.key),
        mentionCount: countMentions(body, entity.mentions),
        surfaceForms: entity.mentions,
      })),
      quotes,
      deadlines: gold.deadlines.map((deadline) => ({
        description: deadline.description,
        dueOn: deadline.dueOn,
        setBy: ref(deadline.setBy),
        subject: ref(deadline.subject),
        concerns: deadline.concerns.map(ref),
        consequence: deadline.consequence,
        evidence: deadline.evidence,
        status: deadline.statusAsOfArticle,
        note: deadline.note ?? null,
      })),
    });
    return created;
  });
}

/** Loads the sample article unless it is already stored. */
export async function seedSample(services: SeedServices): Promise<boolean> {
  const { text, gold } = readSample();
  return loadAnnotatedArticle(services, text, gold);
}
