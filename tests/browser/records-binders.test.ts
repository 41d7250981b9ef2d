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
 * 簿冊: an administrator makes last 年度's binders from the 文書分類表 screen, then finds one by 年度 and 簿冊名 and
 * opens it; on a desktop.
 */
describe('binders (簿冊) in the web app', () => {
  const suite = browserSuite();

  it('an administrator makes a year’s binders from the file plan and finds one by search (desktop)', async () => {
    const year = fiscalYearOf(tokyoDate()) - 1;
    const { context, page } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'records-binders-desktop', async () => {
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/records/file-plan`);
      await page.getByRole('heading', { level: 1, name: '文書分類表' }).waitFor();
      await page.getByRole('rowheader', { name: '庶務一般' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('年度').selectOption(String(year));
      const create = page.getByRole('button', { name: '新年度の簿冊を作成' });
      expect((await create.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
      await create.click();
      await page.getByText(new RegExp(`^${year}年度の簿冊を[0-9,]+冊作りました。`)).waitFor();

      await page.goto(`${suite.app.url}/records/binders`);
      await page.getByRole('heading', { level: 1, name: '簿冊' }).waitFor();
      await page.getByLabel('年度').selectOption(String(year));
      await page.getByLabel('簿冊名').fill('予算');
      await page.getByRole('button', { name: '探す' }).click();
      const link = page.getByRole('link', { name: '予算編成綴' }).first();
      await link.waitFor();
      expect(await page.getByRole('row').filter({ has: link }).first().textContent()).toContain(
        `${year}年度`,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'records-binders-desktop');

      await link.click();
      await page.getByRole('heading', { level: 1, name: '予算編成綴' }).waitFor();
      await page.getByText('保存期間の満了日').waitFor();
      await page.getByText('10年', { exact: true }).waitFor();

      // The end of retention: a binder of 2015 kept one year is due; the screen offers 延長, 移管 and the list.
      await suite.app.dataSource.query(
        `INSERT INTO records_binder (plan_item_id, department_id, fiscal_year, code, title, retention, end_action,
                                     retention_ends_on)
         SELECT p.id, d.id, 2015, p.code, '照会回答綴（古い）', p.retention, p.end_action, '2017-03-31'
           FROM records_file_plan_item p, department d WHERE p.code = '07' AND d.code = 'SOUMU'`,
      );
      await page.goto(`${suite.app.url}/records/retention`);
      await page.getByRole('heading', { level: 1, name: '保存期間満了' }).waitFor();
      await page.getByRole('checkbox', { name: '廃棄目録に入れる：照会回答綴（古い）' }).check();
      await page.getByText('1冊を選んでいます').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'records-retention-desktop');
    });
    await context.close();
  });
});
