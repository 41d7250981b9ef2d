import type { ApprovalDocument, ApprovalTemplate } from '@ringi/contracts';
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
 * 文書検索 in the web app: the 総務係 clerk (1010) finds an expenditure of theirs by part of its 件名 and an amount
 * range, on the desktop and on the iPad, opens it, and comes Back to the same results.
 */
const suite = browserSuite();

describe('approval search in the web app', () => {
  it('finds a document by 件名 and amount range, opens it, and keeps the search in the URL', async () => {
    const stamp = Date.now().toString(36);
    const title = `検索用 コピー用紙の購入 ${stamp}`;
    // Two documents by the clerk with the same words; only one is within the amount range.
    const api = suite.app.client();
    await api.signIn('1010', DEMO_PASSWORD);
    const templates = await api.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    const expenditure = templates.body.items.find((x) => x.code === 'EXPENDITURE');
    const make = async (amount: number, suffix: string) => {
      const res = await api.post<ApprovalDocument>('/api/approvals/documents', {
        templateId: expenditure?.id,
        title: `${title}${suffix}`,
        amount,
        counterparty: '株式会社 町内文具',
        fields: { budgetItem: '需用費', paymentMethod: '口座振替' },
      });
      expect(res.status).toBe(201);
      const sent = await api.post<ApprovalDocument>(`/api/approvals/documents/${res.body.id}/actions`, {
        action: { type: 'submit' },
        lockVersion: res.body.lockVersion,
      });
      expect(sent.status).toBe(200);
      return sent.body;
    };
    const wanted = await make(120000, '（本体）');
    await make(900000, '（別件）');
    const findings: Record<string, string[]> = {};

    for (const device of ['desktop', 'ipad'] as const) {
      const session = await openSession(suite.browser, device);
      await withScreenshotOnFailure(session.page, `approval-search-${device}`, async () => {
        const { page } = session;
        await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
        await page.waitForURL(`${suite.app.url}/`);
        await page.goto(`${suite.app.url}/approvals`);
        await page.getByRole('link', { name: '文書を検索' }).click();
        await page.waitForURL(/\/approvals\/search/);
        await page.getByRole('heading', { level: 1, name: '文書検索' }).waitFor();

        await page.getByLabel('件名').fill(`コピー用紙の購入 ${stamp}`);
        await page.getByLabel('下限').fill('100,000');
        await page.getByLabel('上限').fill('500000');
        await page.getByRole('button', { name: '検索する' }).click();
        // The count is read out (a status region), and only the one within the range is listed.
        await page.getByRole('status').filter({ hasText: '1 件の文書が見つかりました。' }).waitFor();
        const link = page.getByRole('link', { name: wanted.title });
        await link.waitFor();
        expect(await page.getByRole('link', { name: new RegExp(`${stamp}（別件）`) }).count()).toBe(0);
        await page.getByText('120,000円').waitFor();
        expect(page.url()).toMatch(/amountMin=100000/);
        expect(page.url()).toMatch(/amountMax=500000/);
        const box = await link.boundingBox();
        expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
        await page.waitForLoadState('networkidle');
        findings[`search (${device})`] = await seriousViolations(page);
        await screenshot(page, `approval-search-${device}`);

        if (device === 'ipad') await link.tap();
        else await link.click();
        await page.waitForURL(new RegExp(`/approvals/${wanted.id}$`));
        await page.getByRole('heading', { level: 1, name: wanted.title }).waitFor();

        // Back returns to the same search, its form filled in.
        await page.goBack();
        await page.getByRole('link', { name: wanted.title }).waitFor();
        expect(await page.getByLabel('件名').inputValue()).toBe(`コピー用紙の購入 ${stamp}`);
        expect(await page.getByLabel('下限').inputValue()).toBe('100,000');

        // An inverted range is explained next to the field, and nothing is searched.
        await page.getByLabel('下限').fill('600000');
        await page.getByRole('button', { name: '検索する' }).click();
        await page.getByText('下限は上限と同じか、それより小さい金額にしてください。').waitFor();
        expect(await page.getByLabel('上限').getAttribute('aria-invalid')).toBe('true');
      });
      expect(session.errors).toEqual([]);
      await session.context.close();
    }
    expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length))).toEqual({});
  });
});
