import { join } from 'node:path';
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
 * 会議 in the web app, as the demo town uses it: the 総務課長 (1001) organises a 課長会議 on the desktop — a
 * staff member (1010) as 出席者, two agenda items put in order with 「上へ」, a PDF added and replaced (the old
 * version kept as 旧版), then 配布; the staff member opens the meeting and its material on the iPad (the Japanese
 * text of a PDF without embedded fonts in the text layer); the 町長 (0001), not invited, is told it is not there.
 */
const suite = browserSuite();

async function person(staffNumber: string): Promise<{ family: string; full: string }> {
  const [row] = await suite.app.dataSource.query(
    `SELECT family_name, given_name FROM app_user WHERE staff_number = $1`,
    [staffNumber],
  );
  return { family: row.family_name, full: `${row.family_name} ${row.given_name}` };
}

const fixture = (name: string) => join(__dirname, '../fixtures', name);

describe('meetings in the web app', () => {
  it('lets the organiser prepare and distribute a meeting on the desktop, a participant read its material on the iPad, and keeps others out', async () => {
    const title = `課長会議（11月定例） ${Date.now()}`;
    const staff = await person('1010');
    const findings: Record<string, string[]> = {};
    let meetingUrl = '';

    // 1. The organiser (desktop).
    const organiser = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(organiser.page, 'meetings-organiser', async () => {
      const { page } = organiser;
      await signIn(page, suite.app.url, '1001', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/meetings`);
      await page.getByRole('navigation', { name: '会議の一覧の切り替え' }).waitFor();
      await page.getByRole('link', { name: '会議を作成' }).click();
      await page.getByLabel('会議名').fill(title);
      await page.getByLabel('種類').selectOption({ label: '課長会議' });
      await page.getByLabel('開催日').fill('2099-04-01');
      await page.getByLabel('開始時刻').fill('13:30');
      await page.getByLabel('終了時刻').fill('15:00');
      await page.getByLabel('場所', { exact: true }).fill('第1会議室');
      await page.getByRole('button', { name: '作成する' }).click();
      await page.waitForURL(/\/meetings\/[0-9a-f-]+$/);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('準備中').first().waitFor();
      meetingUrl = page.url();

      // A participant by name, as 出席者.
      await page.getByLabel('名前で探す').fill(staff.family);
      const option = page.locator('#participant-pick option').filter({ hasText: staff.full }).first();
      await option.waitFor({ state: 'attached' });
      await page.locator('#participant-pick').selectOption((await option.getAttribute('value')) ?? '');
      await page.getByLabel('役割', { exact: true }).first().selectOption({ label: '出席者' });
      await page.getByRole('button', { name: '加える', exact: true }).first().click();
      await page.getByText(`${staff.full}を参加者に加えました。`).waitFor({ state: 'attached' });
      await page.locator('.participants__item').filter({ hasText: staff.full }).waitFor();

      // A whole department, as 傍聴者 (its members today).
      const soumu = await page
        .locator('#participant-department option')
        .evaluateAll(
          (options) => (options as HTMLOptionElement[]).find((o) => o.text.trim() === '総務課')?.value,
        );
      await page.locator('#participant-department').selectOption(soumu ?? '');
      await page.locator('#participant-department-role').selectOption({ label: '傍聴者' });
      await page.getByRole('button', { name: '加える', exact: true }).nth(1).click();
      await page.locator('.participants__item').filter({ hasText: '総務課（課・係の全員）' }).waitFor();

      // Two agenda items, then the second moved up: the focus stays on it and the move is announced.
      for (const item of ['令和9年度予算編成方針について', '庁舎清掃業務の委託について']) {
        await page.getByLabel('議題名').fill(item);
        await page.getByRole('button', { name: '議題を追加する' }).click();
        await page.getByRole('heading', { level: 3, name: item }).waitFor();
      }
      const second = page.getByRole('button', { name: '上へ' }).nth(1);
      await second.click();
      await page
        .getByText('「庁舎清掃業務の委託について」を1番目に移しました。')
        .waitFor({ state: 'attached' });
      const headings = await page.locator('.agenda__title').allInnerTexts();
      expect(headings[0]).toContain('庁舎清掃業務の委託について');
      expect(headings[1]).toContain('令和9年度予算編成方針について');
      expect(
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim()),
      ).toContain('下へ');
      const focusedId = await page.evaluate(() => document.activeElement?.id ?? '');
      const firstHeadingId = await page.locator('.agenda__title').first().getAttribute('id');
      expect(focusedId).toBe(`${firstHeadingId}-down`);
      const box = await page.getByRole('button', { name: '下へ' }).first().boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

      // A file that is not a PDF is refused before it is sent.
      await page
        .getByLabel('資料（PDF）を追加')
        .first()
        .setInputFiles({
          name: 'memo.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('not a pdf'),
        });
      await page.getByText('「memo.txt」はPDFではありません。PDFのファイルを選んでください。').waitFor();

      // A PDF to the first item, then replaced: the first version stays, marked as superseded.
      await page.getByLabel('資料（PDF）を追加').first().setInputFiles(fixture('tracemonkey.pdf'));
      await page.getByText('資料「tracemonkey.pdf」を追加しました。').waitFor({ state: 'attached' });
      const material = page.locator('.materials__item').first();
      await material.getByText('第1版').waitFor();
      const materialTitle = (await material.locator('.materials__link').innerText()).trim();
      await page.getByLabel(`「${materialTitle}」を差し替えるPDF`).setInputFiles(fixture('noembed-sjis.pdf'));
      await page.getByText(`「${materialTitle}」を新しい版に差し替えました。`).waitFor({ state: 'attached' });
      await material.getByText('第2版').waitFor();
      await material
        .getByText(/旧版（差し替え前）/)
        .first()
        .waitFor();
      await page.waitForLoadState('networkidle');
      findings['meeting (desktop, organiser)'] = await seriousViolations(page);
      await screenshot(page, 'meetings-prepared-desktop');

      // 配布 with a confirmation.
      await page.getByRole('button', { name: '配布する' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '配布する' }).click();
      await page.getByText('配布済み').first().waitFor();
      expect(await page.getByRole('button', { name: '配布する' }).count()).toBe(0);
    });

    // 2. The participant (iPad): the list, the meeting, the material with its Japanese text.
    const participant = await openSession(suite.browser, 'ipad');
    await withScreenshotOnFailure(participant.page, 'meetings-participant', async () => {
      const { page } = participant;
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/meetings`);
      const link = page.getByRole('link', { name: title });
      await link.waitFor();
      await page.waitForLoadState('networkidle');
      findings['list (ipad)'] = await seriousViolations(page);
      await screenshot(page, 'meetings-list-ipad');
      await link.tap();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // Reading, not organising: no changes offered.
      expect(await page.getByRole('button', { name: '上へ' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '配布する' }).count()).toBe(0);
      await page.waitForLoadState('networkidle');
      findings['meeting (ipad, participant)'] = await seriousViolations(page);
      await screenshot(page, 'meetings-meeting-ipad');
      await page.locator('.materials__link').first().tap();
      await page.waitForURL(/\/meetings\/[0-9a-f-]+\/materials\/[0-9a-f-]+$/);
      await page.locator('.pdf-viewer .textLayer').filter({ hasText: 'あいうえお' }).waitFor();
      // The replaced version is there too, marked as old.
      const versions = page.getByLabel('版', { exact: true });
      const labels = await versions.locator('option').allInnerTexts();
      expect(labels).toHaveLength(2);
      expect(labels[1]).toContain('旧版（差し替え前）');
      await screenshot(page, 'meetings-material-ipad');
      await page.getByRole('link', { name: '会議に戻る' }).first().tap();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // The old version, straight from the meeting page: shown as such, its own text.
      await page.getByRole('link', { name: /^第1版 tracemonkey\.pdf/ }).tap();
      await page.getByText('これは差し替える前の古い版です。最新版ではありません。').waitFor();
      await page
        .locator('.pdf-viewer .textLayer')
        .filter({ hasText: 'Trace-based Just-in-Time' })
        .first()
        .waitFor();
      await page.getByRole('link', { name: '会議に戻る' }).first().tap();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // English: the meetings' messages load in place, every word translated.
      await page.getByRole('button', { name: 'English' }).tap();
      await page.getByRole('heading', { level: 2, name: 'Agenda' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Participants' }).waitFor();
      await page.getByText('(Attendee)').first().waitFor();
      await page.getByText('Section chiefs meeting').waitFor();
      await page.getByText('Distributed').first().waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/meetings\.[a-z]/);
    });

    // 3. Someone not invited: a plain "not found or no access".
    const outsider = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(outsider.page, 'meetings-outsider', async () => {
      const { page } = outsider;
      await signIn(page, suite.app.url, '0001', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(meetingUrl);
      await page.getByText('この会議は見つからないか、あなたには見る権限がありません。').waitFor();
      expect(await page.getByText(title).count()).toBe(0);
    });

    expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length))).toEqual({});
    expect([...organiser.errors, ...participant.errors]).toEqual([]);
    await Promise.all([organiser.context.close(), participant.context.close(), outsider.context.close()]);
  });
});
