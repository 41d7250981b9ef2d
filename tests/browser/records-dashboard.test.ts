import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fiscalYearOf, tokyoDate } from '@ringi/domain';
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
 * 文書管理の集計: the 総務課長 opens 文書管理 › 集計, chooses a 年度, reads the 電子決裁率 and the charts (with their
 * numbers for screen readers) and saves the CSV; on a desktop.
 */
describe('records dashboard (文書管理の集計) in the web app', () => {
  const suite = browserSuite();

  it('the 総務課長 sees the year’s decisions as figures and charts and saves them as CSV (desktop)', async () => {
    // Two 年度 ago, in 総務係 in May: 3 decided electronically (2, 4 and 6 hours) and 1 on paper.
    const year = fiscalYearOf(tokyoDate()) - 2;
    const [row]: { template: string; drafter: string; department: string }[] =
      await suite.app.dataSource.query(
        `SELECT (SELECT id FROM approval_template WHERE kind = 'decision' ORDER BY code LIMIT 1) AS template,
                (SELECT id FROM app_user WHERE staff_number = '1010') AS drafter,
                (SELECT id FROM department WHERE code = 'SOUMU-GEN') AS department`,
      );
    for (const [day, hours, paper] of [
      [10, 2, false],
      [11, 4, false],
      [12, 6, false],
      [13, 1, true],
    ] as const)
      await suite.app.dataSource.query(
        `INSERT INTO approval_document (template_id, drafter_id, department_id, fiscal_year, status, title, disclosure,
                                        retention, state, submitted_at, decided_at, paper_reason, paper_decided_by)
         VALUES ($1, $2, $3, $4, 'decided', '集計の試験', 'public', '5', '{"stages": []}', $5::timestamptz,
                 $5::timestamptz + make_interval(hours => $6), $7, $8)`,
        [
          row!.template,
          row!.drafter,
          row!.department,
          year,
          `${year}-05-${day}T09:00:00+09:00`,
          hours,
          paper ? '停電のため書面で決裁' : null,
          paper ? '総務課長' : null,
        ],
      );

    const { context, page } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'records-dashboard-desktop', async () => {
      await signIn(page, suite.app.url, '1001', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/records`);
      await page.getByRole('link', { name: '集計' }).click();
      await page.waitForURL(/\/records\/dashboard$/);
      await page.getByRole('heading', { level: 1, name: '文書管理の集計' }).waitFor();
      await page.getByLabel('年度').selectOption(String(year));

      // At a glance: the rate and the median lead time of the year.
      const rate = page.locator('.rd-figure').filter({ hasText: `電子決裁率（${year}年度）` });
      await rate.getByText('電子 3件・書面 1件').waitFor();
      expect(await rate.textContent()).toContain('75%');
      const median = page.locator('.rd-figure').filter({ hasText: '起案から決裁まで（中央値）' });
      expect(await median.textContent()).toContain('4時間');
      const chart = page.getByRole('img', { name: '月ごとの決裁件数（電子決裁と書面決裁）と電子決裁率' });
      await chart.waitFor();
      expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
      await page.getByRole('img', { name: `課ごとの電子決裁率（${year}年度）` }).waitFor();
      // The same numbers for screen readers: May, 3 electronic, 1 on paper, 75%.
      const may = page
        .getByRole('table', { name: '月ごとの決裁件数（電子決裁と書面決裁）と電子決裁率' })
        .getByRole('row', { name: /^5月/ });
      expect((await may.getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual(['3', '1', '75%']);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'records-dashboard-desktop');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'CSVで保存' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`文書管理集計_${year}年度.csv`);
      const dir = await mkdtemp(join(tmpdir(), 'ringi-records-dashboard-'));
      const file = join(dir, 'dashboard.csv');
      await download.saveAs(file);
      const bytes = await readFile(file);
      await rm(dir, { recursive: true, force: true });
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe('年月,課,電子決裁,書面決裁,電子決裁率(%),所要時間中央値(時間),最長(時間)');
      expect(lines).toContain(`${year}-05,総務係,3,1,75,4,6`);
    });
    await context.close();
  });
});
