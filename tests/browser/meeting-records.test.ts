import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Meeting } from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
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
 * After the meeting, in the web app: the 総務課長 (1001) writes the minutes of a closed 課長会議 and attaches them
 * as a PDF on the desktop; a participant (1010) reads them on the iPad, searches 予算 from the meetings list and
 * opens the material at the page found; the administrator (1005) disposes of a meeting past its retention period,
 * after which its page says it is not there.
 */
const suite = browserSuite();
const fixture = (name: string) => join(__dirname, '../fixtures', name);

const api = (staffNumber: string) => demoApi(suite.app, staffNumber);

/** A meeting organised by 1001 with 1010 taking part and 予算 in its material, closed. */
async function closedMeeting(title: string, disposeAfter: string | null): Promise<Meeting> {
  const organiser = await api('1001');
  const [staff]: { id: string }[] = await suite.app.dataSource.query(
    `SELECT id FROM app_user WHERE staff_number = '1010'`,
  );
  let m = await ok<Meeting>(
    organiser.post('/api/meetings', {
      title,
      kind: 'section_chiefs',
      startsAt: '2026-04-10T01:00:00.000Z',
      endsAt: '2026-04-10T02:00:00.000Z',
      place: '第1会議室',
      disposeAfter,
    }),
    201,
  );
  await ok(organiser.post(`/api/meetings/${m.id}/participants`, { userId: staff.id, role: 'attendee' }), 201);
  m = await ok<Meeting>(
    organiser.post(`/api/meetings/${m.id}/agenda`, { title: '令和8年度予算について' }),
    201,
  );
  const form = new FormData();
  const pdf = await readFile(fixture('yosan.pdf'));
  form.append('file', new Blob([new Uint8Array(pdf)]), 'yosan.pdf');
  form.append('title', '予算編成方針（案）');
  await ok(
    organiser.request('POST', `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/materials`, { body: form }),
    201,
  );
  await ok(organiser.post(`/api/meetings/${m.id}/distribute`));
  return ok<Meeting>(organiser.post(`/api/meetings/${m.id}/close`));
}

