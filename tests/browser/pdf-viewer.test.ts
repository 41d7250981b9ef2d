import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@ringi/contracts';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import {
  browserSuite,
  openSession,
  screenshot,
  signIn,
  withScreenshotOnFailure,
  type Session,
  type ViewportName,
  seriousViolations,
} from './support';

const FIXTURES = join(__dirname, '../fixtures');

/** Fake file ids: no PDF upload endpoint exists yet, so the page's requests for them are answered here. */
const IDS = {
  tracemonkey: '01900000-0000-7000-8000-000000000001',
  sjis: '01900000-0000-7000-8000-000000000002',
  truncated: '01900000-0000-7000-8000-000000000003',
  password: '01900000-0000-7000-8000-000000000004',
  word: '01900000-0000-7000-8000-000000000006',
  vertical: '01900000-0000-7000-8000-000000000007',
} as const;

interface Served {
  /** `Range` headers of the GET requests for the file, in order (undefined: the whole file was asked for). */
  ranges: (string | undefined)[];
}

/**
 * Answers `/api/files/<id>` like the API's download does: HEAD with the headers only, GET whole or by
 * `Range: bytes=a-b` (206), Content-Disposition with the UTF-8 file name.
 */
async function serveFile(
  page: Page,
  id: string,
  fixture: string,
  mimeType: string,
  /** GET requests wait for this before they are answered (to see the loading state). */
  gate: Promise<void> = Promise.resolve(),
): Promise<Served> {
  const bytes = await readFile(join(FIXTURES, fixture));
  const served: Served = { ranges: [] };
  await page.route(`**/api/files/${id}`, async (route) => {
    const request = route.request();
    const headers: Record<string, string> = {
      'Content-Type': mimeType,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, no-cache',
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(fixture)}`,
    };
    if (request.method() === 'HEAD') {
      await route.fulfill({ status: 200, headers: { ...headers, 'Content-Length': String(bytes.length) } });
      return;
    }
    await gate;
    const range = request.headers()['range'];
    served.ranges.push(range);
    const match = /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
    if (!match) {
      await route.fulfill({ status: 200, headers, body: bytes });
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(match[2] ? Number(match[2]) : bytes.length - 1, bytes.length - 1);
    await route.fulfill({
      status: 206,
      headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${bytes.length}` },
      body: bytes.subarray(start, end + 1),
    });
  });
  return served;
}

/** The text the screen reader hears about the page position (the viewer's aria-live region). */
const pageStatus = (page: Page) => page.locator('.pdf-viewer [aria-live="polite"]');

/** Text of the viewer's text layer (what a screen reader reads and a mouse selects). */
const textLayer = (page: Page) => page.locator('.pdf-viewer .textLayer');

/** Whether the rendered page canvas has dark pixels (text drawn), sampled in the page. */
async function inkOnCanvas(page: Page): Promise<number> {
  return page.locator('.pdf-viewer canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
    return dark;
  });
}

async function signedIn(viewport: ViewportName): Promise<Session> {
  const session = await openSession(suite.browser, viewport);
  await signIn(session.page, suite.app.url, '1010', DEMO_PASSWORD);
  await session.page.waitForURL(`${suite.app.url}/`);
  return session;
}

