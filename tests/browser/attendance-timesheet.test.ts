import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokyoDate } from '@ringi/domain';
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
 * 出勤簿: the 総務課長 opens the timesheet of the 課 from 勤怠, sees a member of staff's punches, closes the month
 * and downloads the payroll CSV; on a desktop.
 */
describe('timesheets (出勤簿) in the web app', () => {
  const suite = browserSuite();

  it('the 課長 sees the staff’s punches, closes the month and downloads the CSV (desktop)', async () => {
    const today = tokyoDate();
    const [staff]: { id: string; name: string }[] = await suite.app.dataSource.query(
      `SELECT id, family_name || ' ' || given_name AS name FROM app_user WHERE staff_number = '1010'`,
    );
    await suite.app.dataSource.query(
      `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, client_id) VALUES
         ($1, 'in', $2, $4, 'office', gen_random_uuid()), ($1, 'out', $3, $4, 'office', gen_random_uuid())`,
      [staff!.id, `${today}T08:30:00+09:00`, `${today}T17:15:00+09:00`, today],
    );
    const { context, page } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'attendance-timesheet-desktop', async () => {
      await signIn(page, suite.app.url, '1001', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/attendance`);
      await page.getByRole('link', { name: '出勤簿（所属の職員）を開く' }).click();
      await page.waitForURL(/\/attendance\/timesheets$/);
      await page.getByRole('heading', { level: 1, name: '出勤簿' }).waitFor();
      expect(await page.getByLabel('所属').locator('option:checked').textContent()).toContain('総務課');

      // The member of staff's row: one day worked, 7:45.
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: staff!.name }) });
      await row.first().waitFor();
      const staffRow = row.filter({ hasText: '1010' });
      expect(await staffRow.textContent()).toContain('1日');
      expect(await staffRow.textContent()).toContain('7:45');
      await staffRow.getByRole('button', { name: `${staff!.name}さんの日別を見る` }).click();
      const days = page.getByRole('table', { name: new RegExp(`${staff!.name}さんの`) });
      await days.getByRole('row').filter({ hasText: '08:30' }).waitFor();
      expect(await days.getByRole('row').filter({ hasText: '08:30' }).textContent()).toContain('17:15');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'attendance-timesheet-desktop');

      // Close the month (after confirming); it says so.
      const close = page.getByRole('button', { name: 'この月を締める' });
      expect((await close.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
      await close.click();
      await page.getByRole('dialog').getByRole('button', { name: 'この月を締める' }).click();
      await page.getByText(/^締め済み/).waitFor();
      await page.getByText('締めました。').waitFor();
      // A 課長 cannot reopen: no such button.
      expect(await page.getByRole('button', { name: '締めを解除' }).count()).toBe(0);

      // The payroll CSV: UTF-8 with BOM, the staff member's row.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'CSVをダウンロード' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`timesheet-${today.slice(0, 7)}.csv`);
      const dir = await mkdtemp(join(tmpdir(), 'ringi-timesheet-'));
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const bytes = await readFile(file);
      await rm(dir, { recursive: true, force: true });
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.split('\r\n')[0]).toMatch(/^対象月,職員番号,氏名,所属,出勤日数,勤務時間/);
      expect(text).toContain(`,1010,${staff!.name},総務係,1,7.75,`);
    });
    const closed: { n: number }[] = await suite.app.dataSource.query(
      `SELECT count(*)::int AS n FROM attendance_month_close WHERE month = $1`,
      [`${today.slice(0, 7)}-01`],
    );
    // 総務課 and its four 係.
    expect(closed[0]!.n).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});
