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

/** Extracts `articles`, timing wall clock and CPU (all threads, and split by thread on Linux). */
function timed(articles: readonly { body: string; publishedOn: string; datelines: string[] }[]) {
  const threadsStarted = cpuByThread();
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (const article of articles) extractArticle(article);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const threads = cpuByThread();
  return {
    count: articles.length,
    words: articles.reduce((total, a) => total + a.body.split(/\s+/).length, 0),
    seconds,
    // CPU time of this process, all threads: what one core has to do. Wall time is no one-core
    // figure: on a busy machine it also counts other processes' turns, and on an idle one the
    // compiler's threads run beside the main thread on another core.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    threads:
      threadsStarted && threads
        ? {
            main: threads.main - threadsStarted.main,
            others: threads.others - threadsStarted.others,
          }
        : null,
  };
}

function report(label: string, run: ReturnType<typeof timed>): void {
  const { count, words, seconds, cpuSeconds, threads } = run;
  console.log(`${label}: ${count} articles, ${Math.round(words / count)} words on average`);
  console.log(
    `  one core: ${(count / cpuSeconds).toFixed(1)} articles per CPU second (${cpuSeconds.toFixed(2)} s of CPU time, all threads)`,
  );
  if (threads) {
    console.log(
      `    of which main thread ${threads.main.toFixed(2)} s (${(count / threads.main).toFixed(1)} articles a second), other threads ${threads.others.toFixed(2)} s (mostly the JIT compiler)`,
    );
  }
  console.log(
    `  wall clock: ${(count / seconds).toFixed(1)} articles/s (${Math.round(words / seconds)} words/s), ${seconds.toFixed(2)} s`,
  );
}

/**
 * `pnpm bench:extraction [articles] [warm-up articles]`: a fresh process reads `warm-up`
 * articles first (400 unless given), timed on their own: the start of a run, V8 still compiling
 * the extractor's functions (as much CPU again as the extraction itself). It then reads
 * `articles` others (400 unless given; every article differs from the ones before it): the
 * throughput a process that keeps ingesting sustains, the figure the target is about.
 */
function main(): void {
  const count = Number(process.argv[2] ?? 400);
  const warmup = Number(process.argv[3] ?? 400);
  const articles = buildBenchArticles(warmup + count);
  if (warmup > 0) report('start of a run (warm-up)', timed(articles.slice(0, warmup)));
  const sustained = timed(articles.slice(warmup));
  report('sustained, after the warm-up', sustained);
  const perCpuSecond = sustained.count / sustained.cpuSeconds;
  console.log(
    `target ≥ 100 articles of ~600 words per second on one core (sustained): ${perCpuSecond >= 100 ? 'met' : 'not met'} (${perCpuSecond.toFixed(1)})`,
  );
}

if (require.main === module) main();
