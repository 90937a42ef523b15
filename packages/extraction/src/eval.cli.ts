// Prints extraction accuracy on the gold set (dev, test, all) and exits non-zero when the held-out
// split falls below THRESHOLDS. `--details` lists dev mismatches; `--details=test` also lists the
// held-out ones (read them to report, not to write rules from).
import { evaluateCase, belowThresholds, summarize, THRESHOLDS, type Metrics } from './evaluate';
import { extractArticle } from './extractor';
import { loadGoldSet } from './gold-set';

const ROWS: [keyof Metrics, string][] = [
  ['articles', 'articles'],
  ['directExactP', 'direct quotes, exact span: precision'],
  ['directExactR', 'direct quotes, exact span: recall'],
  ['directExactF1', 'direct quotes, exact span: F1'],
  ['directOverlapP', 'direct quotes, overlap: precision'],
  ['directOverlapR', 'direct quotes, overlap: recall'],
  ['directOverlapF1', 'direct quotes, overlap: F1'],
  ['speakerAccuracy', 'speaker accuracy (matched direct)'],
  ['channelAccuracy', 'channel accuracy (matched direct)'],
  ['viaAccuracy', 'outlet accuracy (matched direct)'],
  ['dateAccuracy', 'spoken-on accuracy (matched direct)'],
  ['indirectOverlapF1', 'indirect quotes, overlap: F1'],
  ['entityP', 'entities: precision'],
  ['entityR', 'entities: recall'],
  ['entityF1', 'entities: F1'],
  ['relationF1', 'relations: F1'],
  ['deadlineDueAccuracy', 'deadlines: due-date accuracy (recall)'],
  ['deadlineP', 'deadlines: precision'],
  ['deadlineSetByAccuracy', 'deadlines: set-by accuracy (matched)'],
  ['deadlineStatusAccuracy', 'deadlines: status accuracy (matched)'],
];

function main(): void {
  const args = process.argv.slice(2);
  const details = args.find((a) => a.startsWith('--details'));
  // `--manifest=path` measures another manifest, e.g. a batch of fresh articles on its own.
  const manifest = args.find((a) => a.startsWith('--manifest='))?.slice('--manifest='.length);
  const cases = loadGoldSet(manifest);
  const results = cases.map((c) => evaluateCase(c, (input) => extractArticle(input)));
  const dev = summarize(results.filter((r) => r.split === 'dev'));
  const test = summarize(results.filter((r) => r.split === 'test'));
  const all = summarize(results);

  const format = (name: keyof Metrics, value: number): string =>
    name === 'articles' ? String(value) : value.toFixed(3);
  const width = Math.max(...ROWS.map(([, label]) => label.length));
  console.log(
    `${'metric'.padEnd(width)}  ${'dev'.padStart(7)}  ${'test'.padStart(7)}  ${'all'.padStart(7)}  min(test)`,
  );
  for (const [name, label] of ROWS) {
    const minimum = THRESHOLDS[name];
    console.log(
      `${label.padEnd(width)}  ${format(name, dev[name]).padStart(7)}  ${format(name, test[name]).padStart(7)}  ${format(name, all[name]).padStart(7)}  ${minimum === undefined ? '' : minimum.toFixed(2)}`,
    );
  }

  if (details) {
    const splits = details === '--details=test' ? ['dev', 'test'] : ['dev'];
    for (const result of results.filter((r) => splits.includes(r.split))) {
      if (result.mismatches.length === 0) continue;
      console.log(`\n${result.id} (${result.split})`);
      for (const m of result.mismatches) console.log(`  - ${m.what}`);
    }
  }

  const failures = belowThresholds(test);
  if (failures.length > 0) {
    console.error(`\nBelow threshold on the test split:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main();
