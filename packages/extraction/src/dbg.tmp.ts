import { loadGoldSet } from './gold-set';
import { parseArticleText } from './article-text.parser';
import { extractArticle } from './extractor';
const ids = process.argv.slice(2);
for (const c of loadGoldSet()) {
  if (!ids.some((id) => c.id.startsWith(id))) continue;
  const a = parseArticleText(c.raw);
  const x = extractArticle(a);
  console.log('==', c.id);
  for (const e of x.entities) console.log('  E', e.key, e.kind, JSON.stringify(e.name), (e as any).title ?? '');
  for (const d of x.deadlines)
    console.log('  D', d.dueOn, d.status, 'set', d.setBy, 'subj', d.subject, '|', a.body.slice(d.evidence.start, d.evidence.end).slice(0, 160));
  for (const g of c.gold.deadlines) console.log('  G', g.dueOn, g.statusAsOfArticle, 'set', g.setBy, 'subj', g.subject);
}
