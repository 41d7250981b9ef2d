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
 * 勤務・休暇の設定 (an administrator) and 休暇中の代決者 (each person): on a desktop, from the menus.
 */
describe('attendance settings in the web app', () => {
  const suite = browserSuite();

  it('an administrator designates a 他律的業務 department and sets a part-timer’s schedule; staff then see the higher limits', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
    await page.waitForURL(`${suite.app.url}/`);
    await withScreenshotOnFailure(page, 'attendance-settings', async () => {
      await page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: '管理', exact: true })
        .click();
      await page
        .getByRole('navigation', { name: '管理メニュー' })
        .getByRole('link', { name: '勤務・休暇' })
        .click();
      await page.waitForURL(/\/admin\/attendance$/);
      await page.getByRole('heading', { name: '勤務・休暇の設定' }).waitFor();
      await page.getByText('1日の勤務時間：7時間45分（年次休暇1日分）').waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      // The working day's length follows the times as they are typed.
      await page.getByLabel('終業').fill('17:00');
      await page.getByText('1日の勤務時間：7時間30分（年次休暇1日分）').waitFor();
      await page.getByLabel('終業').fill('17:15');
      await page.getByLabel('住民課').check();
      // 夏季休暇: five days instead of the national three.
      const summer = page.getByRole('row', { name: /夏季休暇/ });
      await summer.getByLabel('日数').fill('5');
      await page.getByRole('button', { name: '保存する' }).first().click();
      await page.getByText('勤務・休暇の設定を保存しました。').waitFor();

      // A part-timer: three days a week.
      const [person] = await suite.app.dataSource.query(
        `SELECT family_name || ' ' || given_name AS name FROM app_user WHERE staff_number = '1010'`,
      );
      await page.getByLabel('氏名で絞り込む').fill(person.name as string);
      await page.getByRole('button', { name: `${person.name}さんの勤務形態を変更` }).click();
      const row = page.getByRole('row', { name: new RegExp(person.name as string) });
      await row.getByLabel('勤務形態').selectOption('part_time');
      await row.getByLabel('週の勤務日数').fill('3');
      await row.getByRole('button', { name: '保存する' }).click();
      await page.getByText(`${person.name}さんの勤務形態を保存しました。`).waitFor();
      await row.getByText('会計年度任用職員（パートタイム）').waitFor();
      await page.getByRole('heading', { name: '時間外勤務の状況（年度）' }).scrollIntoViewIfNeeded();
      await screenshot(page, 'attendance-settings-desktop');
    });
    await context.close();

    // Someone in 住民課 now works under the 他律 limits: less than 100 hours a month.
    const [jumin] = await suite.app.dataSource.query(
      `SELECT u.staff_number FROM app_user u JOIN membership m ON m.user_id = u.id JOIN department d ON d.id = m.department_id
        WHERE d.code = 'JUMIN-MADO' AND m.is_primary ORDER BY u.staff_number LIMIT 1`,
    );
    const staff = await openSession(suite.browser, 'desktop');
    await signIn(staff.page, suite.app.url, jumin.staff_number as string, DEMO_PASSWORD);
    await staff.page.waitForURL(`${suite.app.url}/`);
    await staff.page.goto(`${suite.app.url}/attendance`);
    await withScreenshotOnFailure(staff.page, 'attendance-settings-staff', async () => {
      await staff.page.getByText(/今月 0時間0分（上限 100時間0分）/).waitFor();
    });
    await staff.context.close();
  });

  it('a 係長 sees the special leave types with their limits, and names who decides in their place while on leave, once', async () => {
    const { page, context } = await openSession(suite.browser, 'desktop');
    await signIn(page, suite.app.url, '1003', DEMO_PASSWORD);
    await page.waitForURL(`${suite.app.url}/`);
    const [deputy] = await suite.app.dataSource.query(
      `SELECT family_name AS family, family_name || ' ' || given_name AS name FROM app_user WHERE staff_number = '1008'`,
    );
    await page.goto(`${suite.app.url}/attendance`);
    await withScreenshotOnFailure(page, 'attendance-absence-deputy', async () => {
      await page.getByRole('heading', { name: '休暇中の代決者' }).waitFor();
      // Special leave offers its types, each with its limit in plain words (夏季休暇 as the town set it).
      await page.getByLabel('休暇の種類').selectOption({ label: '夏季休暇' });
      await page.getByText('上限：7月1日〜9月30日に5日（勤務日）').waitFor();
      await page.getByLabel('休暇の種類').selectOption({ label: '忌引' });
      await page.getByLabel('亡くなった方との続柄').waitFor();
      await page.getByLabel('休暇の種類').selectOption({ label: '年次休暇' });
      await page.getByText('登録されていません。', { exact: false }).waitFor();
      await page.getByRole('button', { name: '代決者を登録する' }).click();
      await page.getByLabel('代決者（氏名で検索）').fill(deputy.family as string);
      await page
        .getByRole('option', { name: new RegExp(deputy.name as string) })
        .waitFor({ state: 'attached' });
      const chosen = page.getByLabel('候補から選ぶ');
      await chosen.selectOption({
        label: (await page.getByRole('option', { name: new RegExp(deputy.name as string) }).textContent())!,
      });
      await page.getByRole('button', { name: '登録する', exact: true }).click();
      await page
        .getByText(`その日は ${deputy.name} さんがあなたの代わりに決裁できます`, { exact: false })
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });
    await context.close();
  });
});