function onlyOwnOrigin(session: Session): void {
  const origin = new URL(suite.app.url).origin;
  const foreign = session.requests
    .filter((url) => !url.startsWith('data:') && !url.startsWith('blob:'))
    .filter((url) => new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
}

const suite = browserSuite();

describe.each<ViewportName>(['desktop', 'ipad'])('PDF viewer (%s)', (viewport) => {
  it('opens a 14-page PDF on page 1 with range requests, a crisp canvas and a text layer, and turns pages by button, keys and swipe', async () => {
    const session = await signedIn(viewport);
    const { page } = session;
    const served = await serveFile(page, IDS.tracemonkey, 'tracemonkey.pdf', 'application/pdf');
    await withScreenshotOnFailure(page, `pdf-viewer-${viewport}`, async () => {
      await page.goto(`${suite.app.url}/files/${IDS.tracemonkey}`);
      await page.getByRole('heading', { name: 'tracemonkey.pdf' }).waitFor();
      await pageStatus(page).filter({ hasText: '14 ページ中 1 ページ目' }).waitFor();
      await page.getByText('/ 14 ページ').waitFor();
      await textLayer(page).filter({ hasText: 'Trace-based Just-in-Time' }).waitFor();

      // pdf.js parses in a real module worker from the app's origin (not the main-thread fallback).
      expect(
        page.workers().some((worker) => /\/assets\/pdf\.worker\.min-[\w-]+\.mjs$/.test(worker.url())),
      ).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);

      // Range loading: after the first answer told the size, the rest came in ranges, not as one download.
      expect(served.ranges.some((range) => range?.startsWith('bytes='))).toBe(true);

      // Drawn at the device pixel ratio (2 on the iPad), so text is crisp.
      const sizes = await page.locator('.pdf-viewer canvas').evaluate((canvas: HTMLCanvasElement) => ({
        pixels: canvas.width,
        css: canvas.getBoundingClientRect().width,
        dpr: window.devicePixelRatio,
      }));
      expect(sizes.pixels / sizes.css).toBeCloseTo(sizes.dpr, 1);
      expect(await inkOnCanvas(page)).toBeGreaterThan(1000);

      // Large page buttons (≥ 44 px) for fingers and older eyes.
      const next = page.getByRole('button', { name: '次のページ' });
      const box = await next.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      expect(box?.width).toBeGreaterThanOrEqual(44);
      await screenshot(page, `pdf-viewer-${viewport}-page1`);

      await next.click();
      await pageStatus(page).filter({ hasText: '14 ページ中 2 ページ目' }).waitFor();
      await page.waitForURL(/[?&]page=2/);

      const stage = page.getByRole('region', { name: /PDFの表示/ }).locator('.pdf-viewer__stage');
      await stage.focus();
      await page.keyboard.press('ArrowRight');
      await pageStatus(page).filter({ hasText: '14 ページ中 3 ページ目' }).waitFor();
      await page.keyboard.press('PageUp');
      await pageStatus(page).filter({ hasText: '14 ページ中 2 ページ目' }).waitFor();
      await page.keyboard.press('End');
      await pageStatus(page).filter({ hasText: '14 ページ中 14 ページ目' }).waitFor();
      expect(await page.getByRole('button', { name: '次のページ' }).isDisabled()).toBe(true);
      await page.keyboard.press('Home');
      await pageStatus(page).filter({ hasText: '14 ページ中 1 ページ目' }).waitFor();
      await page.keyboard.press('ArrowLeft');
      await pageStatus(page).filter({ hasText: '14 ページ中 1 ページ目' }).waitFor();

      // Typing a page number.
      const input = page.getByLabel('表示するページの番号');
      await input.fill('5');
      await input.press('Enter');
      await pageStatus(page).filter({ hasText: '14 ページ中 5 ページ目' }).waitFor();

      if (viewport === 'ipad') {
        // A quick swipe from right to left turns to the next page.
        await stage.evaluate((element: HTMLElement) => {
          const box = element.getBoundingClientRect();
          const y = box.top + box.height / 2;
          const touch = (x: number) => new Touch({ identifier: 1, target: element, clientX: x, clientY: y });
          const start = touch(box.left + box.width * 0.8);
          const end = touch(box.left + box.width * 0.2);
          element.dispatchEvent(
            new TouchEvent('touchstart', { touches: [start], changedTouches: [start], bubbles: true }),
          );
          element.dispatchEvent(
            new TouchEvent('touchend', { touches: [], changedTouches: [end], bubbles: true }),
          );
        });
        await pageStatus(page).filter({ hasText: '14 ページ中 6 ページ目' }).waitFor();
      }

      // Zoom in, then back to fit the width (the page's size on screen; the canvas's pixels are capped).
      // Measured once the page turned by the swipe is drawn (the old canvas is freed and gone by then).
      await page.locator('.pdf-viewer[aria-busy="false"]').waitFor();
      const before = await page.evaluate(() =>
        Math.round(document.querySelector('.pdf-viewer canvas')?.getBoundingClientRect().width ?? 0),
      );
      expect(before).toBeGreaterThan(100);
      await page.getByRole('button', { name: '拡大' }).click();
      await page.waitForFunction(
        (width) =>
          Math.round(document.querySelector('.pdf-viewer canvas')?.getBoundingClientRect().width ?? 0) >
          width,
        before,
      );
      await page.getByRole('button', { name: '幅に合わせる' }).click();
      await page.waitForFunction(
        (width) =>
          Math.round(document.querySelector('.pdf-viewer canvas')?.getBoundingClientRect().width ?? 0) ===
          width,
        before,
      );
      await screenshot(page, `pdf-viewer-${viewport}-page`);

      // Two fingers apart zoom in on the iPad (to the nearest step, drawn again).
      if (viewport === 'ipad') {
        const percent = async () =>
          Number((await page.locator('.pdf-viewer__percent').textContent())?.replace(/\D/g, ''));
        const fitted = await percent();
        const stage = await page.locator('.pdf-viewer__stage').boundingBox();
        if (!stage) throw new Error('no stage');
        const cdp = await session.context.newCDPSession(page);
        const [x, y] = [stage.x + stage.width / 2, stage.y + 150];
        const fingers = (apart: number) => [
          { x: x - apart, y, id: 1 },
          { x: x + apart, y, id: 2 },
        ];
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(60) });
        for (let apart = 70; apart <= 120; apart += 10)
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(apart) });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await page.waitForFunction(
          (before) =>
            Number(document.querySelector('.pdf-viewer__percent')?.textContent?.replace(/\D/g, '')) > before,
          fitted,
        );
        expect(await percent()).toBeGreaterThanOrEqual(fitted * 1.9);
        await page.getByRole('button', { name: '幅に合わせる' }).click();
      }

      // A link straight to a page (`?page=`) opens there.
      await page.goto(`${suite.app.url}/files/${IDS.tracemonkey}?page=4`);
      await pageStatus(page).filter({ hasText: '14 ページ中 4 ページ目' }).waitFor();

      // Page pictures: images, not canvases (only the page itself has one), and a tap opens that page.
      await page.getByRole('button', { name: 'ページ一覧' }).click();
      const pictures = page.getByRole('navigation', { name: 'ページ一覧' });
      await pictures.locator('img').nth(3).waitFor();
      expect(
        await pictures
          .getByRole('button', { name: '4ページを開く', exact: true })
          .getAttribute('aria-current'),
      ).toBe('page');
      await pictures.getByRole('button', { name: '7ページを開く', exact: true }).click();
      await pageStatus(page).filter({ hasText: '14 ページ中 7 ページ目' }).waitFor();
      expect(await page.locator('.pdf-viewer canvas').count()).toBe(1);
      await screenshot(page, `pdf-viewer-${viewport}-thumbnails`);

      onlyOwnOrigin(session);
      expect(session.errors).toEqual([]);
    });
    await session.context.close();
  });

  it('shows the Japanese text of a PDF without embedded fonts, with CMaps and fonts from the app itself', async () => {
    const session = await signedIn(viewport);
    const { page } = session;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await serveFile(page, IDS.sjis, 'noembed-sjis.pdf', 'application/pdf', gate);
    await serveFile(page, IDS.vertical, 'vertical.pdf', 'application/pdf');
    await withScreenshotOnFailure(page, `pdf-viewer-sjis-${viewport}`, async () => {
      await page.goto(`${suite.app.url}/files/${IDS.sjis}`);
      // Never a blank page: while the bytes are on their way, the viewer says it is opening the PDF.
      await page.getByRole('status').filter({ hasText: 'PDFを開いています' }).waitFor();
      release();
      await pageStatus(page).filter({ hasText: '1 ページ中 1 ページ目' }).waitFor();
      await textLayer(page).filter({ hasText: 'あいうえお' }).waitFor();
      expect(await inkOnCanvas(page)).toBeGreaterThan(100);
      expect(session.requests.some((url) => /\/assets\/pdfjs-[\d.]+\/cmaps\/.+\.bcmap$/.test(url))).toBe(
        true,
      );
      await screenshot(page, `pdf-viewer-${viewport}-sjis`);

      await page.goto(`${suite.app.url}/files/${IDS.vertical}`);
      await pageStatus(page).filter({ hasText: '3 ページ中 1 ページ目' }).waitFor();
      await textLayer(page).filter({ hasText: '日本語' }).waitFor();

      onlyOwnOrigin(session);
      expect(session.errors).toEqual([]);
    });
    await session.context.close();
  });

  it('uses the legacy pdf.js build where the browser lacks what the modern one needs (iPadOS 16.4–17) and still shows text, Japanese included, on a canvas of at most about 5 megapixels', async () => {
    const session = await signedIn(viewport);
    const { page } = session;
    // As on Safari before 17.4 / 18: no Promise.withResolvers, no URL.parse.
    await page.addInitScript(() => {
      delete (Promise as { withResolvers?: unknown }).withResolvers;
      delete (URL as { parse?: unknown }).parse;
    });
    await serveFile(page, IDS.tracemonkey, 'tracemonkey.pdf', 'application/pdf');
    await serveFile(page, IDS.sjis, 'noembed-sjis.pdf', 'application/pdf');
    await withScreenshotOnFailure(page, `pdf-viewer-legacy-${viewport}`, async () => {
      await page.goto(`${suite.app.url}/files/${IDS.tracemonkey}`);
      await textLayer(page).filter({ hasText: 'Trace-based Just-in-Time' }).waitFor();
      expect(await page.locator('.pdf-viewer').getAttribute('data-pdfjs-build')).toBe('legacy');
      // Zoomed in as far as it goes, the page canvas stays within the budget (CSS scales the rest).
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '拡大' }).click();
      await page.waitForFunction(() => !document.querySelector('.pdf-viewer [aria-busy="true"]'));
      const pixels = await page
        .locator('.pdf-viewer canvas')
        .evaluate((canvas: HTMLCanvasElement) => canvas.width * canvas.height);
      expect(pixels).toBeLessThanOrEqual(5_000_000);
      expect(await page.locator('.pdf-viewer canvas').count()).toBe(1);

      await page.goto(`${suite.app.url}/files/${IDS.sjis}`);
      await textLayer(page).filter({ hasText: 'あいうえお' }).waitFor();
      expect(session.errors).toEqual([]);
    });
    await session.context.close();
  });

  it('says in Japanese that a damaged or password-protected PDF cannot be shown, instead of a blank page', async () => {
    const session = await signedIn(viewport);
    const { page } = session;
    await serveFile(page, IDS.truncated, 'truncated.pdf', 'application/pdf');
    await serveFile(page, IDS.password, 'password-required.pdf', 'application/pdf');
    await withScreenshotOnFailure(page, `pdf-viewer-broken-${viewport}`, async () => {
      await page.goto(`${suite.app.url}/files/${IDS.truncated}`);
      await page.getByRole('alert').filter({ hasText: 'このPDFは壊れているか' }).waitFor();
      await screenshot(page, `pdf-viewer-${viewport}-truncated`);

      await page.goto(`${suite.app.url}/files/${IDS.password}`);
      await page.getByRole('alert').filter({ hasText: 'パスワード付きのPDFは表示できません' }).waitFor();
      await page.getByRole('link', { name: 'ファイルをダウンロードする' }).waitFor();
      await screenshot(page, `pdf-viewer-${viewport}-password`);
      onlyOwnOrigin(session);
    });
    await session.context.close();
  });
});

