import { existsSync, readFileSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_LAUNCH, chromiumInstalled } from '../support/chromium';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/http';

export const SCREENSHOTS = join(__dirname, 'screenshots');
/** The two devices town-hall staff use: a desktop PC and an iPad (touch, DPR 2, iPad user agent). */
export const VIEWPORTS = {
  desktop: { viewport: { width: 1366, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' },
  ipad: { ...devices['iPad Pro 11'], locale: 'ja-JP', timezoneId: 'Asia/Tokyo' },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * The run's one Chromium, started by jest's global setup; each test file connects to it (and may open as many
 * contexts as it likes). Run outside jest's setup (no RINGI_TEST_BROWSER_WS), it launches its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled())
    throw new Error(`Chromium not found at ${CHROMIUM}; npm test installs it (scripts/ensure-chromium.mjs)`);
  const shared = process.env.RINGI_TEST_BROWSER_WS;
  return shared ? chromium.connect(shared) : chromium.launch(CHROMIUM_LAUNCH);
}

/** The built web app served by the real API on a fresh database seeded with the demo town. */
export async function startBrowserApp(): Promise<TestApp> {
  if (!existsSync(join(__dirname, '../../dist/web/index.html')))
    throw new Error('dist/web is missing: npm test builds it first');
  return startTestApp({ SEED_DEMO: 'true', WEB_DIST: join(__dirname, '../../dist/web') });
}

/**
 * Registers beforeAll/afterAll that start the app (demo town, built web app) and Chromium for one test file,
 * and returns accessors for them.
 */
export function browserSuite(): { readonly app: TestApp; readonly browser: Browser } {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('browserSuite: app not started');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('browserSuite: browser not started');
      return browser;
    },
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested, to prove nothing leaves the town hall's network. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

export async function openSession(browser: Browser, viewport: ViewportName): Promise<Session> {
  const context = await browser.newContext({ ...VIEWPORTS[viewport] });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, requests, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Saves a screenshot when the test body throws, then rethrows. */
export async function withScreenshotOnFailure<T>(
  page: Page,
  name: string,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
    throw error;
  }
}

export async function signIn(
  page: Page,
  baseUrl: string,
  staffNumber: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('職員番号').fill(staffNumber);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) in the page and returns its serious and critical findings as readable lines.
 * `exclude` leaves out elements (CSS selectors) that are another screen's, with a reason at the call site.
 */
export async function seriousViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (excluded: string[]) => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const context = excluded.length ? { exclude: excluded.map((selector) => [selector]) } : document;
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  }, exclude);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** An API client signed in as a person of the demo town, to arrange what a browser test needs. */
export async function demoApi(app: TestApp, staffNumber: string): Promise<TestClient> {
  const client = app.client();
  await client.signIn(staffNumber, DEMO_PASSWORD);
  return client;
}

/** The body of an answer with the status expected; otherwise an error saying what came instead. */
export async function ok<T>(
  res: Promise<{ status: number; body: T; text: string }>,
  status = 200,
): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}
