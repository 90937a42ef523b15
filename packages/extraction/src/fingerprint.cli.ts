// Prints one line per article: a hash of the extraction, so two builds can be shown to give
// byte-identical output. Every dev article with and without known entities (the entities a first
// extraction finds), prepared and not, then the bench articles (only hashes, never their text).
// Run: tsx src/fingerprint.cli.ts [bench articles] > out.txt, and diff two builds' files.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseArticleText } from './article-text.parser';
import { buildBenchArticles } from './bench-extraction';
import { extractArticle, findEntityNames, prepareArticle } from './extractor';
import { GOLD_DIR, loadManifest } from './gold-set';
import type { KnownEntity } from './types';

const hash = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

function main(): void {
  const benchCount = Number(process.argv[2] ?? 400);
  const lines: string[] = [];
  for (const c of loadManifest(join(GOLD_DIR, 'manifest.json'))) {
    const article = parseArticleText(c.raw);
    const plain = extractArticle(article);
    const known: KnownEntity[] = plain.entities.map((e, i) => ({
      id: `known-${i}`,
      name: e.name,
      kind: e.kind,
      aliases: e.aliases,
    }));
    const prepared = prepareArticle(article);
    const names = findEntityNames(prepared);
    const fromPrepared = extractArticle(prepared);
    const linked = extractArticle(article, known);
    const linkedPrepared = extractArticle(prepareArticle(article), known);
    lines.push(
      `${c.id} ${hash(plain)} ${hash(names)} ${hash(fromPrepared)} ${hash(linked)} ${hash(linkedPrepared)}`,
    );
  }
  buildBenchArticles(benchCount).forEach((article, n) => {
    lines.push(`bench-${n} ${hash(extractArticle(article))}`);
  });
  console.log(lines.join('\n'));
}

main();