describe('file view (desktop)', () => {
  it('shows an image inline, offers anything else as a download, and says when a file does not exist', async () => {
    const session = await signedIn('desktop');
    const { page } = session;
    await serveFile(
      page,
      IDS.word,
      'photo.png',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    await withScreenshotOnFailure(page, 'file-view-desktop', async () => {
      // A real stored image (a profile photo, the one upload there is today), through the real API.
      const photo = (await readFile(join(FIXTURES, 'photo.png'))).toString('base64');
      const photoFileId = await page.evaluate(
        async ({ base64, header, value }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const form = new FormData();
          form.append('file', new Blob([bytes], { type: 'image/png' }), 'photo.png');
          const response = await fetch('/api/me/photo', {
            method: 'PUT',
            body: form,
            headers: { [header]: value },
          });
          return ((await response.json()) as { photoFileId: string }).photoFileId;
        },
        { base64: photo, header: CSRF_HEADER, value: CSRF_HEADER_VALUE },
      );
      await page.goto(`${suite.app.url}/files/${photoFileId}`);
      await page.getByText(/^画像・/).waitFor();
      await page.waitForFunction(
        () =>
          ((document.querySelector('.file-view__image') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
      );
      // The PDF viewer (and pdf.js) is not loaded for an image.
      expect(session.requests.some((url) => /\/assets\/pdf-[\w-]+\.js$/.test(url))).toBe(false);
      await screenshot(page, 'file-view-desktop-image');

      await page.goto(`${suite.app.url}/files/${IDS.word}`);
      await page.getByText('この種類のファイルは画面には表示できません').waitFor();
      const download = page.getByRole('link', { name: '「photo.png」をダウンロードする' });
      expect(await download.getAttribute('href')).toBe(`/api/files/${IDS.word}`);

      // Not served by the test: the real API answers 404.
      await page.goto(`${suite.app.url}/files/01900000-0000-7000-8000-00000000dead`);
      await page.getByRole('alert').filter({ hasText: 'ファイルが見つかりません' }).waitFor();
      onlyOwnOrigin(session);
    });
    await session.context.close();
  });
});
