// Loads the sample article (fixtures/articles-tiktok-2020-09-14.*) with its hand annotation:
// entities, relations, mentions, quotes and the deadline. Idempotent: the article's content hash
// says whether it is already there, and everything goes in one transaction.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from './client';
import {
  articleDatelines,
  articleMentions,
  articles,
  deadlineChanges,
  deadlineConcerns,
  deadlines,
  entities,
  entityAliases,
  entityRelations,
  quotes,
  type DeadlineStatusValue,
  type EntityKindValue,
  type QuoteChannelValue,
  type RelationTypeValue,
} from './schema';

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

export function contentHash(headline: string, body: string): string {
  return createHash('sha256').update(`${headline.trim()}\n${body.trim()}`).digest('hex');
}

/** Offset in Unicode code points, the unit the database's char_length uses. */
function codePointOffset(text: string, utf16Index: number): number {
  return [...text.slice(0, utf16Index)].length;
}

function span(body: string, quoted: string): { spanStart: number; spanEnd: number } {
  const index = body.indexOf(quoted);
  if (index < 0) throw new Error(`Quote not found in the body: ${quoted}`);
  const spanStart = codePointOffset(body, index);
  return { spanStart, spanEnd: spanStart + [...quoted].length };
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

/** Stores an annotated article; returns false when it is already stored. */
export async function loadAnnotatedArticle(
  db: Database,
  text: string,
  gold: GoldAnnotation,
): Promise<boolean> {
  const { body } = parseFixtureText(text);
  const hash = contentHash(gold.article.headline, body);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: articles.id })
      .from(articles)
      .where(eq(articles.contentHash, hash));
    if (existing) return false;

    const ids = new Map<string, number>();
    for (const entity of gold.entities) {
      const [row] = await tx
        .insert(entities)
        .values({
          name: entity.name,
          kind: entity.kind,
          title: entity.title,
          wikidataId: entity.wikidataId,
        })
        .onConflictDoUpdate({ target: entities.wikidataId, set: { updatedAt: new Date() } })
        .returning({ id: entities.id });
      ids.set(entity.key, (row as { id: number }).id);
      if (entity.aliases && entity.aliases.length > 0) {
        await tx
          .insert(entityAliases)
          .values(entity.aliases.map((alias) => ({ entityId: (row as { id: number }).id, alias })))
          .onConflictDoNothing();
      }
    }
    const id = (key: string): number => {
      const found = ids.get(key);
      if (found === undefined) throw new Error(`Unknown entity key in the annotation: ${key}`);
      return found;
    };

    if (gold.relations.length > 0) {
      await tx
        .insert(entityRelations)
        .values(
          gold.relations.map((relation) => ({
            fromId: id(relation.from),
            type: relation.type,
            toId: id(relation.to),
          })),
        )
        .onConflictDoNothing();
    }

    const publishedAt = new Date(`${gold.article.publishedOn}T00:00:00Z`);
    const [article] = await tx
      .insert(articles)
      .values({
        headline: gold.article.headline,
        body,
        publishedAt,
        language: gold.article.language,
        contentHash: hash,
      })
      .returning({ id: articles.id });
    const articleId = (article as { id: number }).id;

    await tx
      .insert(articleDatelines)
      .values(
        gold.article.datelines.map((key, position) => ({ articleId, position, placeId: id(key) })),
      );
    await tx.insert(articleMentions).values(
      gold.entities.map((entity) => ({
        articleId,
        entityId: id(entity.key),
        mentionCount: countMentions(body, entity.mentions),
        surfaceForms: entity.mentions,
        publishedAt,
      })),
    );

    const quoteRows = [
      ...gold.quotes.map((quote) => ({ quote, direct: true })),
      ...gold.indirectQuotes.map((quote) => ({ quote, direct: false })),
    ].map(({ quote, direct }) => ({
      articleId,
      text: quote.text,
      direct,
      speakerId: id(quote.speaker),
      speakerTitle: quote.speakerTitle ?? null,
      cue: quote.cue,
      channel: quote.channel ?? null,
      viaId: quote.via ? id(quote.via) : null,
      spokenOn: quote.spokenOn ?? null,
      reportedAt: publishedAt,
      ...span(body, quote.text),
    }));
    await tx.insert(quotes).values(quoteRows);

    for (const deadline of gold.deadlines) {
      const [row] = await tx
        .insert(deadlines)
        .values({
          articleId,
          description: deadline.description,
          dueOn: deadline.dueOn,
          setById: id(deadline.setBy),
          subjectId: id(deadline.subject),
          consequence: deadline.consequence,
          evidence: deadline.evidence,
          status: deadline.statusAsOfArticle,
        })
        .returning({ id: deadlines.id });
      const deadlineId = (row as { id: number }).id;
      if (deadline.concerns.length > 0) {
        await tx
          .insert(deadlineConcerns)
          .values(deadline.concerns.map((key) => ({ deadlineId, entityId: id(key) })));
      }
      await tx.insert(deadlineChanges).values({
        deadlineId,
        articleId,
        status: deadline.statusAsOfArticle,
        dueOn: deadline.dueOn,
        note: deadline.note ?? null,
      });
    }
    return true;
  });
}

/** Loads the sample article unless it is already stored. */
export async function seedSample(db: Database): Promise<boolean> {
  const { text, gold } = readSample();
  return loadAnnotatedArticle(db, text, gold);
}
