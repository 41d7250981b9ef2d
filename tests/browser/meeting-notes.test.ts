import type { Meeting } from '@ringi/contracts';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import {
  browserSuite,
  demoApi,
  ok,
  openSession,
  screenshot,
  signIn,
  withScreenshotOnFailure,
} from './support';

/**
 * Private notes in the web app: the staff member (1010) on the iPad draws with the pen, writes a text memo and
 * bookmarks a page; the notes are still there after a reload; a colleague (1008) sees none of them; the
 * organiser (1001) replaces the material by a corrected version with a new first page, and the notes follow
 * their words to page 2, which says it changed after they were written until the staff member confirms.
 */
const suite = browserSuite();
const pageStatus = (page: Page) => page.locator('.pdf-viewer [aria-live="polite"]');

const api = (staffNumber: string) => demoApi(suite.app, staffNumber);

async function makePdf(pages: string[][]): Promise<Blob> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 40, size: 22, font }));
  }
  return new Blob([new Uint8Array(await doc.save())], { type: 'application/pdf' });
}

const COVER = ['Budget policy for fiscal 2026', 'Each section cuts spending by five percent.'];
const COVER_CORRECTED = ['Budget policy for fiscal 2026', 'Each section cuts spending by three percent.'];
const SPENDING = ['Chapter 2: Spending review', 'Subsidy criteria will be revised.'];

/** Draws a line across the shown page, from and to fractions of its size. */
async function draw(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = await page.locator('.notes-layer__svg').boundingBox();
  if (!box) throw new Error('no drawing surface');
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(
      box.x + box.width * (from[0] + ((to[0] - from[0]) * i) / 10),
      box.y + box.height * (from[1] + ((to[1] - from[1]) * i) / 10),
    );
  await page.mouse.up();
}

describe('private notes on a meeting material in the web app', () => {
  it('draws, writes and bookmarks on the iPad, shows them to nobody else, and keeps them across a correction', async () => {
    const organiser = await api('1001');
    const people: { id: string; staff_number: string }[] = await suite.app.dataSource.query(
      `SELECT id, staff_number FROM app_user WHERE staff_number IN ('1008', '1010')`,
    );
    let m = await ok(
      organiser.post<Meeting>('/api/meetings', {
        title: `課長会議 ${Date.now()}`,
        kind: 'section_chiefs',
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      }),
      201,
    );
    for (const p of people)
      m = await ok(
        organiser.post<Meeting>(`/api/meetings/${m.id}/participants`, { userId: p.id, role: 'attendee' }),
        201,
      );
    m = await ok(organiser.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '予算編成方針' }), 201);
    const form = new FormData();
    form.append('file', await makePdf([COVER, SPENDING]), 'hoshin.pdf');
    m = await ok(
      organiser.request<Meeting>('POST', `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/materials`, {
        body: form,
      }),
      201,
    );
    const material = m.agenda[0].materials[0];
    await ok(organiser.post(`/api/meetings/${m.id}/distribute`));
    const url = `${suite.app.url}/meetings/${m.id}/materials/${material.id}`;

    const author = await openSession(suite.browser, 'ipad');
    const colleague = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(author.page, 'meeting-notes', async () => {
      const page = author.page;
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(url);
      await pageStatus(page).filter({ hasText: '2 ページ中 1 ページ目' }).waitFor();
      await page.getByText('メモは自分だけが見られます').first().waitFor();

      // Pen: a line under the first line of text.
      await page.getByRole('button', { name: 'ペン', exact: true }).tap();
      await draw(page, [0.1, 0.14], [0.6, 0.14]);
      await page.getByRole('button', { name: 'メモの一覧（1件）' }).waitFor();
      expect(await page.locator('.notes-layer__stroke').count()).toBe(1);

      // A text memo placed on the page.
      await page.getByRole('button', { name: '文字メモ', exact: true }).tap();
      const surface = await page.locator('.notes-layer__svg').boundingBox();
      if (!surface) throw new Error('no drawing surface');
      await page.mouse.click(surface.x + surface.width * 0.55, surface.y + surface.height * 0.3);
      await page.getByLabel('メモの内容').fill('削減率の根拠を財政係に確認する');
      await page.getByRole('button', { name: '保存', exact: true }).tap();
      await page.getByRole('button', { name: '文字メモ：削減率の根拠を財政係に確認する' }).waitFor();

      // A bookmark, and the list of my notes.
      await page.getByRole('button', { name: 'このページにしおり' }).tap();
      await page.getByRole('img', { name: 'しおりを付けたページ' }).waitFor();
      await page.getByRole('button', { name: 'メモの一覧（3件）' }).tap();
      await page.getByText('この資料のメモ').waitFor();
      await screenshot(page, 'meeting-notes-ipad');

      // Saved on the server: still there after a reload.
      await page.reload();
      await pageStatus(page).filter({ hasText: '2 ページ中 1 ページ目' }).waitFor();
      await page.getByRole('button', { name: 'メモの一覧（3件）' }).waitFor();
      await page.getByRole('button', { name: '文字メモ：削減率の根拠を財政係に確認する' }).waitFor();
      expect(await page.locator('.notes-layer__stroke').count()).toBe(1);

      // The colleague, in the same meeting, sees none of them.
      await signIn(colleague.page, suite.app.url, '1008', DEMO_PASSWORD);
      await colleague.page.waitForURL(`${suite.app.url}/`);
      await colleague.page.goto(url);
      await pageStatus(colleague.page).filter({ hasText: '2 ページ中 1 ページ目' }).waitFor();
      await colleague.page.getByRole('button', { name: 'メモの一覧（0件）' }).waitFor();
      expect(await colleague.page.locator('.notes-layer__stroke, .notes-layer__memo').count()).toBe(0);
      expect(await colleague.page.getByText('削減率の根拠').count()).toBe(0);

      // 訂正・差し替え: a new first page, and the page with the notes corrected.
      const corrected = new FormData();
      corrected.append(
        'file',
        await makePdf([['Table of contents'], COVER_CORRECTED, SPENDING]),
        'hoshin2.pdf',
      );
      await ok(
        organiser.request('POST', `/api/meetings/${m.id}/materials/${material.id}/versions`, {
          body: corrected,
        }),
        201,
      );
      // Told at once on the open page; one tap opens the new version.
      await page.getByText('この資料は、今、新しい版に差し替えられました').waitFor();
      await page.getByRole('button', { name: '最新版を開く' }).tap();
      await pageStatus(page).filter({ hasText: '3 ページ中 1 ページ目' }).waitFor();
      expect(await page.locator('.notes-layer__stroke, .notes-layer__memo').count()).toBe(0);
      await page.getByRole('button', { name: 'メモの一覧（3件）' }).tap();
      await page.getByRole('button', { name: '2ページを開く' }).first().tap();
      await pageStatus(page).filter({ hasText: '3 ページ中 2 ページ目' }).waitFor();
      await page.getByText('このページは、メモを書いた後に変更されました').waitFor();
      await page.getByRole('button', { name: '文字メモ：削減率の根拠を財政係に確認する' }).waitFor();
      await page.getByRole('img', { name: 'しおりを付けたページ' }).waitFor();
      expect(await page.locator('.notes-layer__stroke').count()).toBe(1);
      await screenshot(page, 'meeting-notes-moved-ipad');
      await page.getByRole('button', { name: '確認しました' }).tap();
      await page.getByText('このページは、メモを書いた後に変更されました').waitFor({ state: 'detached' });
    });
    expect([...author.errors, ...colleague.errors]).toEqual([]);
    await Promise.all([author.context.close(), colleague.context.close()]);
  });
});
