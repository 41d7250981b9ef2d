import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import {
  browserSuite,
  openSession,
  screenshot,
  seriousViolations,
  signIn,
  withScreenshotOnFailure,
  type ViewportName,
} from './support';

/**
 * 勤怠: clocking in and out with one tap (also テレワーク), today's status on every tab of the person at once, and
 * the month's record; on a desktop and an iPad.
 */
describe('attendance in the web app', () => {
  const suite = browserSuite();

  for (const viewport of ['desktop', 'ipad'] as ViewportName[]) {
    it(`clocks in from home and out with one tap each, and another tab follows at once (${viewport})`, async () => {
      // A different person per viewport: each starts the day without punches.
      const staffNumber = viewport === 'desktop' ? '1008' : '1010';
      const first = await openSession(suite.browser, viewport);
      await signIn(first.page, suite.app.url, staffNumber, DEMO_PASSWORD);
      await first.page.waitForURL(`${suite.app.url}/`);
      const second = await first.context.newPage();
      await second.goto(`${suite.app.url}/attendance`);
      await second.getByText('まだ出勤の記録がありません。').waitFor();
      const page = first.page;
      await withScreenshotOnFailure(page, `attendance-${viewport}`, async () => {
        await page
          .getByRole('navigation', { name: 'メインメニュー' })
          .getByRole('link', { name: '勤怠' })
          .click();
        await page.waitForURL(/\/attendance$/);
        await page.getByText('勤務時間 08:30〜17:15（休憩 12:00〜13:00）').waitFor();
        expect(await seriousViolations(page)).toEqual([]);

        await page.getByLabel('テレワーク').check();
        await page.getByLabel('メモ（任意）').fill('自宅で資料作成');
        const clockIn = page.getByRole('button', { name: '出勤', exact: true });
        const box = await clockIn.boundingBox();
        expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
        await (viewport === 'ipad' ? clockIn.tap() : clockIn.click());
        await page.getByText(/に出勤しました（テレワーク）/).waitFor();
        await page.getByRole('button', { name: /^出勤済み/ }).waitFor();
        // The other tab follows without a reload.
        await second.getByText(/に出勤しました（テレワーク）/).waitFor();
        await screenshot(page, `attendance-${viewport}-clocked-in`);

        const clockOut = page.getByRole('button', { name: '退勤', exact: true });
        await (viewport === 'ipad' ? clockOut.tap() : clockOut.click());
        await page.getByText(/に退勤しました/).waitFor();
        await second.getByRole('button', { name: /^退勤済み/ }).waitFor();
        // The month's record shows today's day with both times and telework.
        const today = page.locator('.att-month__table tbody tr').filter({ hasText: 'テレワーク' });
        expect(await today.count()).toBe(1);
        await page.getByText(/出勤 1日・勤務 \d+時間\d+分・テレワーク 1日/).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          page.viewportSize()!.width,
        );
        await screenshot(page, `attendance-${viewport}-month`);
      });
      // Exactly one clock-in and one clock-out were recorded.
      const rows = await suite.app.dataSource.query(
        `SELECT p.kind, p.source, p.note FROM attendance_punch p JOIN app_user u ON u.id = p.user_id
          WHERE u.staff_number = $1 ORDER BY p.kind`,
        [staffNumber],
      );
      expect(rows).toEqual([
        { kind: 'in', source: 'telework', note: '自宅で資料作成' },
        { kind: 'out', source: 'telework', note: '' },
      ]);
      await first.context.close();
    });
  }

  it('on the iPad: clocks in, requests two hours of annual leave, the 課長 approves, the balance changes', async () => {
    const staff = await openSession(suite.browser, 'ipad');
    const chief = await openSession(suite.browser, 'ipad');
    const { page } = staff;
    await withScreenshotOnFailure(page, 'attendance-leave-ipad', async () => {
      await signIn(page, suite.app.url, '1006', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/attendance`);
      await page.getByRole('button', { name: '出勤', exact: true }).tap();
      await page.getByText(/に出勤しました（庁舎）/).waitFor();

      const left = page.locator('.att-leave__left');
      await left.waitFor();
      const before = (await left.textContent())!.trim();
      await page.getByLabel('時間単位').check();
      await page.getByLabel('時間数').selectOption({ label: '2時間' });
      await page.getByLabel('理由（任意）').fill('通院のため');
      await page.locator('.att-leave').getByRole('button', { name: '申請する' }).tap();
      await page.getByText(/申請しました。決裁されると残りが .+ になります/).waitFor();
      await page.locator('.att-leave__item').filter({ hasText: '決裁待ち' }).first().waitFor();
      // Not decided yet: what is left has not changed.
      expect((await left.textContent())!.trim()).toBe(before);
      await screenshot(page, 'attendance-leave-requested-ipad');
      const documentPath = await page
        .getByRole('link', { name: '休暇届を開く' })
        .first()
        .getAttribute('href');

      // The 課長 approves on the iPad (in the place of any step before them), then decides.
      await signIn(chief.page, suite.app.url, '1001', DEMO_PASSWORD);
      await chief.page.waitForURL(`${suite.app.url}/`);
      await chief.page.goto(`${suite.app.url}${documentPath}`);
      await chief.page.getByRole('heading', { level: 1, name: /年次休暇/ }).waitFor();
      const decide = chief.page.getByRole('button', { name: '決裁', exact: true });
      // An enabled 引き上げ button (one busy with the last tap does not count), or else the 決裁 button.
      const stepUp = chief.page.locator('button:not([disabled])', { hasText: '承認（引き上げ）' });
      for (let i = 0; i < 5; i++) {
        await decide.or(stepUp.first()).first().waitFor();
        if (await decide.isVisible()) break;
        await stepUp.first().tap();
        // Until the page has the answer: the tapped button is busy meanwhile.
        await chief.page.locator('button[aria-busy="true"]').waitFor({ state: 'detached' });
      }
      await decide.tap();
      await chief.page.getByText('決裁済み').first().waitFor();

      await page.reload();
      await page.locator('.att-leave__item').filter({ hasText: '承認済み' }).first().waitFor();
      const after = (await left.textContent())!.trim();
      expect(after).not.toBe(before);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'attendance-leave-approved-ipad');
    });
    await staff.context.close();
    await chief.context.close();
  });

  it('requests overtime from the 勤怠 screen and shows it waiting for decision, with this month against the limit', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'attendance-overtime', async () => {
      await signIn(page, suite.app.url, '1007', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/attendance`);
      const panel = page.locator('.att-ot');
      await panel.getByText('今月 0時間0分（上限 45時間0分）').waitFor();
      await panel.getByLabel('予定時間').selectOption({ label: '2時間0分' });
      await panel.getByLabel('理由', { exact: true }).fill('議会答弁資料の作成');
      await panel.getByRole('button', { name: '申請する' }).click();
      await panel.getByText('申請しました。決裁されると今月の時間外勤務に数えられます。').waitFor();
      await panel
        .locator('.att-ot__item')
        .filter({ hasText: '決裁待ち' })
        .filter({ hasText: '予定 2時間0分' })
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'attendance-overtime-desktop');
    });
    await context.close();
  });
});
