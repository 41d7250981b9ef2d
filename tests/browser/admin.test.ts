import { fiscalYearOf, tokyoDate } from '@ringi/domain';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { browserSuite, openSession, screenshot, signIn, withScreenshotOnFailure } from './support';

/** What an administrator does in the web app, and what the people concerned see. */
describe('org administration in Chromium', () => {
  const suite = browserSuite();

  it('enters an April 1 transfer in advance and sees the org chart on that day (desktop)', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'admin-transfer', async () => {
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/admin/staff`);
      await page.getByRole('row').filter({ hasText: '1010' }).getByRole('link').first().click();
      await page.waitForURL(/\/admin\/staff\/[0-9a-f-]{36}$/);
      const name = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';

      await page.getByRole('button', { name: '発令を追加', exact: true }).click();
      await page.getByLabel('所属', { exact: true }).selectOption({ label: '財政係' });
      await page.getByLabel('職', { exact: true }).selectOption({ label: '主任' });
      await page.getByLabel('本務', { exact: true }).check();
      const nextApril = `${fiscalYearOf(tokyoDate()) + 1}-04-01`;
      await page.getByLabel('発令日', { exact: true }).fill(nextApril);
      await page.getByRole('button', { name: '発令を追加する' }).click();
      await page.getByRole('row').filter({ hasText: '財政係' }).getByText('予定').waitFor();
      await screenshot(page, 'admin-transfer-entered');

      await page.goto(`${suite.app.url}/admin/staff`);
      await page.getByLabel('所属で絞り込む').selectOption({ label: '財政係' });
      await page.getByLabel('基準日').fill(nextApril);
      await page.getByRole('button', { name: '検索' }).click();
      await page.getByRole('row').filter({ hasText: '1010' }).waitFor();
      expect(name).toContain(
        (await page.getByRole('row').filter({ hasText: '1010' }).getByRole('link').first().textContent())
          ?.trim()
          .split(/\s+/)[0],
      );
      await screenshot(page, 'admin-staff-next-april');
    });
    await context.close();
  });

  it('adds a position with a rank typed into the number box (a number, not text, once edited) (desktop)', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'admin-position', async () => {
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/admin/positions`);
      await page.getByRole('button', { name: '職を追加' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('名称', { exact: true }).fill('主幹');
      await dialog.getByLabel('英語の名称').fill('Senior Manager');
      await dialog.getByLabel('職コード').fill('SHUKAN');
      await dialog.getByLabel('順位').fill('6');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('table').getByText('Senior Manager', { exact: true }).waitFor();
    });
    const [row] = await suite.app.dataSource.query(`SELECT rank FROM position WHERE code = 'SHUKAN'`);
    expect(row.rank).toBe(6);
    await context.close();
  });

  it('checks a staff CSV, shows the broken line, then imports the corrected file (desktop)', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'admin-import', async () => {
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/admin/staff/import`);
      const header = '職員番号,氏,名,氏カナ,名カナ,所属コード,職コード,発令日,兼務,メール';
      const good = `${header}\n9001,新井,光,アライ,ヒカル,SOUMU-GEN,SHUJI,2026/4/1,,\n`;
      const broken = `${good}9002,上田,学,うえだ,マナブ,SOUMU-GEN,SHUJI,2026-04-01,,\n`;
      const file = page.getByLabel('CSVファイル');

      await file.setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
      await page.getByRole('button', { name: '確認する' }).click();
      await page.getByText(/3行目：/).waitFor();
      expect(await page.getByRole('button', { name: '取り込む' }).isDisabled()).toBe(true);
      await screenshot(page, 'admin-import-error');

      await file.setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByRole('button', { name: '確認する' }).click();
      await page.getByText('誤りはありませんでした。', { exact: false }).waitFor();
      await page.getByRole('button', { name: '取り込む' }).click();
      await page.getByText('取り込みが終わりました。').first().waitFor();
      const [{ n }] = await suite.app.dataSource.query(
        `SELECT count(*)::int AS n FROM app_user WHERE staff_number IN ('9001', '9002')`,
      );
      expect(n).toBe(1);
    });
    await context.close();
  });

  it('signs the mayor out on the iPad at once when an administrator revokes the session', async () => {
    const ipad = await openSession(suite.browser, 'ipad');
    const desk = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(ipad.page, 'revoke-ipad', async () => {
      await signIn(ipad.page, suite.app.url, '0001', DEMO_PASSWORD);
      await ipad.page.waitForURL(`${suite.app.url}/`);
      await ipad.page.getByRole('main').getByText('町長').first().waitFor();

      await signIn(desk.page, suite.app.url, '1005', DEMO_PASSWORD);
      await desk.page.waitForURL(`${suite.app.url}/`);
      await desk.page.goto(`${suite.app.url}/admin/sessions`);
      const [{ name }] = await suite.app.dataSource.query(
        `SELECT family_name || ' ' || given_name AS name FROM app_user WHERE staff_number = '0001'`,
      );
      await desk.page
        .getByRole('row')
        .filter({ hasText: name })
        .getByRole('button', { name: 'サインアウトさせる' })
        .click();

      await ipad.page.waitForURL(/\/sign-in/, { timeout: 10_000 });
      await ipad.page.getByText('この端末はサインアウトされました', { exact: false }).waitFor();
      await screenshot(ipad.page, 'ipad-revoked');
    });
    await ipad.context.close();
    await desk.context.close();
  });

  it('switches the whole interface to English and back', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    await page.goto(`${suite.app.url}/sign-in`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Staff number').fill('1010');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${suite.app.url}/`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'desktop-home-english');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('button', { name: 'サインアウト', exact: true }).first().waitFor();
    await context.close();
  });

  it('lets a member of staff find a colleague in the staff directory by reading, on the iPad', async () => {
    const { page, context } = await openSession(suite.browser, 'ipad');
    await withScreenshotOnFailure(page, 'directory-ipad', async () => {
      const [mayor] = await suite.app.dataSource.query(
        `SELECT family_name || ' ' || given_name AS name, family_name_kana AS kana
           FROM app_user WHERE staff_number = '0001'`,
      );
      const hiragana = (mayor.kana as string).replace(/[\u30A1-\u30F6]/g, (c) =>
        String.fromCharCode(c.charCodeAt(0) - 0x60),
      );
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: '職員名簿' })
        .tap();
      await page.waitForURL(`${suite.app.url}/directory`);
      await page.getByRole('status').filter({ hasText: / 人$/ }).waitFor();
      await screenshot(page, 'directory-ipad');

      await page.getByLabel('名前または読み方').fill(hiragana);
      await page.getByRole('button', { name: '探す' }).tap();
      const card = page.getByRole('listitem').filter({ hasText: mayor.name });
      await card.first().waitFor();
      expect(await card.first().textContent()).toContain('町長室');
      await screenshot(page, 'directory-ipad-found');
      // Nothing administrative is on the page: no staff numbers, roles or account states.
      const text = (await page.getByRole('main').textContent()) ?? '';
      for (const word of ['職員番号', '管理者', 'ロック', 'パスワード', 'メール'])
        expect(text).not.toContain(word);
    });
    await context.close();
  });

  it('pages the staff list of a town of more than 5,000 and moves by touch and keyboard (desktop)', async () => {
    await suite.app.dataSource.query(
      `INSERT INTO app_user (staff_number, family_name, given_name, family_name_kana, given_name_kana)
       SELECT 'T' || lpad(g::text, 5, '0'), '多田', '職員' || g, 'タダ', 'ショクイン' FROM generate_series(1, 5000) g`,
    );
    const [{ n }] = await suite.app.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE active`);
    const total = (n as number).toLocaleString('ja-JP');
    const { page, context } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'admin-staff-paged', async () => {
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/admin/staff`);
      await page
        .getByRole('status')
        .filter({ hasText: `${total} 人` })
        .waitFor();
      const pager = page.getByRole('navigation', { name: '職員の一覧のページ' });
      await pager.getByText(`${total} 人中 1〜50 人目`).waitFor();
      await screenshot(page, 'admin-staff-paged');

      // Keyboard: the next page with Enter, then a page chosen in the page list with the arrow keys.
      await pager.getByRole('button', { name: '次へ' }).focus();
      await page.keyboard.press('Enter');
      await pager.getByText(`${total} 人中 51〜100 人目`).waitFor();
      await pager.getByLabel('ページ', { exact: true }).focus();
      await page.keyboard.press('ArrowDown');
      await pager.getByText(`${total} 人中 101〜150 人目`).waitFor();
      expect(await page.getByRole('row').count()).toBe(51);

      await pager.getByRole('button', { name: '最後' }).click();
      const last = Math.ceil(n / 50);
      await pager
        .getByText(`${total} 人中 ${((last - 1) * 50 + 1).toLocaleString('ja-JP')}〜${total} 人目`)
        .waitFor();
      expect(await pager.getByRole('button', { name: '次へ' }).isDisabled()).toBe(true);
    });
    await context.close();

    const ipad = await openSession(suite.browser, 'ipad');
    await withScreenshotOnFailure(ipad.page, 'admin-staff-paged-ipad', async () => {
      await signIn(ipad.page, suite.app.url, '1005', DEMO_PASSWORD);
      await ipad.page.waitForURL(`${suite.app.url}/`);
      await ipad.page.goto(`${suite.app.url}/admin/staff`);
      const pager = ipad.page.getByRole('navigation', { name: '職員の一覧のページ' });
      await pager.getByRole('button', { name: '次へ' }).tap();
      await pager.getByText(`${total} 人中 51〜100 人目`).waitFor();
      await screenshot(ipad.page, 'admin-staff-paged-ipad');
    });
    await ipad.context.close();
  });
});
