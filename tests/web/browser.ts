// Drives Debian's chromium (never a downloaded browser) with playwright-core against a test
// server: a fresh profile per suite, every request to anything but the test server's host
// blocked and recorded, axe-core for accessibility, and screenshots a reviewer can open.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const root = path.join(__dirname, '..', '..');
export const screenshotDir = path.join(__dirname, 'screenshots');
const CHROMIUM = '/usr/bin/chromium';

const web = path.join(root, 'packages', 'web');

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** Builds the web app when its build is missing or older than its sources (`pnpm test` builds
 * before jest starts; this covers running one test file). */
export function ensureWebBuild(): void {
  const built = path.join(web, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'ide.html', 'vite.config.ts'].map((name) =>
    path.join(web, name),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestChange)))
    return;
  execFileSync('pnpm', ['--filter', '@dateline/web', 'build'], { cwd: root, stdio: 'ignore' });
}

export interface Browser {
  context: BrowserContext;
  /** URLs of requests that tried to leave the test server's host, all aborted. */
  blocked: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'dateline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    blocked.push(url.toString());
    return route.abort('blockedbyclient');
  });
  return {
    context,
    blocked,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical axe-core (WCAG 2 A/AA) violations on the page as it is now. */
export async function seriousViolations(
  page: Page,
  exclude: string[] = [],
): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (excluded) => {
    type AxeResult = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResult> } })
      .axe;
    const result = await axe.run(
      { include: [['html']], exclude: excluded.map((selector) => [selector]) },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  }, exclude);
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
