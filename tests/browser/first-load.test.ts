import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { browserSuite, openSession, signIn } from './support';

const dist = join(__dirname, '../../dist/web');
const gzipKb = (paths: string[]) =>
  paths.reduce((sum, p) => sum + gzipSync(readFileSync(join(dist, p)), { level: 9 }).length, 0) / 1024;

/**
 * Thin clients (VDI) have weak CPUs: the sign-in page and the shell must stay light, and feature areas load on
 * demand. Sizes, not times: the budget guards against a heavy import sneaking into the first load.
 */
describe('first load', () => {
  const suite = browserSuite();

  it('keeps the sign-in page and the shell small and leaves admin, account and zod for later', async () => {
    const { page, requests, context } = await openSession(suite.browser, 'desktop');
    const scripts = () => [
      ...new Set(requests.filter((u) => u.endsWith('.js')).map((u) => new URL(u).pathname)),
    ];

    await page.goto(`${suite.app.url}/sign-in`);
    await page.getByLabel('職員番号').waitFor();
    await page.waitForLoadState('networkidle');
    const signInScripts = scripts();
    await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
    await page.waitForURL(`${suite.app.url}/`);
    await page.waitForLoadState('networkidle');
    const shellScripts = scripts();

    const signInKb = gzipKb(signInScripts);
    const shellKb = gzipKb(shellScripts);
    console.log(
      `First load (gzip): sign-in ${signInKb.toFixed(1)} kB, sign-in + shell + home ${shellKb.toFixed(1)} kB`,
    );
    expect(signInKb).toBeLessThan(100);
    expect(shellKb).toBeLessThan(150);
    expect(shellScripts.some((p) => /admin|Staff|Account|zod/i.test(p))).toBe(false);
    await context.close();
  });
});
