import { addDays, tokyoDate } from '@ringi/domain';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import {
  browserSuite,
  openSession,
  screenshot,
  seriousViolations,
  signIn,
  withScreenshotOnFailure,
} from './support';

/**
 * 打刻修正 on the iPad: yesterday's forgotten clock-out is asked for from the month's table, goes up the route
 * (係長, 課長補佐, then the 課長 decides, each from their 未処理 list), and the month shows the corrected time.
 */
describe('punch corrections in the web app', () => {
  const suite = browserSuite();

  it('on the iPad: requests yesterday’s forgotten clock-out, the route approves it from the inbox, the month shows it', async () => {
    const staffNumber = '1008'; // 総務係 主任
    const yesterday = addDays(tokyoDate(), -1);
    await suite.app.dataSource.query(
      `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, client_id)
       SELECT id, 'in', $2, $3, 'office', gen_random_uuid() FROM app_user WHERE staff_number = $1`,
      [staffNumber, `${yesterday}T08:30:00+09:00`, yesterday],
    );
    const staff = await openSession(suite.browser, 'ipad');
    const { page } = staff;
    await withScreenshotOnFailure(page, 'attendance-correction-ipad', async () => {
      await signIn(page, suite.app.url, staffNumber, DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/attendance`);
      const table = page.locator('.att-month__table');
      await table.waitFor();
      if (yesterday.slice(0, 7) !== tokyoDate().slice(0, 7)) {
        await page.getByRole('button', { name: /前の月/ }).tap();
        await page.waitForLoadState('networkidle');
      }
      const rows = table.locator('tbody tr');
      const row = rows.nth(Number(yesterday.slice(8, 10)) - 1);
      await row.getByText('08:30').waitFor();

      const ask = row.getByRole('button', { name: /修正を申請/ });
      const box = await ask.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await ask.tap();
      const dialog = page.getByRole('dialog', { name: /打刻修正/ });
      await dialog.waitFor();
      expect(await dialog.getByLabel('出勤の時刻').inputValue()).toBe('08:30');
      await dialog.getByLabel('退勤の時刻').fill('17:15');
      await dialog.getByLabel('修正の理由').fill('退勤の打刻を忘れたため');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'attendance-correction-dialog-ipad');
      await dialog.getByRole('button', { name: '申請する' }).tap();
      await page.getByText('打刻修正を申請しました。決裁されると記録が直ります。').waitFor();
      await row.getByText('修正申請中').waitFor();
      // Nothing changes before it is approved.
      expect(await row.getByText('17:15').count()).toBe(0);
      expect(await row.getByRole('button', { name: /修正を申請/ }).count()).toBe(0);

      // Each holder on the route acts from their 未処理 list: 係長, 課長補佐, then the 課長 decides.
      for (const [approver, action] of [
        ['1003', '承認'],
        ['1002', '承認'],
        ['1001', '決裁'],
      ] as const) {
        const session = await openSession(suite.browser, 'ipad');
        const p = session.page;
        await signIn(p, suite.app.url, approver, DEMO_PASSWORD);
        await p.waitForURL(`${suite.app.url}/`);
        await p.goto(`${suite.app.url}/approvals`);
        await p.getByRole('link', { name: new RegExp(`打刻修正 ${yesterday}`) }).tap();
        await p.getByRole('heading', { level: 1, name: /打刻修正/ }).waitFor();
        await p.getByRole('button', { name: action, exact: true }).tap();
        await p.getByText(action === '決裁' ? '決裁しました。' : '承認しました。').waitFor();
        if (approver === '1001') await screenshot(p, 'attendance-correction-decided-ipad');
        await session.context.close();
      }

      // The staff's month shows the corrected clock-out, marked as corrected, and the minutes worked.
      for (let i = 0; i < 20 && !(await row.getByText('修正済み').count()); i++) {
        await page.waitForTimeout(250);
        await page.reload();
        await table.waitFor();
        if (yesterday.slice(0, 7) !== tokyoDate().slice(0, 7)) {
          await page.getByRole('button', { name: /前の月/ }).tap();
          await page.waitForLoadState('networkidle');
        }
      }
      await row.getByText('修正済み').waitFor();
      await row.getByText('17:15').waitFor();
      await row.getByText('7:45').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'attendance-correction-approved-ipad');
    });
    const punches = await suite.app.dataSource.query(
      `SELECT p.kind, p.origin FROM attendance_punch p JOIN app_user u ON u.id = p.user_id
        WHERE u.staff_number = $1 AND p.work_date = $2 AND p.voided_at IS NULL ORDER BY p.kind`,
      [staffNumber, yesterday],
    );
    expect(punches).toEqual([
      { kind: 'in', origin: 'tap' },
      { kind: 'out', origin: 'correction' },
    ]);
    await staff.context.close();
  });
});
