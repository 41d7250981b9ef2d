import type { Meeting } from '@ringi/contracts';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { randomBytes } from 'node:crypto';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * The organiser’s agenda on the meeting page: items reordered by dragging their handle (the same order saved as
 * with 上へ/下へ), and a large PDF uploaded with a progress bar (the upload slowed down to a town's network).
 */
const suite = browserSuite();

const api = (staffNumber: string) => demoApi(suite.app, staffNumber);

/** A PDF of about `megabytes` MB: a page of text and an incompressible stream pdf.js skips. */
async function bigPdf(megabytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Budget appendix', { x: 60, y: 760, size: 22, font });
  const filler = doc.context.stream(randomBytes(megabytes * 1024 * 1024));
  doc.catalog.set(doc.context.obj('RingiFiller'), doc.context.register(filler));
  return Buffer.from(await doc.save());
}

describe('the agenda on the meeting page', () => {
  it('reorders items by dragging, edits one in a dialog, and shows the progress of a large upload', async () => {
    const organiser = await api('1001');
    let m = await ok(
      organiser.post<Meeting>('/api/meetings', {
        title: `課長会議 ${Date.now()}`,
        kind: 'section_chiefs',
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      }),
      201,
    );
    for (const title of ['予算編成方針', '人事異動', '防災訓練'])
      m = await ok(organiser.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title }), 201);
    const dir = await mkdtemp(join(tmpdir(), 'ringi-agenda-'));
    const file = join(dir, 'appendix.pdf');
    await writeFile(file, await bigPdf(6));

    const desk = await openSession(suite.browser, 'desktop');
    const page = desk.page;
    try {
      await withScreenshotOnFailure(page, 'meeting-agenda', async () => {
        await signIn(page, suite.app.url, '1001', DEMO_PASSWORD);
        await page.waitForURL(`${suite.app.url}/`);
        await page.goto(`${suite.app.url}/meetings/${m.id}`);
        const titles = page.locator('.agenda__title');
        await titles.first().waitFor();

        // Drag 防災訓練 (third) above 予算編成方針 (first), with the whole agenda on screen.
        await page.evaluate(() =>
          document.getElementById('agenda-title')?.scrollIntoView({ block: 'start' }),
        );
        const from = await page.locator('.agenda__handle').nth(2).boundingBox();
        const to = await page.locator('.agenda__item').first().boundingBox();
        if (!from || !to) throw new Error('no agenda to drag');
        await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
        await page.mouse.down();
        for (let i = 1; i <= 12; i++)
          await page.mouse.move(from.x + from.width / 2, from.y + ((to.y + 5 - from.y) * i) / 12);
        await page.mouse.up();
        await page.getByText('「防災訓練」を1番目に移しました。').waitFor({ state: 'attached' });
        const saved = await ok(organiser.get<Meeting>(`/api/meetings/${m.id}`));
        expect(saved.agenda.map((i) => i.title)).toEqual(['防災訓練', '予算編成方針', '人事異動']);
        expect(await titles.allTextContents()).toEqual([
          expect.stringContaining('防災訓練'),
          expect.stringContaining('予算編成方針'),
          expect.stringContaining('人事異動'),
        ]);

        // Editing an item: its title and time, in a dialog.
        await page.getByRole('button', { name: '議題を編集' }).first().click();
        const dialog = page.getByRole('dialog', { name: '議題「防災訓練」の編集' });
        await dialog.getByLabel('議題名').fill('防災訓練（11月）');
        await dialog.getByLabel('時間（分）').fill('15');
        await dialog.getByRole('button', { name: '保存する' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await titles.first().filter({ hasText: '防災訓練（11月）' }).waitFor();
        const edited = await ok(organiser.get<Meeting>(`/api/meetings/${m.id}`));
        expect(edited.agenda[0]).toMatchObject({ title: '防災訓練（11月）', durationMinutes: 15 });

        // A 6 MB PDF over a slow line: the progress bar moves, then the material is there.
        const cdp = await desk.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 20,
          downloadThroughput: -1,
          uploadThroughput: 2 * 1024 * 1024,
        });
        await page.locator('input[type="file"]').first().setInputFiles(file);
        const bar = page.getByRole('progressbar', { name: '送信の進み具合' });
        await bar.waitFor();
        await screenshot(page, 'meeting-agenda-upload-desktop');
        await page.getByText('PDFを確認しています').or(page.getByText('appendix')).first().waitFor();
        await page.getByRole('link', { name: /appendix/ }).waitFor({ timeout: 30_000 });
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
      });
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
