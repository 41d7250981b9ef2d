import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import {
  browserSuite,
  openSession,
  screenshot,
  seriousViolations,
  signIn,
  type Session,
  type ViewportName,
  withScreenshotOnFailure,
} from './support';

/** A phone-sized screen (375 px wide, touch): staff answer from their own phone too. */
async function openPhone(browser: Browser): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, requests: [], errors };
}

async function signedIn(page: Page, url: string, staffNumber: string): Promise<void> {
  await signIn(page, url, staffNumber, DEMO_PASSWORD);
  await page.waitForURL(`${url}/`);
  // Connected once the "connection lost" line is gone and the app has been greeted.
  await page
    .getByRole('banner')
    .getByRole('button', { name: /お知らせ/ })
    .waitFor();
  await page.waitForFunction(() => document.querySelector('.shell-banner') === null);
}

const count = (page: Page, key: string) => page.locator(`.tally__count--${key} dd`);

describe.each<ViewportName>(['desktop', 'ipad'])('disaster roll-call in Chromium (%s)', (viewport) => {
  const suite = browserSuite();

  it('the administrator starts a roll-call, staff answer with one tap on any page, the tally follows live', async () => {
    const admin = await openSession(suite.browser, viewport);
    const staff = await openSession(suite.browser, viewport);
    const phone = await openPhone(suite.browser);
    const url = suite.app.url;
    const tap = (page: Page, name: RegExp) =>
      viewport === 'ipad'
        ? page.getByRole('button', { name }).tap()
        : page.getByRole('button', { name }).click();

    await withScreenshotOnFailure(staff.page, `${viewport}-disaster-staff`, () =>
      withScreenshotOnFailure(admin.page, `${viewport}-disaster-admin`, async () => {
        await Promise.all([
          signedIn(admin.page, url, '1005'),
          signedIn(staff.page, url, '1010'),
          signedIn(phone.page, url, '1008'),
        ]);
        // Staff have no menu entry; the administrator has.
        expect(await staff.page.getByRole('link', { name: '災害モード' }).count()).toBe(0);
        await staff.page.getByRole('navigation').getByRole('link', { name: '職員名簿' }).first().click();
        await staff.page.waitForURL(`${url}/directory`);

        // The administrator starts one: the title is filled in already.
        await admin.page.getByRole('navigation').getByRole('link', { name: '災害モード' }).first().click();
        await admin.page.waitForURL(`${url}/disaster`);
        const title = admin.page.getByLabel('件名');
        expect(await title.inputValue()).toBe('【災害】安否確認');
        await admin.page
          .getByLabel('伝えること（任意）')
          .fill('震度6弱の地震が発生しました。身の安全を確保してから回答してください。');
        expect(await seriousViolations(admin.page)).toEqual([]);
        await screenshot(admin.page, `${viewport}-disaster-01-start`);
        await admin.page.getByRole('button', { name: '全職員に送る' }).click();
        await admin.page.getByRole('dialog').getByRole('button', { name: '全職員に送る' }).click();
        await admin.page.waitForURL(/\/disaster\/[0-9a-f-]{36}$/);
        await admin.page.getByRole('heading', { name: '集計' }).waitFor();
        await count(admin.page, 'safe').filter({ hasText: '0人' }).waitFor();

        // The red banner comes to staff live, on the page they are on.
        const banner = staff.page.getByRole('region', { name: '安否確認：【災害】安否確認' });
        await banner.waitFor({ timeout: 10_000 });
        expect(await banner.textContent()).toContain('震度6弱の地震が発生しました。');
        expect(staff.page.url()).toBe(`${url}/directory`);
        expect(await seriousViolations(staff.page)).toEqual([]);
        await screenshot(staff.page, `${viewport}-disaster-02-banner`);

        // One tap answers; the chosen button says so (pressed, with words, not by colour alone).
        await tap(staff.page, /^✓?\s*◯?\s*無事/);
        const safe = banner.getByRole('button', { name: /無事/ });
        await banner.getByText(/回答済み：無事/).waitFor();
        expect(await safe.getAttribute('aria-pressed')).toBe('true');
        expect(await safe.textContent()).toContain('選択中');
        await screenshot(staff.page, `${viewport}-disaster-03-answered`);

        // The administrator's tally follows live (no reload).
        await count(admin.page, 'safe').filter({ hasText: '1人' }).waitFor({ timeout: 10_000 });
        const general = admin.page.locator('.tally__department').filter({ hasText: '総務係' });
        await general.waitFor();

        // From a phone-sized screen too: the banner fits 375 px and its buttons are big.
        const phoneBanner = phone.page.getByRole('region', { name: /安否確認/ });
        await phoneBanner.waitFor({ timeout: 10_000 });
        const helpButton = phoneBanner.getByRole('button', { name: /要支援/ });
        const box = await helpButton.boundingBox();
        expect(box && box.height >= 44 && box.width >= 44).toBe(true);
        // Nothing is wider than the phone: the shell's header and menu, the banner and its buttons.
        expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          375,
        );
        const bannerBox = await phoneBanner.boundingBox();
        expect(bannerBox && bannerBox.x >= 0 && bannerBox.x + bannerBox.width <= 375).toBe(true);
        for (const name of [/無事/, /要支援/, /参集可能/]) {
          const b = await phoneBanner.getByRole('button', { name }).boundingBox();
          expect(b && b.x + b.width <= 375).toBe(true);
        }
        await helpButton.tap();
        await phoneBanner.getByText(/回答済み：要支援/).waitFor();
        expect(await seriousViolations(phone.page)).toEqual([]);
        await screenshot(phone.page, `${viewport}-disaster-04-phone`);
        await count(admin.page, 'need_help').filter({ hasText: '1人' }).waitFor({ timeout: 10_000 });
        await admin.page.locator('.tally__names--help').filter({ hasText: '要支援' }).first().waitFor();

        // Changing one's mind: the last answer counts.
        await tap(staff.page, /参集可能/);
        await banner.getByText(/回答済み：参集可能/).waitFor();
        await count(admin.page, 'can_report').filter({ hasText: '1人' }).waitFor({ timeout: 10_000 });
        await count(admin.page, 'safe').filter({ hasText: '0人' }).waitFor();
        expect(await seriousViolations(admin.page)).toEqual([]);
        await screenshot(admin.page, `${viewport}-disaster-05-tally`);

        // Closing it takes the banner away from everyone.
        await admin.page.getByRole('button', { name: 'この安否確認を終了する' }).click();
        await admin.page.getByRole('dialog').getByRole('button', { name: 'この安否確認を終了する' }).click();
        await admin.page.getByText('この安否確認は終了しました。').waitFor();
        await banner.waitFor({ state: 'detached', timeout: 10_000 });
        await phoneBanner.waitFor({ state: 'detached', timeout: 10_000 });
        await screenshot(admin.page, `${viewport}-disaster-06-closed`);
        expect([...admin.errors, ...staff.errors, ...phone.errors]).toEqual([]);
      }),
    );
    await Promise.all([admin.context.close(), staff.context.close(), phone.context.close()]);
  });
});
