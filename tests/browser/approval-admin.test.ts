import type { Locator, Page } from 'playwright-core';
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
 * The administrator's screens of 電子決裁: 決裁の様式 (templates with their form fields) on the desktop and the
 * 専決規程 (who decides what amount) on the iPad; a member of staff is not shown them.
 */
const suite = browserSuite();

/**
 * The header's notification bell (not these screens') is left out: with unread notifications its badge digit
 * is not part of its name (label-content-name-mismatch), reported to its owner.
 */
const OTHER_SCREENS = ['.notification-bell__button'];

/** Every button and form control on the page is at least 44px high (iPad touch targets). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        'main button, main select, main input:not([type=checkbox]):not([type=radio])',
      ),
    )
      .filter((element) => element.offsetParent !== null)
      .filter((element) => element.getBoundingClientRect().height < 44)
      .map((element) => `${element.tagName} ${element.textContent?.trim() || element.id}`),
  );
}

/** Page errors, leaving out the browser's own line for the 409/422 answers these tests ask for. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of (409|422)/.test(e));

async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** The row (a fieldset 「N行目」) of the 専決規程 for every category whose upper limit reads `amount`. */
async function authorityRow(page: Page, amount: string, category = 'すべての区分'): Promise<Locator> {
  const rows = page.getByRole('group', { name: /^\d+行目$/ });
  await rows.first().waitFor();
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const chosen = await row
      .getByLabel('区分', { exact: true })
      .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent?.trim());
    if (chosen === category && (await row.getByLabel('金額の上限').inputValue()) === amount) return row;
  }
  throw new Error(`no row for ${category} up to ${amount}`);
}

