import type { BrowserContext, Page } from 'playwright-core';
import { ACTIVITY_PATH, SESSION_COOKIE } from '@ringi/contracts';
import { sessionTokenDigest } from '../../apps/api/src/core/auth/sessions.service';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import type { TestApp } from '../support/app';
import { browserSuite, openSession, screenshot, signIn, withScreenshotOnFailure } from './support';

/**
 * The idle warning follows the server's clock (30-minute idle timeout of the demo town). The page's clock is
 * driven by the test, and the server's by setting the session's `last_seen_at` back in the database, in step.
 */
describe('idle timeout warning (iPad)', () => {
  const suite = browserSuite();

  /** The server last saw this browser's session `ago` (a PostgreSQL interval) ago. */
  async function serverLastSaw(t: TestApp, context: BrowserContext, ago: string): Promise<void> {
    const token = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    if (!token) throw new Error('no session cookie');
    await t.dataSource.query(
      `UPDATE user_session SET last_seen_at = now() - $2::interval WHERE token_hash = $1 AND revoked_at IS NULL`,
      [sessionTokenDigest(token, process.env.SESSION_SECRET), ago],
    );
  }

  async function secondsSinceSeen(t: TestApp, context: BrowserContext): Promise<number> {
    const token = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value ?? '';
    const rows: { ago: number }[] = await t.dataSource.query(
      `SELECT extract(epoch FROM now() - last_seen_at)::float AS ago FROM user_session WHERE token_hash = $1`,
      [sessionTokenDigest(token, process.env.SESSION_SECRET)],
    );
    return rows[0].ago;
  }

  /** Waits until `condition` holds, checking again and again for at most `ms` (a bounded wait, not a sleep). */
  async function until(condition: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Remembers whether any dialog was ever open in the page (a DOM observer, not a timer). */
  async function watchDialogs(page: Page): Promise<() => Promise<boolean>> {
    await page.evaluate(() => {
      const w = window as Window & { ringiDialogSeen?: boolean };
      w.ringiDialogSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('dialog[open]')) w.ringiDialogSeen = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    return () =>
      page.evaluate(() => (window as Window & { ringiDialogSeen?: boolean }).ringiDialogSeen === true);
  }

  async function signedIn(viewport: 'ipad' | 'desktop', staffNumber: string) {
    const session = await openSession(suite.browser, viewport);
    await session.page.clock.install();
    await signIn(session.page, suite.app.url, staffNumber, DEMO_PASSWORD);
    await session.page.waitForURL(`${suite.app.url}/`);
    await session.page.getByRole('main').waitFor();
    return session;
  }

  it('warns at once when the server grants less time than the tab believed, and 作業を続ける then succeeds', async () => {
    const { page, context } = await signedIn('ipad', '1010');
    const t = suite.app;
    await withScreenshotOnFailure(page, 'idle-server-clock', async () => {
      // The server last saw this session 28½ minutes ago (requests since did not refresh it): 1½ minutes remain.
      await serverLastSaw(t, context, '28 minutes 30 seconds');
      // A page load makes a request that keeps nothing alive; its answer tells the tab the server's time.
      await page.goto(`${t.url}/account`);
      const dialog = page.getByRole('dialog', { name: 'まもなく自動でサインアウトします' });
      await dialog.waitFor({ timeout: 10_000 });
      await dialog.getByText(/あと 1分[0-2]\d秒/).waitFor();
      await screenshot(page, 'ipad-idle-warning');

      const kept = page.waitForResponse(
        (r) => r.url().endsWith(ACTIVITY_PATH) && r.request().method() === 'POST',
      );
      await dialog.getByRole('button', { name: '作業を続ける' }).click();
      expect((await kept).status()).toBe(204);
      await dialog.waitFor({ state: 'hidden' });
      expect(await secondsSinceSeen(t, context)).toBeLessThan(10);

      // Nothing more happens: 27 minutes later (on both clocks) the server confirms and the warning comes again.
      await serverLastSaw(t, context, '27 minutes 10 seconds');
      await page.clock.fastForward('27:10');
      await dialog.waitFor();
      await dialog.getByText(/あと 2分[0-5]\d秒/).waitFor();

      // Ignored until the end: the server ended the session, and the sign-in page says why in plain words.
      await serverLastSaw(t, context, '30 minutes 5 seconds');
      await page.clock.fastForward('03:00');
      await page.waitForURL(/\/sign-in/);
      await page.getByText('一定時間操作がなかったため、サインアウトしました。', { exact: false }).waitFor();
    });
    await context.close();
  });

  it('never offers to continue when the server says the session is already over: it goes to sign-in instead', async () => {
    const { page, context } = await signedIn('ipad', '1005');
    const t = suite.app;
    await withScreenshotOnFailure(page, 'idle-already-over', async () => {
      const dialogSeen = await watchDialogs(page);
      // The tab believes 2½ minutes remain; the server ended the session meanwhile (e.g. the iPad slept).
      await serverLastSaw(t, context, '31 minutes');
      await page.clock.fastForward('27:30');
      await page.waitForURL(/\/sign-in/);
      await page.getByText('一定時間操作がなかったため、サインアウトしました。', { exact: false }).waitFor();
      expect(await dialogSeen()).toBe(false);
    });
    await context.close();
  });

  it('keeps the session alive while the person uses the page, and reports it at most once a minute', async () => {
    const { page, context } = await signedIn('ipad', '1001');
    const t = suite.app;
    await withScreenshotOnFailure(page, 'idle-activity', async () => {
      const reports: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith(ACTIVITY_PATH)) reports.push(r.method());
      });
      await serverLastSaw(t, context, '20 minutes');
      const main = page.getByRole('main');
      const reported = page.waitForResponse((r) => r.url().endsWith(ACTIVITY_PATH));
      await main.tap({ position: { x: 4, y: 4 } });
      expect((await reported).status()).toBe(204);
      expect(await secondsSinceSeen(t, context)).toBeLessThan(10);

      // More touches and keys within the minute: reported once, at the end of the minute.
      await serverLastSaw(t, context, '5 minutes');
      await main.tap({ position: { x: 4, y: 4 } });
      await page.keyboard.press('Shift');
      expect(reports).toEqual(['POST']);
      const trailing = page.waitForResponse((r) => r.url().endsWith(ACTIVITY_PATH));
      await page.clock.fastForward('01:00');
      expect((await trailing).status()).toBe(204);
      await until(async () => (await secondsSinceSeen(t, context)) < 10);
      expect(reports).toEqual(['POST', 'POST']);
    });
    await context.close();
  });
});
