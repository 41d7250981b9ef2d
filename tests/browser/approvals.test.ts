import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { pdfText } from '../support/pdf';
import {
  browserSuite,
  openSession,
  screenshot,
  signIn,
  withScreenshotOnFailure,
  seriousViolations,
} from './support';

/**
 * 電子決裁 in the web app, as the demo town uses it: the 総務係 clerk (1010) drafts 一般起案 with a PDF attachment and
 * submits it on the desktop, the 係長 (1003) reads the PDF inline and approves on the iPad, the 課長 (1001) approves
 * the 課長補佐's step in their place (引き上げ) and decides; the number and the seals show, and the exported 決裁文書
 * PDF opens with the 件名 and the approvers in it.
 */
const suite = browserSuite();

async function familyName(staffNumber: string): Promise<string> {
  const [row] = await suite.app.dataSource.query(`SELECT family_name FROM app_user WHERE staff_number = $1`, [
    staffNumber,
  ]);
  return row.family_name;
}

/** The seals on the route table (SVG images named 「山田 2026年11月22日 承認」). */
const seals = (page: Page) => page.locator('table.route svg[role="img"]');

describe('approvals in the web app', () => {
  it('lets a clerk draft with a PDF and submit on the desktop, the 係長 read it and approve on the iPad and the 課長 decide, with number, seals and the exported PDF', async () => {
    const title = `庁舎清掃業務の委託について ${Date.now()}`;
    const [kakaricho, kacho] = await Promise.all([familyName('1003'), familyName('1001')]);
    const findings: Record<string, string[]> = {};

    // 1. The clerk drafts 一般起案 and submits it (desktop).
    const clerk = await openSession(suite.browser, 'desktop');
    let documentUrl = '';
    await withScreenshotOnFailure(clerk.page, 'approvals-clerk', async () => {
      const { page } = clerk;
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/approvals`);
      await page.getByRole('navigation', { name: '決裁の一覧の切り替え' }).waitFor();
      await page.getByRole('link', { name: '新しく起案する' }).click();
      await page.getByLabel('様式').selectOption({ label: '一般起案' });
      await page.getByLabel('件名').fill(title);
      await page.getByLabel('本文').fill('令和8年度の庁舎清掃業務を委託したいので、伺います。');
      await page.getByRole('button', { name: '下書き保存' }).click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]+\/edit$/);
      // The default route as the API computed it on save: 係長 of 総務係, then 課長 of 総務課 decides.
      const route = page.locator('table.route');
      await route.getByText('係長').first().waitFor();
      await route.getByText('課長').first().waitFor();
      // The estimate as a PDF: attached to the saved draft.
      await page
        .getByLabel('ファイルを添付する')
        .setInputFiles(join(__dirname, '../fixtures/tracemonkey.pdf'));
      await page.getByText('「tracemonkey.pdf」を添付しました。').waitFor();
      await page.getByText('tracemonkey.pdf', { exact: true }).waitFor();
      await screenshot(page, 'approvals-draft-desktop');

      await page.getByRole('button', { name: '起案する' }).click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]+$/);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('回議中').first().waitFor();
      await page.getByText('未採番').first().waitFor();
      expect(await seals(page).count()).toBe(0);
      documentUrl = page.url();

      await page.goto(`${suite.app.url}/approvals?box=submitted`);
      await page.getByRole('link', { name: title }).waitFor();
      await page.waitForLoadState('networkidle');
      findings['inbox (desktop)'] = await seriousViolations(page);
      await screenshot(page, 'approvals-inbox-desktop');
    });

    // 2. The 係長 approves on the iPad, from the 未処理 list.
    const chief = await openSession(suite.browser, 'ipad');
    await withScreenshotOnFailure(chief.page, 'approvals-kakaricho', async () => {
      const { page } = chief;
      await signIn(page, suite.app.url, '1003', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/approvals`);
      await page.getByRole('link', { name: /^未処理\s*（\s*1\s*件）$/ }).waitFor();
      await page.waitForLoadState('networkidle');
      findings['inbox (ipad)'] = await seriousViolations(page);
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.waitForLoadState('networkidle');
      findings['document (ipad)'] = await seriousViolations(page);
      // The attachment opens inline in the PDF viewer (the first page drawn, its text selectable).
      await page.getByRole('button', { name: '表示する' }).tap();
      await page.locator('.pdf-viewer__canvas').first().waitFor();
      await page.locator('.textLayer').filter({ hasText: 'Trace-based Just-in-Time' }).first().waitFor();
      await screenshot(page, 'approvals-attachment-ipad');
      await page.getByRole('button', { name: '閉じる', exact: true }).tap();
      await page.getByLabel('コメント・理由').fill('内容を確認しました。');
      const approve = page.getByRole('button', { name: '承認', exact: true });
      const box = await approve.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await approve.tap();
      await page
        .getByRole('img', { name: new RegExp(`^${kakaricho} \\d{4}年\\d{1,2}月\\d{1,2}日 承認$`) })
        .waitFor();
      await page.getByText('内容を確認しました。').waitFor();
      // Acting again is not offered: the step is done.
      expect(await page.getByRole('button', { name: '承認', exact: true }).count()).toBe(0);
      await screenshot(page, 'approvals-approved-ipad');
    });

    // 3. The 課長 decides (desktop); the number is issued and both seals show. The clerk's open page follows.
    const decider = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(decider.page, 'approvals-kacho', async () => {
      const { page } = decider;
      await signIn(page, suite.app.url, '1001', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(documentUrl);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // The route has the 課長補佐 between them: the 課長 approves that step in their place (引き上げ), then decides.
      await page.getByRole('button', { name: '承認（引き上げ）' }).click();
      await page
        .getByRole('img', { name: new RegExp(`^${kacho} \\d{4}年\\d{1,2}月\\d{1,2}日 承認$`) })
        .waitFor();
      await page.locator('table.route').getByText('引き上げ').waitFor();
      await page.getByRole('button', { name: '決裁', exact: true }).click();
      await page
        .getByRole('img', { name: new RegExp(`^${kacho} \\d{4}年\\d{1,2}月\\d{1,2}日 決裁$`) })
        .waitFor();
      await page.getByText('総務第1号').waitFor();
      await page.getByText('決裁済み').first().waitFor();
      expect(await seals(page).count()).toBe(3);
      await page.waitForLoadState('networkidle');
      findings['document (desktop)'] = await seriousViolations(page);
      await screenshot(page, 'approvals-decided-desktop');

      // The 決裁文書 as a PDF: real text (an embedded Japanese font), with the 件名, the number and the approvers.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '決裁文書をPDFで出力' }).click(),
      ]);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      const text = (await pdfText(Buffer.concat(chunks))).join('');
      expect(download.suggestedFilename()).toMatch(/^総務第1号.*\.pdf$/);
      expect(text).toContain(title);
      expect(text).toContain('総務第1号');
      expect(text).toContain(kakaricho);
      expect(text).toContain(kacho);
      expect(text).toContain('tracemonkey.pdf');
    });

    // The iPad shows the decided document with all the seals too.
    await chief.page.goto(documentUrl);
    await chief.page.getByText('総務第1号').waitFor();
    expect(await seals(chief.page).count()).toBe(3);
    await screenshot(chief.page, 'approvals-decided-ipad');

    // The drafter records 施行 (date and how it was sent).
    await withScreenshotOnFailure(clerk.page, 'approvals-enforce', async () => {
      const { page } = clerk;
      await page.goto(documentUrl);
      await page.getByText('総務第1号').waitFor();
      await page.getByLabel('施行の方法').fill('郵送');
      await page.getByRole('button', { name: '施行を記録する' }).click();
      await page.getByText('施行を記録しました。').waitFor();
      await page.getByText(/（郵送）/).waitFor();
    });

    // The document administrator records the 法令番号 afterwards (a formal addition, kept in the history).
    const admin = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(admin.page, 'approvals-law-number', async () => {
      const { page } = admin;
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(documentUrl);
      await page.getByText('総務第1号').waitFor();
      await page.getByLabel('法令番号', { exact: true }).fill('令和8年告示第5号');
      await page.getByRole('button', { name: '法令番号を記録する' }).click();
      await page.getByText('法令番号を記録しました。').waitFor();
      await page.locator('.doc-facts').getByText('令和8年告示第5号').waitFor();
      await page.locator('.history').getByText('令和8年告示第5号').waitFor();
    });
    await admin.context.close();

    expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length))).toEqual({});
    expect([...clerk.errors, ...chief.errors, ...decider.errors]).toEqual([]);
    await Promise.all([clerk.context.close(), chief.context.close(), decider.context.close()]);
  });

  it('keeps the 係長’s open inbox live, writes amounts with separators, and sends back with a reason to the drafter', async () => {
    const title = `コピー用紙の購入 ${Date.now()}`;
    // The 係長 has the 未処理 list open on the iPad before anything is submitted.
    const chief = await openSession(suite.browser, 'ipad');
    const clerk = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(clerk.page, 'approvals-send-back', async () => {
      await signIn(chief.page, suite.app.url, '1003', DEMO_PASSWORD);
      await chief.page.waitForURL(`${suite.app.url}/`);
      await chief.page.goto(`${suite.app.url}/approvals`);
      const pendingTab = chief.page.getByRole('link', { name: /^未処理/ });
      await pendingTab.waitFor();
      await chief.page.waitForLoadState('networkidle');
      const before = Number(/（\s*(\d+)\s*件）/.exec((await pendingTab.textContent()) ?? '')?.[1] ?? NaN);
      expect(Number.isInteger(before)).toBe(true);

      const { page } = clerk;
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/approvals/new`);
      await page.getByLabel('様式').selectOption({ label: '支出負担行為' });
      await page.getByLabel('件名').fill(title);
      await page.getByLabel('予算科目').fill('総務費 需用費 消耗品費');
      await page.getByLabel('支払方法').selectOption('口座振替');
      await page.getByLabel('取引先').fill('株式会社 町内文具');
      const amount = page.getByLabel('金額');
      await amount.fill('1200000');
      await amount.blur();
      expect(await amount.inputValue()).toBe('1,200,000');
      await page.getByRole('button', { name: '下書き保存' }).click();
      await page.waitForURL(/\/edit$/);
      // Over 500,000 yen the 副町長 decides (demo 専決規程).
      await page
        .locator('table.route')
        .getByText(/副町長/)
        .waitFor();
      await screenshot(page, 'approvals-expenditure-desktop');
      await page.getByRole('button', { name: '起案する' }).click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]+$/);
      await page.getByText('1,200,000円').waitFor();

      // The 係長's open list follows over the socket: one more to do, and the document is listed.
      await chief.page
        .getByRole('link', { name: new RegExp(`^未処理\\s*（\\s*${before + 1}\\s*件）$`) })
        .waitFor();
      await chief.page.getByRole('link', { name: title }).click();
      await chief.page.getByRole('heading', { level: 1, name: title }).waitFor();
      // 差戻し needs a reason: without one, the page says so and nothing is sent.
      await chief.page.getByRole('button', { name: '差戻し' }).tap();
      await chief.page.getByText('理由を書いてください。').waitFor();
      await chief.page.getByLabel('コメント・理由').fill('金額の根拠となる見積書を添えてください。');
      await chief.page.getByRole('button', { name: '差戻し' }).tap();
      await chief.page.getByText('差し戻しました。').waitFor();
      await screenshot(chief.page, 'approvals-sent-back-ipad');

      // The drafter sees it sent back, with the reason, and may correct and submit it again.
      await page.reload();
      await page.getByText('金額の根拠となる見積書を添えてください。').waitFor();
      await page.getByRole('link', { name: '直して再提出する' }).click();
      await page.waitForURL(/\/edit$/);
      await page.getByText('この文書は差し戻されました。').waitFor();
      expect(await page.getByLabel('金額').inputValue()).toBe('1,200,000');

      // Corrected and resubmitted: a second version, and the document says what changed.
      const corrected = page.getByLabel('金額');
      await corrected.fill('980000');
      await corrected.blur();
      await page.getByRole('button', { name: '再提出する' }).click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]+$/);
      const versions = page.getByRole('region', { name: '版の記録' });
      await versions.getByRole('heading', { name: /第2版/ }).waitFor();
      await versions.getByText('金額：1,200,000円 → 980,000円').waitFor();
      await screenshot(page, 'approvals-versions-desktop');

      // 引用起案: a new draft from it, with its content.
      await page.getByRole('button', { name: 'この文書を引用して起案する' }).click();
      await page.waitForURL(/\/edit$/);
      expect(await page.getByLabel('件名').inputValue()).toBe(title);
      expect(await page.getByLabel('金額').inputValue()).toBe('980,000');
    });
    await Promise.all([chief.context.close(), clerk.context.close()]);
  });

  it('adds a 合議 and a 後閲 person to a draft, shows them on the route and keeps them when the draft is opened again', async () => {
    const people = async (staffNumber: string) => {
      const [row] = await suite.app.dataSource.query(
        `SELECT id, family_name, given_name FROM app_user WHERE staff_number = $1`,
        [staffNumber],
      );
      return {
        id: row.id as string,
        family: row.family_name as string,
        full: `${row.family_name} ${row.given_name}`,
      };
    };
    const [consultant, reviewer] = await Promise.all([people('1004'), people('1008')]);
    const clerk = await openSession(suite.browser, 'ipad');
    const { page } = clerk;
    await withScreenshotOnFailure(page, 'approvals-consult-review', async () => {
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/approvals/new`);
      await page.getByLabel('様式').selectOption({ label: '一般起案' });
      await page.getByLabel('件名').fill(`職員研修の実施について ${Date.now()}`);

      const consult = page.getByRole('group', { name: /^合議/ });
      await consult.getByLabel('名前で探す').fill(consultant.family);
      await consult.locator(`option[value="${consultant.id}"]`).waitFor({ state: 'attached' });
      await consult.getByLabel('探した人から選ぶ').selectOption(consultant.id);
      await consult.getByRole('button', { name: '選んだ人を加える' }).tap();
      await consult.getByText(consultant.full).waitFor();

      const review = page.getByRole('group', { name: /^後閲/ });
      await review.getByLabel('名前で探す').fill(reviewer.family);
      await review.locator(`option[value="${reviewer.id}"]`).waitFor({ state: 'attached' });
      await review.getByLabel('探した人から選ぶ').selectOption(reviewer.id);
      await review.getByRole('button', { name: '選んだ人を加える' }).tap();
      await review.getByText(reviewer.full).waitFor();

      await page.getByRole('button', { name: '下書き保存' }).tap();
      await page.waitForURL(/\/edit$/);
      const route = page.locator('table.route');
      await route.getByRole('columnheader', { name: '合議' }).waitFor();
      await route.getByRole('columnheader', { name: '後閲' }).waitFor();
      await route.getByText(consultant.full).first().waitFor();
      await route.getByText(reviewer.full).first().waitFor();
      await screenshot(page, 'approvals-consult-review-ipad');
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);

      await page.reload();
      await page.getByRole('group', { name: /^合議/ }).getByText(consultant.full).waitFor();
      await page.getByRole('group', { name: /^後閲/ }).getByText(reviewer.full).waitFor();

      // A second consultant: the drafter chooses that one agreement is enough, and files the document.
      const second = await people('1006');
      const consultAgain = page.getByRole('group', { name: /^合議/ });
      await consultAgain.getByLabel('名前で探す').fill(second.family);
      await consultAgain.locator(`option[value="${second.id}"]`).waitFor({ state: 'attached' });
      await consultAgain.getByLabel('探した人から選ぶ').selectOption(second.id);
      await consultAgain.getByRole('button', { name: '選んだ人を加える' }).tap();
      await page.getByRole('group', { name: '合議の進め方' }).getByLabel('だれか一人の同意でよい').check();
      await page.getByLabel('文書分類').fill('総務・研修');
      await page.getByRole('button', { name: '下書き保存' }).tap();
      await page.getByText('下書きを保存しました。').first().waitFor();
      await page.reload();
      expect(await page.getByLabel('だれか一人の同意でよい').isChecked()).toBe(true);
      expect(await page.getByLabel('文書分類').inputValue()).toBe('総務・研修');
    });
    const [row] = await suite.app.dataSource.query(
      `SELECT consultations, classification FROM approval_document WHERE classification = '総務・研修'`,
    );
    expect(row.consultations).toEqual([expect.objectContaining({ mode: 'any' })]);
    expect(row.consultations[0].assignees).toHaveLength(2);
    await clerk.context.close();
  });

  it('shows a plain message and the current document when someone else acted first (409), and tells an outsider there is nothing to see', async () => {
    const title = `同時操作の確認 ${Date.now()}`;
    const clerk = await openSession(suite.browser, 'desktop');
    const { page } = clerk;
    let documentUrl = '';
    // No live updates on this page, so it still shows the document as it was when the other person acted.
    await clerk.context.route('**/socket.io/**', (route) => route.abort());
    await withScreenshotOnFailure(page, 'approvals-conflict', async () => {
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/approvals/new`);
      await page.getByLabel('様式').selectOption({ label: '一般起案' });
      await page.getByLabel('件名').fill(title);
      await page.getByRole('button', { name: '起案する' }).click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]+$/);
      await page.getByRole('button', { name: '引戻し' }).waitFor();

      // Meanwhile the 係長 approves through the API: the clerk's page still shows the older lockVersion.
      documentUrl = page.url();
      const id = documentUrl.split('/').pop() ?? '';
      const kakaricho = suite.app.client();
      await kakaricho.signIn('1003', DEMO_PASSWORD);
      const doc = (await kakaricho.get(`/api/approvals/documents/${id}`)).body as {
        lockVersion: number;
        allowedActions: { type: string; stepId?: string }[];
      };
      const step = doc.allowedActions.find((a) => a.type === 'approve')?.stepId;
      const answer = await kakaricho.post(`/api/approvals/documents/${id}/actions`, {
        action: { type: 'approve', stepId: step },
        lockVersion: doc.lockVersion,
      });
      expect(answer.status).toBe(200);

      await page.getByRole('button', { name: '引戻し' }).click();
      await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
      // Reloaded: the approval shows, and 引戻し (possible only before the first approver acted) is gone.
      await seals(page).first().waitFor();
      expect(await page.getByRole('button', { name: '引戻し' }).count()).toBe(0);
    });
    await clerk.context.close();

    // Someone outside the route and the department (情報政策係, 1006) is told plainly there is nothing to see.
    const outsider = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(outsider.page, 'approvals-outsider', async () => {
      await signIn(outsider.page, suite.app.url, '1006', DEMO_PASSWORD);
      await outsider.page.waitForURL(`${suite.app.url}/`);
      await outsider.page.goto(documentUrl);
      await outsider.page.getByText('この文書は見つからないか、あなたには見る権限がありません。').waitFor();
      expect(await outsider.page.getByText(title).count()).toBe(0);
    });
    await outsider.context.close();
  });

  it('lets the drafter withdraw a draft for good (取下げ) after a confirmation, and lists it no more as a draft', async () => {
    const title = `取り下げる起案 ${Date.now()}`;
    const clerk = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(clerk.page, 'approvals-discard', async () => {
      const { page } = clerk;
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(`${suite.app.url}/approvals/new`);
      await page.getByLabel('様式').selectOption({ label: '一般起案' });
      await page.getByLabel('件名').fill(title);
      await page.getByRole('button', { name: '下書き保存' }).click();
      await page.waitForURL(/\/edit$/);
      await page.getByRole('button', { name: 'この起案を取り下げる' }).click();
      const dialog = page.getByRole('dialog', { name: '起案の取下げ' });
      await dialog.waitFor();
      // Cancelling changes nothing.
      await dialog.getByRole('button', { name: 'やめる' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'この起案を取り下げる' }).click();
      await dialog.getByRole('button', { name: 'この起案を取り下げる' }).click();
      await page.getByText('取り下げました。').waitFor();
      await page.waitForURL(`${suite.app.url}/approvals`);
      await page.goto(`${suite.app.url}/approvals?box=drafting`);
      await page.getByRole('navigation', { name: '決裁の一覧の切り替え' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('link', { name: title }).count()).toBe(0);
      // The 決裁 screens' messages load with them; switching to English loads theirs too, in place.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('link', { name: 'Start a new draft' }).waitFor();
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('link', { name: '新しく起案する' }).waitFor();
    });
    const [row] = await suite.app.dataSource.query(`SELECT status FROM approval_document WHERE title = $1`, [
      title,
    ]);
    expect(row.status).toBe('discarded');
    expect(clerk.errors).toEqual([]);
    await clerk.context.close();
  });
});
