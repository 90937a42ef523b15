// Throughput of the extraction engine on ~600-word articles, one core. Articles are built from the
// gold texts deterministically (consecutive articles joined, paragraphs rotated, ending with the
// paragraph that reaches 600 words), so runs compare. Run: pnpm bench:extraction [articles]
import { readFileSync, readdirSync } from 'node:fs';
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
        if (words >= TARGET_WORDS) break;
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

/**
 * CPU seconds of this process's main thread and of its other threads (V8's optimising compiler
 * and garbage collector helpers), from /proc; null where there is no /proc.
 */
function cpuByThread(): { main: number; others: number } | null {
  try {
    let main = 0;
    let others = 0;
    for (const thread of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks (100 a second on Linux).
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      if (thread === String(process.pid)) main += seconds;
      else others += seconds;
    }
    return { main, others };
  } catch {
    return null;
  }
}

function main(): void {
  const count = Number(process.argv[2] ?? 400);
  const articles = buildBenchArticles(count);
  const words = articles.reduce((total, a) => total + a.body.split(/\s+/).length, 0);
  for (const article of articles.slice(0, 30)) extractArticle(article);
  const threadsStarted = cpuByThread();
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (const article of articles) extractArticle(article);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const threads = cpuByThread();
  // CPU time of this process, all threads: what one core has to do. Wall time is no one-core
  // figure: on a busy machine it also counts other processes' turns, and on an idle one the
  // compiler's threads run beside the main thread on another core.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${count} articles, ${Math.round(words / count)} words on average, ${seconds.toFixed(2)} s`,
  );
  console.log(
    `throughput: ${(count / seconds).toFixed(1)} articles/s (${Math.round(words / seconds)} words/s) by wall clock, all threads`,
  );
  console.log(
    `one core: ${(count / cpuSeconds).toFixed(1)} articles per CPU second (${cpuSeconds.toFixed(2)} s of CPU time, all threads)`,
  );
  if (threadsStarted && threads) {
    const main = threads.main - threadsStarted.main;
    const others = threads.others - threadsStarted.others;
    console.log(
      `  of which main thread ${main.toFixed(2)} s (${(count / main).toFixed(1)} articles a second), other threads ${others.toFixed(2)} s (mostly the JIT compiler)`,
    );
  }
}

if (require.main === module) main();
