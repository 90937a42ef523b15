// Throughput of the extraction engine on ~600-word articles, one core. Articles are built from the
// gold texts deterministically (consecutive articles joined, paragraphs rotated), so runs compare.
// Run: pnpm bench:extraction [articles]
import { parseArticleText } from './article-text.parser';
import { extractArticle } from './extractor';
import { loadGoldSet } from './gold-set';

const TARGET_WORDS = 600;

export function buildBenchArticles(
  count: number,
): { body: string; publishedOn: string; datelines: string[] }[] {
  const parsed = loadGoldSet().map((c) => parseArticleText(c.raw));
  const articles: { body: string; publishedOn: string; datelines: string[] }[] = [];
  for (let n = 0; n < count; n++) {
    const paragraphs: string[] = [];
    let words = 0;
    for (let k = 0; words < TARGET_WORDS; k++) {
      const source = parsed[(n + k) % parsed.length];
      if (!source) break;
      const own = source.body.split('\n');
      const shift = n % own.length;
      for (const paragraph of [...own.slice(shift), ...own.slice(0, shift)]) {
        paragraphs.push(paragraph);
        words += paragraph.split(/\s+/).length;
      }
    }
    const first = parsed[n % parsed.length];
    articles.push({
      body: paragraphs.join('\n'),
      publishedOn: first?.publishedOn ?? '2024-01-01',
      datelines: first?.datelines ?? [],
    });
  }
  return articles;
}

function main(): void {
  const count = Number(process.argv[2] ?? 400);
  const articles = buildBenchArticles(count);
  const words = articles.reduce((total, a) => total + a.body.split(/\s+/).length, 0);
  for (const article of articles.slice(0, 30)) extractArticle(article);
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (const article of articles) extractArticle(article);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time of this process: on a busy machine wall time also counts other processes' turns.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${count} articles, ${Math.round(words / count)} words on average, ${seconds.toFixed(2)} s`,
  );
  console.log(
    `throughput: ${(count / seconds).toFixed(1)} articles/s (${Math.round(words / seconds)} words/s) on one core`,
  );
  console.log(
    `per CPU second: ${(count / cpuSeconds).toFixed(1)} articles (${cpuSeconds.toFixed(2)} s of CPU time)`,
  );
}

if (require.main === module) main();
