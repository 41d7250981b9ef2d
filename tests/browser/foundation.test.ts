import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import {
  browserSuite,
  openSession,
  screenshot,
  signIn,
  type ViewportName,
  withScreenshotOnFailure,
} from './support';

/** Console noise that is expected: the browser logs every 4xx answer, e.g. a wrong password. */
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of 4\d\d/;

describe.each<ViewportName>(['desktop', 'ipad'])('the foundation in Chromium (%s)', (viewport) => {
  const suite = browserSuite();

  it('signs a member of staff in, shows who they are and the four areas, and signs them out', async () => {
    const s = await openSession(suite.browser, viewport);
    const { page } = s;
    await withScreenshotOnFailure(page, `${viewport}-sign-in-flow`, async () => {
      await page.goto(`${suite.app.url}/`);
      await page.waitForURL(/\/sign-in/);
      await page.getByLabel('職員番号').waitFor();
      await screenshot(page, `${viewport}-01-sign-in`);

      await signIn(page, suite.app.url, '1005', 'wrong-password');
      await page.getByRole('alert').filter({ hasText: '職員番号またはパスワードが違います。' }).waitFor();

      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.getByRole('banner').getByText('山本 隆').waitFor();
      const main = page.getByRole('main');
      await main.getByText('情報政策係').first().waitFor();
      await main.getByText('主査').first().waitFor();
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      // A link's name may go on with its badge (チャット 未読 2件).
      for (const area of ['決裁', '会議', 'チャット', '勤怠']) {
        expect(await nav.getByRole('link', { name: new RegExp(`^${area}`) }).count()).toBe(1);
      }
      await screenshot(page, `${viewport}-02-home`);

      await nav.getByRole('link', { name: '勤怠', exact: true }).first().click();
      await page.waitForURL(/\/attendance/);
      await page.getByRole('button', { name: '出勤', exact: true }).waitFor();
      await screenshot(page, `${viewport}-03-attendance`);

      await page.goto(`${suite.app.url}/admin/staff`);
      await page.getByRole('table').first().waitFor();
      // The demo town's 65 staff: the first page of 50 and the total.
      expect(await page.getByRole('row').count()).toBe(51);
      await page.getByRole('main').getByText(/65 人/).first().waitFor();
      await screenshot(page, `${viewport}-04-admin-staff`);

      await page.getByRole('button', { name: 'サインアウト', exact: true }).first().click();
      await page.waitForURL(/\/sign-in/);
    });

    const foreign = s.requests.filter(
      (u) => !u.startsWith(suite.app.url) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
    expect(s.errors.filter((e) => !EXPECTED_CONSOLE.test(e))).toEqual([]);
    await s.context.close();
  });

  it('keeps every button and link at least 44 px for fingers', async () => {
    const s = await openSession(suite.browser, viewport);
    await signIn(s.page, suite.app.url, '1010', DEMO_PASSWORD);
    await s.page.waitForURL(`${suite.app.url}/`);
    await s.page.getByRole('banner').waitFor();
    const small = await s.page.$$eval('button, a[href], input, select', (els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({
          text: (el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30),
          box: el.getBoundingClientRect(),
        }))
        .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
        .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
    await s.context.close();
  });
});
