import { UnitOfWork } from '../../apps/api/src/core/database/unit-of-work';
import { NotificationsService } from '../../apps/api/src/modules/notifications/notifications.service';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import {
  browserSuite,
  openSession,
  screenshot,
  signIn,
  type ViewportName,
  withScreenshotOnFailure,
} from './support';

describe.each<ViewportName>(['desktop', 'ipad'])('notifications in Chromium (%s)', (viewport) => {
  const suite = browserSuite();

  async function notify(staffNumber: string, title: string, link: string): Promise<void> {
    const t = suite.app;
    const [{ id }]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM app_user WHERE staff_number = $1`,
      [staffNumber],
    );
    await t.app.get(UnitOfWork).run((tx) =>
      t.app.get(NotificationsService).notify(tx, {
        userIds: [id],
        kind: 'test.browser',
        title: { ja: title, en: `${title} (en)` },
        body: { ja: '内容を確かめてください。', en: 'Please check it.' },
        link,
      }),
    );
  }

  it('shows a new notification live with its unread count, and marking it read clears the badge', async () => {
    const s = await openSession(suite.browser, viewport);
    const { page } = s;
    await withScreenshotOnFailure(page, `${viewport}-notifications`, async () => {
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      const banner = page.getByRole('banner');
      await banner.getByRole('button', { name: 'お知らせ（未読なし）' }).waitFor();
      // The socket is connected once the app has been greeted; wait for it through the page's own state.
      await page.waitForFunction(() => document.querySelector('.shell-banner') === null);

      await notify('1005', '起案「公用車の購入」が届きました', '/directory');
      const bell = banner.getByRole('button', { name: 'お知らせ（未読1件）' });
      await bell.waitFor({ timeout: 10_000 });
      expect(await banner.locator('.notification-bell__badge').textContent()).toBe('1');
      await screenshot(page, `${viewport}-notifications-01-badge`);

      await bell.click();
      const panel = page.getByRole('dialog', { name: 'お知らせ' });
      const item = panel.getByRole('listitem').filter({ hasText: '起案「公用車の購入」が届きました' });
      await item.waitFor();
      // The time in Japanese format (和暦).
      expect(await item.locator('time').textContent()).toMatch(/^令和\d+年\d+月\d+日/);
      await screenshot(page, `${viewport}-notifications-02-panel`);

      // A second one arrives while the panel is open: it shows at the top, the count goes up.
      await notify('1005', '会議資料が更新されました', '/directory');
      await panel.getByRole('listitem').first().filter({ hasText: '会議資料が更新されました' }).waitFor();
      await banner.getByRole('button', { name: 'お知らせ（未読2件）' }).waitFor();

      await item.getByRole('button', { name: '既読にする' }).click();
      await banner.getByRole('button', { name: 'お知らせ（未読1件）' }).waitFor();

      // Opening the other one goes to its page and marks it read: the badge is gone.
      await panel
        .getByRole('listitem')
        .filter({ hasText: '会議資料が更新されました' })
        .getByRole('link', { name: '開く' })
        .click();
      await page.waitForURL(`${suite.app.url}/directory`);
      await banner.getByRole('button', { name: 'お知らせ（未読なし）' }).waitFor();
      expect(await banner.locator('.notification-bell__badge').count()).toBe(0);
      await screenshot(page, `${viewport}-notifications-03-read`);
      expect(s.errors).toEqual([]);
    });
    await s.context.close();
  });
});