describe('approval administration in Chromium', () => {
  it('creates a template with two fields, sees it in the list and renames it (desktop)', async () => {
    const { page, context, errors } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'approval-admin-templates', async () => {
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/admin/staff`);
      await page
        .getByRole('navigation', { name: '管理メニュー' })
        .getByRole('link', { name: '決裁の様式' })
        .click();
      await page.waitForURL(`${suite.app.url}/admin/approval-templates`);
      await page.getByRole('heading', { level: 1, name: '決裁の様式' }).waitFor();
      await page.getByRole('row').filter({ hasText: '支出負担行為' }).waitFor();
      expect(await page.title()).toContain('決裁の様式');
      expect(await seriousViolations(page, OTHER_SCREENS)).toEqual([]);

      // A new template: name, code, a new category, two fields (the second a choice), moved into another order.
      await page.getByRole('button', { name: '新しい様式' }).click();
      const dialog = page.getByRole('dialog', { name: '新しい様式' });
      await dialog.getByLabel('様式名', { exact: true }).fill('業務委託契約');
      await dialog.getByLabel('様式名（英語）').fill('Service contract');
      await dialog.getByLabel('様式コード').fill('SERVICE_CONTRACT');
      await dialog.getByLabel('区分', { exact: true }).selectOption({ label: '新しい区分を作る…' });
      await dialog.getByLabel('新しい区分のコード').fill('contract');
      await dialog.getByLabel('金額と取引先を入力する', { exact: false }).check();
      await dialog.getByRole('button', { name: '項目を追加' }).click();
      // Focus goes to the new field's key.
      expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^tf-\d+-key$/);
      const first = dialog.getByRole('group', { name: /^項目 1/ });
      await first.getByLabel('項目名', { exact: true }).fill('委託先');
      await first.getByLabel('項目名（英語）').fill('Contractor');
      await first.getByLabel('項目のキー').fill('contractor');
      await first.getByLabel('最大の文字数').fill('200');
      await first.getByLabel('必ず入力してもらう').check();
      await dialog.getByRole('button', { name: '項目を追加' }).click();
      const second = dialog.getByRole('group', { name: /^項目 2/ });
      await second.getByLabel('項目名', { exact: true }).fill('契約の方法');
      await second.getByLabel('項目名（英語）').fill('Method');
      await second.getByLabel('項目のキー').fill('method');
      await second.getByLabel('入力の種類').selectOption({ label: '選択肢から選ぶ' });
      await second.getByLabel('選択肢').fill('随意契約\n指名競争入札\n');
      await second.getByRole('button', { name: '上へ' }).click();
      await dialog.getByRole('group', { name: '項目 1：契約の方法' }).waitFor();
      await dialog.getByRole('group', { name: '項目 2：委託先' }).waitFor();
      expect(await seriousViolations(page, OTHER_SCREENS)).toEqual([]);
      await screenshot(page, 'approval-admin-template-new');
      await dialog.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('様式「業務委託契約」を作りました。').waitFor();
      const row = page.getByRole('row').filter({ hasText: 'SERVICE_CONTRACT' });
      await row.getByText('業務委託契約').waitFor();
      expect(await row.textContent()).toContain('使用中');

      const [created] = await suite.app.dataSource.query(
        `SELECT name, category, financial, active, form FROM approval_template WHERE code = 'SERVICE_CONTRACT'`,
      );
      expect(created).toMatchObject({
        name: '業務委託契約',
        category: 'contract',
        financial: true,
        active: true,
      });
      expect(created.form).toEqual({
        v: 1,
        fields: [
          {
            key: 'method',
            label: '契約の方法',
            labelEn: 'Method',
            type: 'choice',
            required: false,
            choices: ['随意契約', '指名競争入札'],
          },
          {
            key: 'contractor',
            label: '委託先',
            labelEn: 'Contractor',
            type: 'text',
            required: true,
            maxLength: 200,
          },
        ],
      });

      // Renamed; the code is shown, not editable.
      await row.getByRole('button', { name: '編集' }).click();
      const edit = page.getByRole('dialog', { name: '様式の編集：業務委託契約' });
      expect(await edit.getByLabel('様式コード').count()).toBe(0);
      await edit.getByLabel('様式名', { exact: true }).fill('業務委託契約（長期）');
      await edit.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('様式「業務委託契約（長期）」を保存しました。').waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: 'SERVICE_CONTRACT' })
        .getByText('業務委託契約（長期）')
        .waitFor();
      const [renamed] = await suite.app.dataSource.query(
        `SELECT name, jsonb_array_length(form->'fields') AS fields FROM approval_template WHERE code = 'SERVICE_CONTRACT'`,
      );
      expect(renamed).toEqual({ name: '業務委託契約（長期）', fields: 2 });

      // Taken out of use, it stays in the administrator's list (so it can be put back) and comes back.
      const setActive = async (active: boolean, badge: string) => {
        await page
          .getByRole('row')
          .filter({ hasText: 'SERVICE_CONTRACT' })
          .getByRole('button', { name: '編集' })
          .click();
        const dialog = page.getByRole('dialog', { name: '様式の編集：業務委託契約（長期）' });
        await dialog.getByLabel('この様式を使う').setChecked(active);
        await dialog.getByRole('button', { name: '保存', exact: true }).click();
        await page.getByRole('row').filter({ hasText: 'SERVICE_CONTRACT' }).getByText(badge).waitFor();
      };
      await setActive(false, '停止中');
      await page.reload();
      await page.getByRole('row').filter({ hasText: 'SERVICE_CONTRACT' }).getByText('停止中').waitFor();
      await setActive(true, '使用中');

      // A code already taken: the API's answer next to the code; a field without a key: marked in its row.
      await page.getByRole('button', { name: '新しい様式' }).click();
      const again = page.getByRole('dialog', { name: '新しい様式' });
      await again.getByLabel('様式名', { exact: true }).fill('もう一つの一般起案');
      await again.getByLabel('様式名（英語）').fill('Another general');
      await again.getByLabel('様式コード').fill('GENERAL');
      await again.getByRole('button', { name: '項目を追加' }).click();
      await again.getByRole('button', { name: '保存', exact: true }).click();
      await again
        .getByRole('group', { name: /^項目 1/ })
        .getByText('半角英字で始まり', { exact: false })
        .waitFor();
      await again.getByRole('button', { name: '削除' }).click();
      await again.getByRole('button', { name: '保存', exact: true }).click();
      const codeError = page.locator('#atf-code-error');
      await codeError.getByText('その様式コードは既に使われています。').waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'atf-code');
      expect(await again.getByLabel('様式コード').getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'approval-admin-template-code-taken');
      await again.getByRole('button', { name: 'やめる' }).click();
      expect(unexpected(errors)).toEqual([]);
    });
    await context.close();
  });

  it('lowers the 課長 limit in the 専決規程 on the iPad, after a refused table, and keeps it after a reload', async () => {
    const { page, context, errors } = await openSession(suite.browser, 'ipad');
    await withScreenshotOnFailure(page, 'approval-admin-authority', async () => {
      await page.setViewportSize({ width: 1024, height: 768 });
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/admin/decision-authority`);
      await page.getByRole('heading', { level: 1, name: '専決規程' }).waitFor();
      const preview = page.getByRole('region', { name: 'この表の読み方' });
      await preview
        .getByText('支出（支出負担行為・物品購入）：50万円まで 課長、300万円まで 副町長、それを超えると 町長')
        .waitFor();
      await preview.getByText('勤務（時間外勤務命令・休暇届・打刻修正届）：金額にかかわらず 課長').waitFor();
      expect(await seriousViolations(page, OTHER_SCREENS)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      expect(await overflowsSideways(page)).toBe(false);
      await screenshot(page, 'approval-admin-authority-ipad-landscape');

      // The same bound twice for every category: the API refuses the table, and the row says why.
      const kacho = await authorityRow(page, '500,000');
      const limit = kacho.getByLabel('金額の上限');
      await limit.fill('3000000');
      await page.getByRole('button', { name: '保存', exact: true }).tap();
      const confirm = page.getByRole('dialog', { name: '専決規程を保存しますか' });
      await confirm.getByText('すでに回付中の文書は、いまの回付先のままです。', { exact: false }).waitFor();
      await confirm.getByRole('button', { name: '保存する' }).tap();
      await page
        .getByRole('group', { name: /^\d+行目$/ })
        .getByText('同じ区分に、同じ上限の行がほかにもあります。')
        .waitFor();
      await page.getByRole('alert').filter({ hasText: '専決規程の表に誤りがあります' }).waitFor();
      // The focus is on the box the message is about.
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
      await screenshot(page, 'approval-admin-authority-refused');

      // 30万円 instead: the preview reads it at once, the save keeps it.
      await limit.fill('300000');
      await preview
        .getByText('支出（支出負担行為・物品購入）：30万円まで 課長、300万円まで 副町長、それを超えると 町長')
        .waitFor();
      await page.getByText('保存していない変更があります。').waitFor();
      await page.getByRole('button', { name: '保存', exact: true }).tap();
      await confirm.getByRole('button', { name: '保存する' }).tap();
      await page.getByText('専決規程を保存しました。').waitFor();
      expect(await page.getByText('同じ区分に、同じ上限の行がほかにもあります。').count()).toBe(0);

      // Portrait: still usable, nothing to scroll sideways.
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.reload();
      await authorityRow(page, '300,000');
      await preview.getByText('支出（支出負担行為・物品購入）：30万円まで 課長', { exact: false }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      expect(await smallTargets(page)).toEqual([]);
      expect(await seriousViolations(page, OTHER_SCREENS)).toEqual([]);
      await screenshot(page, 'approval-admin-authority-ipad-portrait');

      // The templates on the portrait iPad: the list and the form are usable by touch.
      await page
        .getByRole('navigation', { name: '管理メニュー' })
        .getByRole('link', { name: '決裁の様式' })
        .tap();
      await page
        .getByRole('row')
        .filter({ hasText: 'EXPENDITURE' })
        .getByRole('button', { name: '編集' })
        .tap();
      const form = page.getByRole('dialog', { name: '様式の編集：支出負担行為' });
      await form.getByRole('group', { name: '項目 2：支払方法' }).getByLabel('選択肢').waitFor();
      expect(
        await form.getByRole('group', { name: '項目 2：支払方法' }).getByLabel('選択肢').inputValue(),
      ).toBe('口座振替\n納付書\n現金');
      expect(await overflowsSideways(page)).toBe(false);
      expect(await smallTargets(page)).toEqual([]);
      expect(await seriousViolations(page, OTHER_SCREENS)).toEqual([]);
      await screenshot(page, 'approval-admin-template-ipad-portrait');
      await form.getByRole('button', { name: 'やめる' }).tap();
      await page.goto(`${suite.app.url}/admin/decision-authority`);
      await page.getByRole('heading', { level: 1, name: '専決規程' }).waitFor();

      // English: the same screen, every word translated, the positions by their English names.
      await page.getByRole('button', { name: 'English' }).tap();
      await page.getByRole('heading', { level: 1, name: 'Decision authority' }).waitFor();
      await page
        .getByRole('region', { name: 'How the table reads' })
        .getByText(
          'Expenditure (Expenditure commitment, Purchase of goods) — up to ¥300,000: Division Chief, up to ¥3,000,000: Deputy Mayor, above that: Mayor',
        )
        .waitFor();
      await page.getByRole('group', { name: 'Row 1' }).getByLabel('Upper limit').waitFor();
      await screenshot(page, 'approval-admin-authority-english');
      await page.getByRole('button', { name: '日本語' }).tap();
      await page.getByRole('heading', { level: 1, name: '専決規程' }).waitFor();

      const rules: { category: string | null; up_to: string | null; code: string }[] =
        await suite.app.dataSource.query(
          `SELECT r.category, r.up_to, p.code FROM decision_authority_rule r JOIN position p ON p.id = r.position_id
            ORDER BY r.category NULLS FIRST, r.up_to NULLS LAST`,
        );
      expect(rules.filter((rule) => rule.category === null)).toEqual([
        { category: null, up_to: '300000', code: 'KACHO' },
        { category: null, up_to: '3000000', code: 'DEPUTY' },
        { category: null, up_to: null, code: 'MAYOR' },
      ]);
      expect(rules).toHaveLength(6);
      const [{ n }] = await suite.app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE type = 'approval.authority_table_replaced'`,
      );
      expect(n).toBe(1);
      expect(unexpected(errors)).toEqual([]);
    });
    await context.close();
  });

  it('does not show the screens to a member of staff who is not an administrator', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'approval-admin-forbidden', async () => {
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/admin/approval-templates`);
      await page.waitForURL(`${suite.app.url}/`);
      await page.getByRole('main').waitFor();
      expect(await page.getByRole('heading', { name: '決裁の様式' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '新しい様式' }).count()).toBe(0);
      await page.goto(`${suite.app.url}/admin/decision-authority`);
      await page.waitForURL(`${suite.app.url}/`);
      expect(await page.getByRole('heading', { name: '専決規程' }).count()).toBe(0);
    });
    await context.close();
  });
});
