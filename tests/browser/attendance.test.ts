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
});
