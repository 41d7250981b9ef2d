import { addDays, fiscalYearOf, tokyoDate } from '@ringi/domain';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import {
  browserSuite,
  openSession,
  screenshot,
  signIn,
  withScreenshotOnFailure,
  type ViewportName,
  seriousViolations,
} from './support';

/** Deputies (代決者) and reorganisations entered ahead, as people use them in the web app. */
const suite = browserSuite();

/** 総務課の主任 (1008): the colleague the chief names as deputy. */
async function deputyName(): Promise<{ family: string; full: string }> {
  const [row] = await suite.app.dataSource.query(
    `SELECT family_name, given_name FROM app_user WHERE staff_number = '1008'`,
  );
  return { family: row.family_name, full: `${row.family_name} ${row.given_name}` };
}

describe.each<ViewportName>(['desktop', 'ipad'])('deputies (%s)', (viewport) => {
  it('registers a deputy for next week on one’s own account page, sees it listed, then cancels it', async () => {
    const { page, context } = await openSession(suite.browser, viewport);
    const nextWeek = addDays(tokyoDate(), 7);
    const { family, full } = await deputyName();
    await withScreenshotOnFailure(page, `org-deputies-${viewport}`, async () => {
      await signIn(page, suite.app.url, '1001', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/account`);
      const card = page.getByRole('region', { name: '代決者（わたしが不在のとき）' });
      await card.getByText('今日以降の代決者の登録はありません。').waitFor();

      await card.getByLabel('代決者（名前で検索）').fill(family);
      const choose = card.getByLabel('候補から選ぶ');
      const option = choose.locator('option', { hasText: full }).first();
      await option.waitFor({ state: 'attached' });
      await choose.selectOption((await option.getAttribute('value')) ?? '');
      await card.getByLabel('開始日').fill(nextWeek);
      await card.getByLabel('終了日').fill(addDays(nextWeek, 4));
      await card.getByLabel('理由').fill('出張');
      const register = card.getByRole('button', { name: '登録する' });
      expect((await register.boundingBox())?.height).toBeGreaterThanOrEqual(44);
      await register.click();

      const row = card.getByRole('row').filter({ hasText: full });
      await row.getByText('予定').waitFor();
      await row.getByText('出張').waitFor();
      await screenshot(page, `org-deputies-${viewport}-registered`);

      // Not begun yet: it can be cancelled outright.
      await row.getByRole('button', { name: '取り消す' }).click();
      await card.getByText('今日以降の代決者の登録はありません。').waitFor();
    });
    await context.close();
  });
});

describe('reorganisation and the deputies screen (desktop)', () => {
  it('enters a rename of a section for next April 1, sees it in the history, and registers a deputy for a position on the deputies screen', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    const nextApril = `${fiscalYearOf(tokyoDate()) + 1}-04-01`;
    await withScreenshotOnFailure(page, 'org-reorganisation', async () => {
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/admin/departments`);
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: /^人事係/ }) })
        .getByRole('button', { name: '組織改正' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: '名前を変える（改称）' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('radio', { name: '名前を変える（改称）' }).check();
      await dialog.getByLabel('いつから').fill(nextApril);
      await dialog.getByLabel('新しい名前', { exact: true }).fill('職員係');
      await dialog.getByLabel('新しい名前の読み（カタカナ）').fill('ショクインカカリ');
      await dialog.getByRole('button', { name: 'この内容で登録する' }).click();
      await dialog.getByRole('listitem').filter({ hasText: '職員係' }).waitFor();
      await dialog.getByRole('listitem').filter({ hasText: '人事係' }).waitFor();
      await screenshot(page, 'org-reorganisation-history');
      // Today the list still shows today's name.
      await dialog.getByRole('button', { name: '閉じる' }).first().click();
      await page.getByRole('rowheader', { name: /^人事係/ }).waitFor();

      // The administrators' deputies screen: a standing deputy for a position, listed, and no axe findings.
      await page.goto(`${suite.app.url}/admin/deputies`);
      await page.getByRole('heading', { name: '代決者を登録する' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('radio', { name: /所属の職を指定する/ }).check();
      await page.getByLabel('所属', { exact: true }).selectOption({ label: '\u3000人事係' });
      await page.getByLabel('職', { exact: true }).selectOption({ label: '係長' });
      const { family, full } = await deputyName();
      await page.getByLabel('代決者（名前で検索）').fill(family);
      const choose = page.getByLabel('候補から選ぶ');
      const option = choose.locator('option', { hasText: full }).first();
      await option.waitFor({ state: 'attached' });
      await choose.selectOption((await option.getAttribute('value')) ?? '');
      await page.getByRole('button', { name: '登録する' }).click();
      const row = page.getByRole('row').filter({ hasText: full });
      await row.getByText('人事係 係長').waitFor();
      await row.getByText('有効').waitFor();
      await screenshot(page, 'org-deputies-admin');
    });
    await context.close();
  });
});
