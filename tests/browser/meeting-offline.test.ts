import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Meeting } from '@ringi/contracts';
import type { Page, Response } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import type { TestClient } from '../support/http';
import {
  browserSuite,
  ok,
  openSession,
  screenshot,
  seriousViolations,
  signIn,
  type ViewportName,
  withScreenshotOnFailure,
} from './support';

/**
 * Meetings kept on the device and read with no network (service worker + Cache Storage): a staff member (1010)
 * keeps one meeting from its page and the others with 「今後の会議をすべて保存」, goes offline, opens the meeting
 * and its material (tracemonkey.pdf read by range requests the worker answers from the kept bytes); back online
 * after the organiser took them off the meeting, the copy is gone; signing out deletes the rest.
 */
const suite = browserSuite();

/** A distributed meeting with the people as 出席者, with tracemonkey.pdf on its one agenda item or none. */
async function meeting(
  organiser: TestClient,
  people: string[],
  title: string,
  pdf: boolean,
): Promise<Meeting> {
  const day = Date.now() + 7 * 86_400_000;
  let m = await ok(
    organiser.post<Meeting>('/api/meetings', {
      title,
      kind: 'section_chiefs',
      startsAt: new Date(day).toISOString(),
      endsAt: new Date(day + 3_600_000).toISOString(),
    }),
    201,
  );
  for (const userId of people)
    m = await ok(
      organiser.post<Meeting>(`/api/meetings/${m.id}/participants`, { userId, role: 'attendee' }),
      201,
    );
  m = await ok(organiser.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '論文の紹介' }), 201);
  if (pdf) {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(await readFile(join(__dirname, '../fixtures/tracemonkey.pdf')))]),
      'tracemonkey.pdf',
    );
    m = await ok(
      organiser.request<Meeting>('POST', `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/materials`, {
        body: form,
      }),
      201,
    );
  }
  return ok(organiser.post<Meeting>(`/api/meetings/${m.id}/distribute`));
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

async function waitForCaches(
  page: Page,
  test: (names: string[]) => boolean,
  what: string,
): Promise<string[]> {
  const until = Date.now() + 20_000;
  let names: string[] = [];
  while (Date.now() < until) {
    names = await cacheNames(page);
    if (test(names)) return names;
    await page.waitForTimeout(200);
  }
  throw new Error(`${what}; caches: ${names.join(', ')}`);
}

