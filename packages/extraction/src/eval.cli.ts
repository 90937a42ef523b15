// Prints extraction accuracy on the gold set, per split: dev (text the rules were written against)
// and test (held out: every pair in gold/test), then whether the test split meets the TARGETS.
// Unmet targets are reported, not failed on, unless `--strict`. `--details` lists dev mismatches;
// `--details=test` also lists the held-out ones (read them to report, never to write rules from).
import { checkTargets, evaluateCase, summarize, type Metrics } from './evaluate';
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
  ['speakerAccuracy', 'speaker accuracy (matched direct, named)'],
  ['channelAccuracy', 'channel accuracy (matched direct)'],
  ['viaAccuracy', 'outlet accuracy (matched direct)'],
  ['dateAccuracy', 'spoken-on accuracy (matched direct)'],
  ['indirectExactP', 'indirect+mixed, exact span: precision'],
  ['indirectExactR', 'indirect+mixed, exact span: recall'],
  ['indirectExactF1', 'indirect+mixed, exact span: F1'],
  ['indirectOverlapP', 'indirect+mixed, overlap: precision'],
  ['indirectOverlapR', 'indirect+mixed, overlap: recall'],
  ['indirectOverlapF1', 'indirect+mixed, overlap: F1'],
  ['indirectSpeakerAccuracy', 'speaker accuracy (matched indirect)'],
  ['attributionOverlapP', 'every attribution, overlap: precision'],
  ['attributionOverlapR', 'every attribution, overlap: recall'],
  ['attributionOverlapF1', 'every attribution, overlap: F1'],
  ['entityP', 'entities found: precision'],
  ['entityR', 'entities found: recall'],
  ['entityF1', 'entities found: F1'],
  ['entityKindAccuracy', 'entity kind accuracy (matched)'],
  ['relationF1', 'relations: F1'],
  ['deadlineDueAccuracy', 'deadlines: due-date recall'],
  ['deadlineP', 'deadlines: due-date precision'],
  ['deadlineSetByAccuracy', 'deadlines: set-by accuracy (matched)'],
  ['deadlineSubjectAccuracy', 'deadlines: subject accuracy (matched)'],
  ['deadlineStatusAccuracy', 'deadlines: status accuracy (matched)'],
];

function main(): void {
  const args = process.argv.slice(2);
  const details = args.find((a) => a.startsWith('--details'));
  const strict = args.includes('--strict');
  // `--manifest=path` measures another manifest, e.g. a batch of fresh articles on its own.
  const manifest = args.find((a) => a.startsWith('--manifest='))?.slice('--manifest='.length);
  const cases = loadGoldSet(manifest);
  const results = cases.map((c) => evaluateCase(c, (input) => extractArticle(input)));
  const devResults = results.filter((r) => r.split === 'dev');
  const testResults = results.filter((r) => r.split === 'test');
  const dev = summarize(devResults);
  const test = summarize(testResults);
  const hasTest = testResults.length > 0;

  const format = (name: keyof Metrics, value: number, present: boolean): string =>
    !present ? '—' : name === 'articles' ? String(value) : value.toFixed(3);
  const width = Math.max(...ROWS.map(([, label]) => label.length));
  console.log(`${'metric'.padEnd(width)}  ${'dev'.padStart(7)}  ${'test'.padStart(7)}`);
  for (const [name, label] of ROWS) {
    console.log(
      `${label.padEnd(width)}  ${format(name, dev[name], devResults.length > 0).padStart(7)}  ${format(name, test[name], hasTest || name === 'articles').padStart(7)}`,
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

  console.log('\nTargets (they count on the held-out test split; dev figures are smoke figures):');
  if (!hasTest) console.log('  no test articles in gold/test: nothing to judge');
  const targets = checkTargets(test);
  const devTargets = checkTargets(dev);
  targets.forEach(({ name, target, score, met }, i) => {
    const label = ROWS.find(([row]) => row === name)?.[1] ?? name;
    const devScore = devTargets[i]?.score ?? 0;
    const testStatus = hasTest ? `${score.toFixed(3)} ${met ? 'met' : 'NOT MET'}` : '—';
    console.log(
      `  ${label.padEnd(width)}  ≥ ${target.toFixed(2)}   dev ${devScore.toFixed(3)} ${devTargets[i]?.met ? 'met' : 'NOT MET'}   test ${testStatus}`,
    );
  });
  if (strict && (!hasTest || targets.some((t) => !t.met))) {
    console.error('\n--strict: a target is not met on the test split.');
    process.exitCode = 1;
  }
}

main();