describe('minutes, search and disposal in the web app', () => {
  it('lets the organiser write and attach the minutes, a participant read them and find 予算 on the iPad, and an administrator dispose of an expired meeting', async () => {
    const stamp = Date.now();
    const meeting = await closedMeeting(`課長会議（4月定例） ${stamp}`, null);
    const expired = await closedMeeting(`廃棄する課長会議 ${stamp}`, addDays(tokyoDate(), -1));
    const meetingUrl = `${suite.app.url}/meetings/${meeting.id}`;
    const findings: Record<string, string[]> = {};
    const minutesText = '1 開会\n2 令和8年度予算について\n  原案どおり了承された。\n3 閉会';

    // 1. The organiser (desktop): the minutes, written after the meeting closed, and a PDF.
    const organiser = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(organiser.page, 'records-organiser', async () => {
      const { page } = organiser;
      await signIn(page, suite.app.url, '1001', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(meetingUrl);
      await page.getByRole('heading', { level: 2, name: '議事録' }).waitFor();
      await page.getByLabel('議事録（本文）').fill(minutesText);
      await page.getByRole('button', { name: '議事録を保存' }).click();
      await page.getByText('議事録を保存しました。').waitFor();
      await page.getByLabel('議事録のPDFを選ぶ').setInputFiles(fixture('yosan.pdf'));
      await page.getByRole('link', { name: 'yosan.pdf を開く' }).waitFor();
      const box = await page.getByRole('button', { name: '議事録を保存' }).boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await page.waitForLoadState('networkidle');
      findings['meeting with minutes (desktop, organiser)'] = await seriousViolations(page);
      await screenshot(page, 'records-minutes-desktop');
    });

    // 2. A participant (iPad): reads the minutes, searches 予算 and opens the page found.
    const participant = await openSession(suite.browser, 'ipad');
    await withScreenshotOnFailure(participant.page, 'records-participant', async () => {
      const { page } = participant;
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.goto(meetingUrl);
      await page.getByRole('heading', { level: 2, name: '議事録' }).waitFor();
      await page.getByText('原案どおり了承された。').waitFor();
      expect(await page.getByLabel('議事録（本文）').count()).toBe(0);
      expect(await page.getByLabel('議事録のPDFを選ぶ').count()).toBe(0);
      await page.getByRole('link', { name: 'yosan.pdf を開く' }).waitFor();

      await page.goto(`${suite.app.url}/meetings`);
      await page.getByRole('searchbox', { name: '検索する語' }).fill('予算');
      await page.getByRole('button', { name: '検索', exact: true }).tap();
      await page.waitForURL(/\/meetings\/search\?q=/);
      const result = page.locator('.results__item').filter({ hasText: meeting.title });
      await result.waitFor();
      expect(await result.locator('mark').first().innerText()).toBe('予算');
      expect(await page.getByText(expired.title).count()).toBe(1);
      await page.waitForLoadState('networkidle');
      findings['search (ipad)'] = await seriousViolations(page);
      await screenshot(page, 'records-search-ipad');
      await result.getByRole('link', { name: /^予算編成方針（案）・2ページ/ }).tap();
      await page.waitForURL(/\/meetings\/[0-9a-f-]+\/materials\/[0-9a-f-]+\?page=2$/);
      await page.locator('.pdf-viewer .textLayer').filter({ hasText: '予算の執行状況' }).first().waitFor();

      // One character is enough, and the dates narrow it down.
      await page.goto(`${suite.app.url}/meetings/search`);
      await page.getByLabel('検索する語').fill('歳');
      await page.getByLabel('開催日（から）').fill('2026-04-10');
      await page.getByLabel('開催日（まで）').fill('2026-04-10');
      await page.getByRole('button', { name: '検索', exact: true }).tap();
      await page.locator('.results__item').filter({ hasText: meeting.title }).waitFor();
    });

    // 3. The administrator (desktop): disposes of the expired meeting after a confirmation.
    const admin = await openSession(suite.browser, 'desktop');
    await withScreenshotOnFailure(admin.page, 'records-admin', async () => {
      const { page } = admin;
      await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      // A meeting still within its retention period offers no disposal.
      await page.goto(meetingUrl);
      await page.getByRole('heading', { level: 2, name: '議事録' }).waitFor();
      expect(await page.getByRole('button', { name: 'この会議を廃棄' }).count()).toBe(0);

      await page.goto(`${suite.app.url}/meetings/${expired.id}`);
      await page.getByRole('button', { name: 'この会議を廃棄' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('元に戻せません').waitFor();
      await screenshot(page, 'records-dispose-confirm-desktop');
      await dialog.getByRole('button', { name: '廃棄する' }).click();
      await page.getByText(`「${expired.title}」を廃棄しました。`).waitFor();
      await page.waitForURL(/\/meetings\?when=past$/);
      await page.goto(`${suite.app.url}/meetings/${expired.id}`);
      await page.getByText('この会議は見つからないか、あなたには見る権限がありません。').waitFor();
    });
    const [disposed]: { n: number }[] = await suite.app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE subject = $1 AND type = 'meeting.disposed'`,
      [expired.id],
    );
    expect(disposed.n).toBe(1);

    // 4. The participant no longer finds it.
    await withScreenshotOnFailure(participant.page, 'records-participant-after', async () => {
      const { page } = participant;
      await page.goto(`${suite.app.url}/meetings/search?q=${encodeURIComponent('予算')}`);
      await page.locator('.results__item').filter({ hasText: meeting.title }).waitFor();
      expect(await page.getByText(expired.title).count()).toBe(0);
    });

    expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length))).toEqual({});
    expect([...organiser.errors, ...participant.errors]).toEqual([]);
    await Promise.all([organiser.context.close(), participant.context.close(), admin.context.close()]);
    // Three people and two PDFs on a shared two-core machine: more than jest's minute.
  }, 180_000);
});
