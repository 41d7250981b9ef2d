import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Meeting } from '@ringi/contracts';
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
 * The presenter followed softly: the 総務課長 (1001) shows tracemonkey.pdf on the desktop and turns pages; the
 * staff member (1010) on the iPad follows, browses on their own (and is told where the presenter is), and returns
 * with one tap.
 */
const suite = browserSuite();
const pageStatus = (page: Page) => page.locator('.pdf-viewer [aria-live="polite"]');

const api = (staffNumber: string) => demoApi(suite.app, staffNumber);

describe('a meeting in session in the web app', () => {
  it('lets the iPad follow the presenter’s page, browse on its own, and return with one tap', async () => {
    const organiser = await api('1001');
    const [staff] = await suite.app.dataSource.query(`SELECT id FROM app_user WHERE staff_number = '1010'`);
    let m = await ok(
      organiser.post<Meeting>('/api/meetings', {
        title: `庁議 ${Date.now()}`,
        kind: 'executive_council',
        startsAt: new Date(Date.now() - 600_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
      201,
    );
    m = await ok(
      organiser.post<Meeting>(`/api/meetings/${m.id}/participants`, { userId: staff.id, role: 'attendee' }),
      201,
    );
    m = await ok(organiser.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '論文の紹介' }), 201);
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
    const material = m.agenda[0].materials[0];
    await ok(organiser.post(`/api/meetings/${m.id}/distribute`));
    const url = `${suite.app.url}/meetings/${m.id}/materials/${material.id}`;

    const presenter = await openSession(suite.browser, 'desktop');
    const follower = await openSession(suite.browser, 'ipad');
    await withScreenshotOnFailure(follower.page, 'meeting-live', async () => {
      await signIn(presenter.page, suite.app.url, '1001', DEMO_PASSWORD);
      await signIn(follower.page, suite.app.url, '1010', DEMO_PASSWORD);
      await Promise.all([
        presenter.page.waitForURL(`${suite.app.url}/`),
        follower.page.waitForURL(`${suite.app.url}/`),
      ]);
      // The iPad opens the material before the meeting begins; the chair's start reaches it without a reload.
      await follower.page.goto(url);
      await pageStatus(follower.page).filter({ hasText: '14 ページ中 1 ページ目' }).waitFor();
      expect(await follower.page.getByText('発表者が資料を映すと、ここに表示されます。').count()).toBe(0);
      await ok(organiser.post(`/api/meetings/${m.id}/start`));
      await follower.page.getByText('発表者が資料を映すと、ここに表示されます。').waitFor();

      await presenter.page.goto(url);
      await pageStatus(presenter.page).filter({ hasText: '14 ページ中 1 ページ目' }).waitFor();
      await presenter.page.getByRole('button', { name: 'この資料を全員に映す' }).click();
      await presenter.page.getByText('全員に映しています（1ページ）').waitFor();
      const next = presenter.page.getByRole('button', { name: '次のページ' });
      await next.click();
      await next.click();
      await presenter.page.getByText('全員に映しています（3ページ）').waitFor();

      // The iPad follows on its own.
      await pageStatus(follower.page).filter({ hasText: '14 ページ中 3 ページ目' }).waitFor();
      await follower.page.getByText('発表者に合わせて表示しています（3ページ）').waitFor();
      await screenshot(follower.page, 'meeting-live-following-ipad');

      // Browsing freely: the iPad stays where its reader is and says where the presenter is.
      await follower.page.getByRole('button', { name: '前のページ' }).tap();
      await pageStatus(follower.page).filter({ hasText: '14 ページ中 2 ページ目' }).waitFor();
      await next.click();
      await presenter.page.getByText('全員に映しています（4ページ）').waitFor();
      await follower.page.getByText('発表者は「tracemonkey」の4ページを表示しています。').waitFor();
      expect(await pageStatus(follower.page).textContent()).toContain('2 ページ目');
      await screenshot(follower.page, 'meeting-live-browsing-ipad');

      // One tap back to the presenter, and following again.
      await follower.page.getByRole('button', { name: '発表者のページへ' }).tap();
      await pageStatus(follower.page).filter({ hasText: '14 ページ中 4 ページ目' }).waitFor();
      await next.click();
      await pageStatus(follower.page).filter({ hasText: '14 ページ中 5 ページ目' }).waitFor();

      // The presenter points at a spot: the iPad shows it where it is on its own page.
      await presenter.page.getByRole('button', { name: '指し示す' }).click();
      await presenter.page.evaluate(() =>
        document.querySelector('.notes-layer__svg')?.scrollIntoView({ block: 'start' }),
      );
      const surface = await presenter.page.locator('.notes-layer__svg').boundingBox();
      if (!surface) throw new Error('no page to point at');
      await presenter.page.mouse.click(surface.x + surface.width * 0.5, surface.y + surface.height * 0.3);
      const spot = follower.page.getByRole('img', { name: '発表者が指している所' });
      await spot.waitFor();
      const page = await follower.page.locator('.notes-layer__svg').boundingBox();
      const dot = await spot.boundingBox();
      if (!page || !dot) throw new Error('no pointer shown');
      expect(Math.abs(dot.x + dot.width / 2 - (page.x + page.width * 0.5))).toBeLessThan(page.width * 0.03);
      expect(Math.abs(dot.y + dot.height / 2 - (page.y + page.height * 0.3))).toBeLessThan(
        page.height * 0.03,
      );
      await screenshot(follower.page, 'meeting-live-pointer-ipad');
      await presenter.page.getByRole('button', { name: '指し示す' }).click();
      await spot.waitFor({ state: 'detached' });
    });
    expect([...presenter.errors, ...follower.errors]).toEqual([]);
    await Promise.all([presenter.context.close(), follower.context.close()]);
  });
});