describe('meetings kept on the device for reading offline', () => {
  let organiser: TestClient;
  let kept: Meeting;
  let other: Meeting;
  /** Who reads on each device: the staff member (1010) on the iPad, a 係長 (1003) at a desktop. */
  const readers: Record<ViewportName, { id: string; staffNumber: string }> = {
    ipad: { id: '', staffNumber: '1010' },
    desktop: { id: '', staffNumber: '' },
  };

  beforeAll(async () => {
    organiser = suite.app.client();
    await organiser.signIn('1001', DEMO_PASSWORD);
    const [staff] = await suite.app.dataSource.query(`SELECT id FROM app_user WHERE staff_number = '1010'`);
    readers.ipad.id = staff.id;
    const [colleague] = await suite.app.dataSource.query(
      `SELECT id FROM app_user WHERE staff_number = '1003'`,
    );
    readers.desktop = { id: colleague.id, staffNumber: '1003' };
    const people = [readers.ipad.id, readers.desktop.id];
    // One upload for the whole file: both read the same material.
    kept = await meeting(organiser, people, `課長会議（オフライン） ${Date.now()}`, true);
    other = await meeting(organiser, people, `委員会（オフライン） ${Date.now()}`, false);
  }, 120_000);

  it.each<ViewportName>(['ipad', 'desktop'])(
    'opens a kept meeting and its material with no network, and deletes the copy once access is withdrawn (%s)',
    async (viewport) => {
      const reader = readers[viewport];
      const material = kept.agenda[0].materials[0];
      const fileId = material.versions[0].fileId;
      const meetingUrl = `${suite.app.url}/meetings/${kept.id}`;
      const materialUrl = `${meetingUrl}/materials/${material.id}`;
      const copyOf = (m: Meeting) => `ringi-copy:${reader.id}:${m.id}`;

      const session = await openSession(suite.browser, viewport);
      let signedOutAt = Number.POSITIVE_INFINITY;
      const { page, context } = session;
      await withScreenshotOnFailure(page, `meeting-offline-${viewport}`, async () => {
        await signIn(page, suite.app.url, reader.staffNumber, DEMO_PASSWORD);
        await page.waitForURL(`${suite.app.url}/`);
        // The worker is registered after the first load and takes the page over at once (clients.claim).
        await page.waitForFunction(() => !!navigator.serviceWorker.controller);

        // Keep one meeting from its page.
        await page.goto(meetingUrl);
        await page.getByRole('heading', { level: 1, name: kept.title }).waitFor();
        const keep = page.getByRole('button', { name: 'この端末に保存（オフラインで読む）' });
        expect((await keep.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
        await keep.click();
        // The app's files (about 7 MB) and the PDF: give a loaded machine time.
        await page
          .getByRole('status')
          .filter({ hasText: 'この端末に保存しました。' })
          .waitFor({ timeout: 90_000 });
        await page.getByText(/この端末に保存済み（.*資料1件、1\.\d MB）/).waitFor();
        await page.getByRole('button', { name: 'この端末から削除' }).waitFor();
        let names = await cacheNames(page);
        expect(names).toContain(copyOf(kept));
        expect(names.some((n) => n.startsWith('ringi-app-'))).toBe(true);
        const keptUrls = await page.evaluate(
          async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname).sort(),
          copyOf(kept),
        );
        expect(keptUrls).toEqual(
          ['/__ringi/copy-info', '/api/files/' + fileId, '/api/me', `/api/meetings/${kept.id}`].sort(),
        );
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `meeting-offline-kept-${viewport}`);
        if (viewport === 'desktop') {
          // Every word in English too, then back to Japanese.
          await page.getByRole('button', { name: 'English' }).click();
          await page.getByRole('heading', { level: 2, name: 'Read offline' }).waitFor();
          await page.getByText(/Kept on this device \(kept .*, 1 materials, 1\.\d MB\)/).waitFor();
          await page.getByRole('button', { name: 'Remove from this device' }).waitFor();
          expect(await page.locator('main').innerText()).not.toMatch(/meetingOffline\./);
          await page.getByRole('button', { name: '日本語' }).click();
          await page.getByRole('button', { name: 'この端末から削除' }).waitFor();
        }

        // The others from the list: 「今後の会議をすべて保存」.
        await page.goto(`${suite.app.url}/meetings`);
        await page.getByRole('button', { name: '今後の会議をすべて保存' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: /件の会議をこの端末に保存しました。/ })
          .waitFor({ timeout: 60_000 });
        await page
          .getByRole('region', { name: 'この端末に保存した会議' })
          .getByRole('link', { name: other.title })
          .waitFor();
        expect(await cacheNames(page)).toContain(copyOf(other));
        expect(await seriousViolations(page)).toEqual([]);

        // No network: the meeting and its material open from the copy, ranges answered from the kept bytes.
        const fromCopy: Response[] = [];
        page.on('response', (r) => {
          if (r.headers()['x-ringi-offline'] === 'copy') fromCopy.push(r);
        });
        await context.setOffline(true);
        await page.goto(meetingUrl);
        await page.getByRole('heading', { level: 1, name: kept.title }).waitFor();
        await page
          .getByText('ネットワークにつながっていません。この端末に保存した内容を表示しています。')
          .waitFor();
        await page.goto(materialUrl);
        await page.locator('.pdf-viewer .textLayer').filter({ hasText: 'Trace-based' }).first().waitFor();
        await screenshot(page, `meeting-offline-material-${viewport}`);
        const ranges = fromCopy.filter((r) => r.url().endsWith(`/api/files/${fileId}`) && r.status() === 206);
        expect(ranges.length).toBeGreaterThan(0);
        for (const r of ranges) {
          const headers = r.headers();
          const [, start, end, size] =
            /^bytes (\d+)-(\d+)\/(\d+)$/.exec(headers['content-range'] ?? '') ?? [];
          expect(Number(size)).toBe(material.versions[0].size);
          expect(Number(headers['content-length'])).toBe(Number(end) - Number(start) + 1);
        }
        expect(fromCopy.some((r) => new URL(r.url()).pathname === `/api/meetings/${kept.id}`)).toBe(true);

        // Taken off the meeting while offline: back online, the app checks its copies and deletes that one.
        const participant = kept.participants.find((p) => p.userId === reader.id);
        await ok(organiser.delete(`/api/meetings/${kept.id}/participants/${participant?.id}`));
        await context.setOffline(false);
        await page.goto(`${suite.app.url}/meetings`);
        names = await waitForCaches(
          page,
          (n) => !n.includes(copyOf(kept)),
          'the withdrawn copy is still there',
        );
        expect(names).toContain(copyOf(other));

        // Signing out deletes every copy and the app's kept files.
        signedOutAt = session.errors.length;
        await page.getByRole('button', { name: 'サインアウト', exact: true }).first().click();
        await page.waitForURL(/\/sign-in/);
        await waitForCaches(
          page,
          (n) => !n.some((name) => name.startsWith('ringi-copy:') || name.startsWith('ringi-app-')),
          'copies are left after signing out',
        );
      });
      // Offline, the page's own requests that have no copy (notifications, the socket) fail; back online, the
      // check of the withdrawn meeting is answered 404. Both are expected; nothing else may fail.
      // A request of the app still on its way when the person signs out (the chat's or the roll-call's refresh after
      // the socket reconnected) is answered 401: expected too, but only from that moment on.
      const unexpected = session.errors.filter(
        (e, i) =>
          !/ERR_INTERNET_DISCONNECTED|Failed to fetch|websocket|status of 404/i.test(e) &&
          !(i >= signedOutAt && /status of 401/.test(e)),
      );
      expect(unexpected).toEqual([]);
      await context.close();
    },
    360_000,
  );
});
