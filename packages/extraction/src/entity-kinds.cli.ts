// Entity-kind and deadline-party accuracy on the dev split, printed apart from `eval:extraction`
// so the figures for names and deadlines can be read while their rules change. Kinds are compared
// on the entities both sides agree exist; "coarse" folds GOVERNMENT and MEDIA_OUTLET into
// organisations and COUNTRY into places, the three kinds general taggers tell apart.
// Run: pnpm exec tsx src/entity-kinds.cli.ts [--details] [--manifest=path] (another manifest
// measures a batch of fresh articles alone, before rules are tuned on them).
import { parseArticleText } from './article-text.parser';
import { alignEntities } from './evaluate';
import { extractArticle } from './extractor';
import { loadGoldSet } from './gold-set';
import type { EntityKind } from './types';

const COARSE: Record<EntityKind, string> = {
  PERSON: 'PERSON',
  ORGANIZATION: 'ORG',
  GOVERNMENT: 'ORG',
  MEDIA_OUTLET: 'ORG',
  COUNTRY: 'PLACE',
  PLACE: 'PLACE',
  OTHER: 'OTHER',
};

function main(): void {
  const details = process.argv.includes('--details');
  const manifest = process.argv
    .find((a) => a.startsWith('--manifest='))
    ?.slice('--manifest='.length);
  let aligned = 0;
  let strict = 0;
  let coarse = 0;
  let gold = 0;
  let predicted = 0;
  let deadlines = 0;
  let setBy = 0;
  let subject = 0;
  for (const goldCase of loadGoldSet(manifest).filter((c) => c.split === 'dev')) {
    const parsed = parseArticleText(goldCase.raw);
    const extraction = extractArticle(parsed);
    const alignment = alignEntities(goldCase.gold.entities, extraction.entities);
    const goldByKey = new Map(goldCase.gold.entities.map((e) => [e.key, e]));
    gold += goldCase.gold.entities.length;
    predicted += extraction.entities.length;
    const lines: string[] = [];
    for (const entity of extraction.entities) {
      const goldKey = alignment.get(entity.key);
      const expected = goldKey ? goldByKey.get(goldKey) : undefined;
      if (!expected) {
        lines.push(`spurious ${entity.name} (${entity.kind})`);
        continue;
      }
      aligned++;
      if (expected.kind === entity.kind) strict++;
      else lines.push(`kind of ${entity.name}: expected ${expected.kind}, got ${entity.kind}`);
      if (COARSE[expected.kind] === COARSE[entity.kind]) coarse++;
    }
    const found = new Set(alignment.values());
    for (const e of goldCase.gold.entities)
      if (!found.has(e.key)) lines.push(`missed ${e.name} (${e.kind})`);
    const mapKey = (key: string | null): string | null =>
      key === null ? null : (alignment.get(key) ?? `unaligned:${key}`);
    const used = new Set<number>();
    for (const g of goldCase.gold.deadlines) {
      const index = extraction.deadlines.findIndex((d, i) => !used.has(i) && d.dueOn === g.dueOn);
      const d = extraction.deadlines[index];
      if (!d) continue;
      used.add(index);
      deadlines++;
      if (mapKey(d.setBy) === g.setBy) setBy++;
      else lines.push(`deadline ${g.dueOn} set by: expected ${g.setBy}, got ${d.setBy}`);
      if (mapKey(d.subject) === g.subject) subject++;
      else lines.push(`deadline ${g.dueOn} subject: expected ${g.subject}, got ${d.subject}`);
    }
    if (details && lines.length > 0) console.log(`${goldCase.id}\n  ${lines.join('\n  ')}`);
  }
  const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(3));
  const p = aligned / Math.max(1, predicted);
  const r = aligned / Math.max(1, gold);
  console.log(`entities (dev): gold ${gold}, predicted ${predicted}, aligned ${aligned}`);
  console.log(`  P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${((2 * p * r) / (p + r)).toFixed(3)}`);
  console.log(`  kind right: ${ratio(strict, aligned)} (coarse ${ratio(coarse, aligned)})`);
  console.log(
    `deadlines matched ${deadlines}: set-by ${ratio(setBy, deadlines)}, subject ${ratio(subject, deadlines)}`,
  );
}

main();
