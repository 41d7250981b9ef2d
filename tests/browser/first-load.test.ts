import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { browserSuite, openSession } from './support';

const dist = join(__dirname, '../../dist/web');

interface Transfer {
  url: string;
  /** Bytes received for the request over the network, headers included (0 when served from the cache). */
  bytes: number;
  encoding: string | undefined;
  done: boolean;
}

/** Records, through the DevTools protocol, what each request of the page really cost on the network. */
async function recordTransfers(cdp: CDPSession): Promise<Map<string, Transfer>> {
  const transfers = new Map<string, Transfer>();
  cdp.on('Network.requestWillBeSent', (e) => {
    transfers.set(e.requestId, { url: e.request.url, bytes: 0, encoding: undefined, done: false });
  });
  cdp.on('Network.responseReceived', (e) => {
    const t = transfers.get(e.requestId);
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    if (t) t.encoding = headers['content-encoding'];
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = transfers.get(e.requestId);
    if (t) Object.assign(t, { bytes: e.encodedDataLength, done: true });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const t = transfers.get(e.requestId);
    if (t) t.done = true;
  });
  await cdp.send('Network.enable');
  return transfers;
}

/** Waits until every request but Socket.IO's long poll has finished, so the sums are complete. */
async function settled(transfers: Map<string, Transfer>): Promise<void> {
  const deadline = Date.now() + 10_000;
  const pending = () =>
    [...transfers.values()].filter((t) => !t.done && !new URL(t.url).pathname.startsWith('/socket.io/'));
  while (pending().length > 0) {
    if (Date.now() > deadline) throw new Error(`still loading: ${pending().map((t) => t.url)}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const kb = (transfers: Map<string, Transfer>) =>
  [...transfers.values()].reduce((sum, t) => sum + t.bytes, 0) / 1024;

/**
 * Thin clients (VDI) have weak CPUs and town halls' networks are slow: the sign-in page and the shell must stay
 * light, and feature areas load on demand. Measured as the bytes really transferred (compressed bodies plus
 * headers, from Chromium's own network accounting), on an empty cache, over plain http as on a town's LAN.
 */
describe('first load', () => {
  const suite = browserSuite();

  it('transfers a small sign-in page and shell, compressed, and leaves admin, account and zod for later', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    const transfers = await recordTransfers(await context.newCDPSession(page));

    await page.goto(`${suite.app.url}/sign-in`);
    await page.getByLabel('職員番号').waitFor();
    await page.waitForLoadState('networkidle');
    await settled(transfers);
    const signInKb = kb(transfers);

    await page.getByLabel('職員番号').fill('1010');
    await page.getByLabel('パスワード', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${suite.app.url}/`);
    await page.getByRole('navigation').first().waitFor();
    await page.waitForLoadState('networkidle');
    await settled(transfers);
    const shellKb = kb(transfers);

    const assets = [...transfers.values()].filter((t) =>
      /\/assets\/.+\.(js|css)$/.test(new URL(t.url).pathname),
    );
    const encodings = [...new Set(assets.map((t) => t.encoding ?? 'identity'))].join(', ');
    console.log(
      `First load, bytes transferred (${encodings}): sign-in page ${signInKb.toFixed(1)} kB, ` +
        `sign-in + shell + home ${shellKb.toFixed(1)} kB (${transfers.size} requests)`,
    );
    // Uncompressed, the sign-in page alone was about 234 kB.
    expect(signInKb).toBeLessThan(100);
    expect(shellKb).toBeLessThan(150);
    // Every script and style sheet the build compressed came compressed (files under 1 kB are sent as built).
    const compressed = assets.filter((t) => existsSync(join(dist, `${new URL(t.url).pathname}.gz`)));
    expect(compressed.length).toBeGreaterThan(3);
    for (const t of compressed) expect(`${t.url}: ${t.encoding}`).toMatch(/: (br|gzip)$/);
    expect(assets.some((t) => /admin|Staff|Account|zod/i.test(new URL(t.url).pathname))).toBe(false);
    await context.close();
  });
});
