import { join } from 'node:path';
import type { ApprovalDocument, Receipt } from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { until } from '../support/sockets';
import {
  browserSuite,
  demoApi,
  ok,
  openSession,
  screenshot,
  seriousViolations,
  signIn,
  withScreenshotOnFailure,
} from './support';

/**
 * 収受: a clerk of 総務係 registers a scanned letter from the prefecture that asks for a reply, reads the scan in
 * the viewer, sees it on the home page, answers it through a 起案 (drafted from the receipt, the scan carried
 * over); once the 起案 is decided the receipt is answered. On a desktop.
 */
describe('records: receiving a letter and answering it (収受と回答) in the web app', () => {
  const suite = browserSuite();
  const subject = '令和9年度 県防災訓練への参加について（照会）';

  it('a clerk registers a scanned letter, and answers it through a 起案 that is then decided (desktop)', async () => {
    const { context, page } = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(page, 'records-receipts-desktop', async () => {
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.getByRole('navigation').getByRole('link', { name: '文書管理' }).first().click();
      await page.waitForURL(/\/records\/receipts$/);
      await page.getByRole('heading', { level: 1, name: '収受簿' }).waitFor();

      await page.getByRole('button', { name: '収受を登録する' }).click();
      await page.getByLabel('件名', { exact: true }).fill(subject);
      await page.getByLabel('発信者', { exact: true }).fill('県危機管理課');
      await page.getByLabel('発信者の文書番号').fill('危第45号');
      await page.getByLabel('回答が必要').check();
      await page.getByLabel('回答期限', { exact: true }).fill(addDays(tokyoDate(), 10));
      await page
        .getByLabel('スキャン・ファイル')
        .setInputFiles(join(__dirname, '../fixtures/tracemonkey.pdf'));
      await page.getByRole('button', { name: '登録する' }).click();

      // The receipt's page: its number in the 総務課 register, the scan in the viewer, what to do next.
      await page.waitForURL(/\/records\/receipts\/[0-9a-f-]+$/);
      await page.getByRole('heading', { level: 1, name: subject }).waitFor();
      const number = (await page.locator('.rc-header__number').textContent())?.trim() ?? '';
      expect(number).toMatch(/^総務収第\d+号$/);
      await page.getByText('tracemonkey.pdf', { exact: true }).waitFor();
      await page.locator('canvas').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'records-receipt-desktop');
      const receiptUrl = page.url();
      const receiptId = receiptUrl.split('/').pop() as string;

      // It waits on the home page of 総務課's staff until it is answered.
      await page.goto(`${suite.app.url}/`);
      const pending = page.getByRole('region', { name: '回答が必要な収受文書' });
      await pending.getByRole('link', { name: subject }).waitFor();

      // 回答を起案する: a draft of the reply, the scan attached, linked back to the receipt.
      await page.goto(receiptUrl);
      await page.getByRole('button', { name: '回答を起案する' }).click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]+\/edit$/);
      await page.getByText('tracemonkey.pdf', { exact: true }).first().waitFor();
      await page.getByRole('button', { name: '起案する' }).click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]+$/);
      await page.getByRole('heading', { level: 1, name: `${subject}（回答）` }).waitFor();
      await page.getByRole('link', { name: new RegExp(number) }).waitFor();
      const documentId = page.url().split('/').pop() as string;

      // Everyone on its route approves, and its decider decides (through the API: their screens are the
      // approvals' tests).
      for (let round = 0; round < 10; round += 1) {
        const clerk = await demoApi(suite.app, '1010');
        const doc = await ok(clerk.get<ApprovalDocument>(`/api/approvals/documents/${documentId}`));
        if (doc.status !== 'in_progress') break;
        const step = doc.stages.flatMap((x) => x.steps).find((x) => x.status === 'active');
        if (!step?.holders[0]) throw new Error('the route waits for nobody');
        const [holder]: { staff_number: string }[] = await suite.app.dataSource.query(
          `SELECT staff_number FROM app_user WHERE id = $1`,
          [step.holders[0].id],
        );
        const api = await demoApi(suite.app, holder.staff_number);
        const seen = await ok(api.get<ApprovalDocument>(`/api/approvals/documents/${documentId}`));
        const type = step.kind === 'decide' ? 'decide' : 'approve';
        await ok(
          api.post(`/api/approvals/documents/${documentId}/actions`, {
            action: { type, stepId: step.id },
            lockVersion: seen.lockVersion,
          }),
        );
      }

      // The receipt is answered, and names the 起案 that answered it.
      const clerk = await demoApi(suite.app, '1010');
      await until(
        async () =>
          (await ok(clerk.get<Receipt>(`/api/records/receipts/${receiptId}`))).replyStatus === 'answered',
        'the decided 起案 answers the receipt',
      );
      await page.goto(receiptUrl);
      await page
        .getByText(/^回答済み/)
        .first()
        .waitFor();
      await page.getByRole('link', { name: new RegExp('（回答）') }).waitFor();
      await screenshot(page, 'records-receipt-answered-desktop');
    });
    await context.close();
  });
});
