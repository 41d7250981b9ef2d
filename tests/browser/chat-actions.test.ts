import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  browserSuite,
  ok,
  openSession,
  screenshot,
  seriousViolations,
  withScreenshotOnFailure,
  type ViewportName,
} from './support';
import { chatKit, message } from './chat-support';

/**
 * 業務チャット, what chat.test.ts leaves out: files from the composer (a photo inline, a PDF opened in the shared
 * viewer), editing and deleting one's own message live, 「起案にする」 into an approval draft, the English
 * screens, and a browser notification for a mention while the tab is hidden.
 */
const suite = browserSuite();
const { userId, api, channelFor, signedIn, openChat } = chatKit(suite);

const FIXTURES = join(__dirname, '../fixtures');
const PHOTO = join(FIXTURES, 'photo.png');
/** Japanese text (Shift_JIS) without embedded fonts, 1 page (a copy of tests/fixtures/pdfs/noembed-sjis.pdf). */
const PDF = join(FIXTURES, 'noembed-sjis.pdf');

interface MessageLike {
  id: string;
  text: string;
  editedAt: string | null;
  deletedAt: string | null;
}

async function post(staffNumber: string, channelId: string, text: string): Promise<MessageLike> {
  return ok(
    (await api(staffNumber)).post<MessageLike>(`/api/chat/channels/${channelId}/messages`, {
      clientId: randomUUID(),
      text,
    }),
    201,
  );
}

const composer = (page: Page) => page.locator('.chat__main .composer');
const tap = (viewport: ViewportName) => (viewport === 'ipad' ? 'tap' : 'click');

/** The viewer's spoken page position and its text layer (as in pdf-viewer.test.ts). */
const pageStatus = (page: Page) => page.locator('.pdf-viewer [aria-live="polite"]');
const textLayer = (page: Page) => page.locator('.pdf-viewer .textLayer');

/** Controls inside `scope` whose target is under 44 px high or wide (touch targets). */
async function smallTargets(page: Page, scope: string): Promise<string[]> {
  return page.locator(scope).evaluateAll((roots) =>
    roots.flatMap((root) =>
      Array.from(root.querySelectorAll<HTMLElement>('button, a[href], select, input:not([type=file])'))
        .filter((el) => el.offsetParent !== null && !el.closest('.visually-hidden'))
        // A checkbox is hit through the label around it.
        .map((el) => (el instanceof HTMLInputElement ? (el.closest('label') ?? el) : el))
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.height > 0 && (box.height < 44 || box.width < 44))
        .map(
          ({ el, box }) =>
            `${el.tagName} "${el.textContent?.trim() || el.getAttribute('aria-label')}" ${box.width}×${box.height}`,
        ),
    ),
  );
}

/** Whether anything in the page is wider than the viewport. */
const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('chat: files, edits, drafts, English and browser notifications', () => {
  it('sends a photo and a PDF from the composer; the other sees the photo inline and opens the PDF in the viewer', async () => {
    const channel = await channelFor(`資料共有 ${Date.now()}`, ['1008']);
    const desk = await openChat('desktop', '1001', channel.id);
    const pad = await openChat('ipad', '1008', channel.id);
    const findings: Record<string, string[]> = {};
    const text = `会議資料を送ります ${Date.now()}`;

    await withScreenshotOnFailure(desk.page, 'chat-files', async () => {
      // The photo's upload is held until its progress has been seen.
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let held = false;
      await desk.page.route(`**/api/chat/channels/${channel.id}/files`, async (route) => {
        if (!held) {
          held = true;
          await gate;
        }
        await route.continue();
      });
      await composer(desk.page).locator('input[type=file]').setInputFiles([PHOTO, PDF]);
      const progress = composer(desk.page)
        .getByRole('status')
        .filter({ hasText: 'photo.png を送っています' });
      await progress.waitFor();
      await progress.locator('progress').waitFor();
      expect(await composer(desk.page).getByRole('button', { name: '送信' }).isDisabled()).toBe(true);
      release();
      await composer(desk.page).getByRole('button', { name: 'noembed-sjis.pdfを外す' }).waitFor();
      await composer(desk.page).getByRole('button', { name: 'photo.pngを外す' }).waitFor();
      await progress.waitFor({ state: 'detached' });
      await screenshot(desk.page, 'chat-files-chips-desktop');

      await composer(desk.page).locator('.composer__text').fill(text);
      await composer(desk.page).getByRole('button', { name: '送信' }).click();
      await message(desk.page, text).waitFor();
      expect(await composer(desk.page).locator('.chip').count()).toBe(0);

      // 1008 on the iPad: the photo inline (loaded), the PDF as a card.
      const theirs = message(pad.page, text);
      const photo = theirs.getByRole('img', { name: '画像 photo.png' });
      await photo.waitFor();
      await pad.page.waitForFunction(
        (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0,
        await photo.elementHandle(),
      );
      const card = theirs.getByRole('button', { name: /noembed-sjis\.pdf.*PDFを開く/ });
      expect((await card.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await screenshot(pad.page, 'chat-files-received-ipad');

      // The card opens the shared PDF viewer in a dialog, on page 1 with its Japanese text.
      await card.tap();
      const dialog = pad.page.getByRole('dialog', { name: 'noembed-sjis.pdf' });
      await dialog.waitFor();
      await pageStatus(pad.page).filter({ hasText: '1 ページ中 1 ページ目' }).waitFor();
      await textLayer(pad.page).filter({ hasText: 'あいうえお' }).waitFor();
      await dialog.locator('.pdf-viewer canvas').waitFor();
      await pad.page.locator('.pdf-viewer[aria-busy="false"]').waitFor();
      findings['pdf dialog (ipad)'] = await seriousViolations(pad.page);
      expect(await overflows(pad.page)).toBe(false);
      await screenshot(pad.page, 'chat-files-pdf-ipad');

      // Closing it puts focus back on the card that opened it.
      await dialog.getByRole('button', { name: '閉じる' }).tap();
      await dialog.waitFor({ state: 'hidden' });
      await pad.page.waitForFunction((el) => document.activeElement === el, await card.elementHandle());

      // The sender opens it too on the desktop and closes it with Esc; focus goes back to the card.
      const mine = message(desk.page, text);
      await mine.getByRole('img', { name: '画像 photo.png' }).waitFor();
      const myCard = mine.getByRole('button', { name: /noembed-sjis\.pdf/ });
      await myCard.click();
      const deskDialog = desk.page.getByRole('dialog', { name: 'noembed-sjis.pdf' });
      await textLayer(desk.page).filter({ hasText: 'あいうえお' }).waitFor();
      await desk.page.locator('.pdf-viewer[aria-busy="false"]').waitFor();
      findings['pdf dialog (desktop)'] = await seriousViolations(desk.page);
      await screenshot(desk.page, 'chat-files-pdf-desktop');
      await desk.page.keyboard.press('Escape');
      await deskDialog.waitFor({ state: 'hidden' });
      await desk.page.waitForFunction((el) => document.activeElement === el, await myCard.elementHandle());
    });

    expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length))).toEqual({});
    expect([...desk.errors, ...pad.errors]).toEqual([]);
    await desk.context.close();
    await pad.context.close();
  }, 60_000);

  it('shows presence live: テレワーク中 as the person sets it, オフライン once their last device is gone, who is there first', async () => {
    // Someone who opens no browser in this file (a closed page's socket may linger until Socket.IO's heartbeat)
    // and comes before 1010 by reading, so that only putting who is there first puts 1010 before them.
    const family = async (where: string, params: string[]) =>
      (
        await suite.app.dataSource.query(
          `SELECT staff_number, family_name FROM app_user WHERE ${where} ORDER BY family_name_kana, given_name_kana LIMIT 1`,
          params,
        )
      )[0] as { staff_number: string; family_name: string };
    const [chief, them1010] = [
      await family(`staff_number = $1`, ['1001']),
      await family(`staff_number = $1`, ['1010']),
    ];
    const away = await family(
      `staff_number IN ('1003', '1004', '1006', '1007') AND (family_name_kana, given_name_kana) <
         (SELECT family_name_kana, given_name_kana FROM app_user WHERE staff_number = $1)`,
      ['1010'],
    );
    expect(away).toBeDefined();
    const channel = await channelFor(`在席確認 ${Date.now()}`, [away.staff_number, '1010']);
    const desk = await openChat('desktop', '1001', channel.id);
    const pad = await openChat('ipad', '1010', channel.id);
    await withScreenshotOnFailure(desk.page, 'chat-presence', async () => {
      await desk.page.getByRole('button', { name: 'メンバー 3人' }).click();
      const members = desk.page.getByRole('dialog', { name: 'メンバー' });
      const order = async () =>
        (await members.locator('li').allInnerTexts()).map((text) => text.split(/\s/)[0]);
      const them = members.locator('li').filter({ hasText: them1010.family_name });
      await them.getByText('オンライン').waitFor();
      // Who is there comes first: 1010 (online) before the one who is not.
      expect(await order()).toEqual([chief.family_name, them1010.family_name, away.family_name]);

      // 1010 says テレワーク中 in the chat settings on the iPad; the open member list follows.
      await pad.page.goto(`${suite.app.url}/chat`);
      await pad.page.getByRole('button', { name: 'チャットの設定' }).tap();
      await pad.page.getByLabel('自分の状態').selectOption('telework');
      await them.getByText('テレワーク中').waitFor();
      await screenshot(desk.page, 'chat-presence-desktop');

      // 1010 signs out on the iPad, their only device: the list shows オフライン, in reading order again. (A tab simply
      // closed is noticed when its connection closes, or by Socket.IO's heartbeat within a minute.)
      await pad.page.keyboard.press('Escape'); // closes the settings
      await pad.page.getByRole('dialog').waitFor({ state: 'hidden' });
      await pad.page.getByRole('button', { name: 'サインアウト', exact: true }).first().tap();
      await pad.page.waitForURL(/\/sign-in/);
      await them.getByText('オフライン').waitFor();
      expect(await order()).toEqual([chief.family_name, away.family_name, them1010.family_name]);
      // Set back for the other tests of this run.
      await ok((await api('1010')).put('/api/chat/presence', { presence: 'online' }));
    });
    expect(desk.errors).toEqual([]);
    await desk.context.close();
    await pad.context.close();
  });

  it('pages through many search hits, each with every appearance of the word marked', async () => {
    const channel = await channelFor(`検索確認 ${Date.now()}`, ['1008']);
    const word = `点検${Date.now() % 100000}`;
    for (let i = 1; i <= 23; i++) await post('1001', channel.id, `${word} の報告 ${i}件目（${word}済み）`);
    const desk = await signedIn('desktop', '1008');
    await withScreenshotOnFailure(desk.page, 'chat-search-pages', async () => {
      await desk.page.goto(`${suite.app.url}/chat/search`);
      await desk.page.getByLabel('検索する言葉').fill(word);
      await desk.page.getByRole('button', { name: '検索する' }).click();
      await desk.page.getByText('23件見つかりました').waitFor();
      const hits = desk.page.locator('.chat-search__hit');
      expect(await hits.count()).toBe(20);
      expect(await hits.first().locator('mark').allInnerTexts()).toEqual([word, word]);
      const pager = desk.page.getByRole('navigation', { name: '検索結果のページ' });
      await pager.getByText('23 件中 1〜20 件目').waitFor();
      await pager.getByRole('button', { name: '次へ' }).click();
      await pager.getByText('23 件中 21〜23 件目').waitFor();
      expect(await hits.count()).toBe(3);
      // Newest first: the last page holds the first three sent.
      await hits.filter({ hasText: '1件目' }).waitFor();
      await screenshot(desk.page, 'chat-search-pages-desktop');
    });
    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });

  it('edits and deletes one’s own message live; someone else’s message offers neither', async () => {
    const channel = await channelFor(`編集確認 ${Date.now()}`, ['1008']);
    const theirText = `課長からの連絡です ${Date.now()}`;
    await post('1001', channel.id, theirText);
    const pad = await openChat('ipad', '1008', channel.id);
    const desk = await openChat('desktop', '1001', channel.id);
    const original = `午後の窓口は二人で対応します ${Date.now()}`;
    const edited = `午後の窓口は三人で対応します ${Date.now()}`;

    await withScreenshotOnFailure(pad.page, 'chat-edit', async () => {
      // Someone else's message: reply, draft and copy, but no edit or delete.
      await message(pad.page, theirText).getByRole('button', { name: 'メッセージの操作' }).tap();
      const menu = message(pad.page, theirText).locator('.msg__menu');
      await menu.getByRole('button', { name: 'スレッドで返信' }).waitFor();
      expect(await menu.getByRole('button', { name: '編集' }).count()).toBe(0);
      expect(await menu.getByRole('button', { name: '削除' }).count()).toBe(0);
      await pad.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });

      // 1008 writes, then edits their own message; 1001 sees the new text and （編集済み） live.
      const box = composer(pad.page).locator('.composer__text');
      await box.fill(original);
      await composer(pad.page).getByRole('button', { name: '送信' }).tap();
      await message(desk.page, original).waitFor();
      const mine = message(pad.page, original);
      await mine.getByRole('button', { name: 'メッセージの操作' }).tap();
      await mine.getByRole('button', { name: '編集' }).tap();
      const editor = pad.page.getByLabel('メッセージを編集');
      expect(await editor.inputValue()).toBe(original);
      await editor.fill(edited);
      await screenshot(pad.page, 'chat-edit-ipad');
      await pad.page.getByRole('button', { name: '保存する' }).tap();
      const theirView = message(desk.page, edited);
      await theirView.getByText('（編集済み）').waitFor();
      expect(await message(desk.page, original).count()).toBe(0);
      await message(pad.page, edited).getByText('（編集済み）').waitFor();
      await screenshot(desk.page, 'chat-edited-desktop');

      // Deleting asks first; 1001 then sees 「このメッセージは削除されました」 in its place, live.
      const mineNow = message(pad.page, edited);
      // Cancelling the question first: focus goes back to the message's menu button, not to the page.
      await mineNow.getByRole('button', { name: 'メッセージの操作' }).tap();
      await mineNow.getByRole('button', { name: '削除' }).tap();
      await pad.page
        .getByRole('dialog', { name: 'メッセージの削除' })
        .getByRole('button', { name: 'やめる' })
        .tap();
      await pad.page.waitForFunction(
        () => document.activeElement?.getAttribute('aria-label') === 'メッセージの操作',
      );
      await mineNow.getByRole('button', { name: 'メッセージの操作' }).tap();
      await mineNow.getByRole('button', { name: '削除' }).tap();
      const confirm = pad.page.getByRole('dialog', { name: 'メッセージの削除' });
      await confirm.getByText('このメッセージを削除しますか。元に戻せません。').waitFor();
      await screenshot(pad.page, 'chat-delete-confirm-ipad');
      await confirm.getByRole('button', { name: '削除' }).tap();
      await confirm.waitFor({ state: 'hidden' });
      await desk.page
        .locator('.chat__timeline .msg__deleted', { hasText: 'このメッセージは削除されました' })
        .waitFor();
      await pad.page
        .locator('.chat__timeline .msg__deleted', { hasText: 'このメッセージは削除されました' })
        .waitFor();
      expect(await message(desk.page, edited).count()).toBe(0);
      await screenshot(desk.page, 'chat-deleted-desktop');
      const { items } = await ok(
        (await api('1001')).get<{ items: MessageLike[] }>(
          `/api/chat/channels/${channel.id}/messages?limit=100`,
        ),
      );
      const gone = items.filter((m) => m.deletedAt !== null);
      expect(gone).toHaveLength(1);
      expect(gone[0]!.text).not.toContain('三人');
    });

    expect([...desk.errors, ...pad.errors]).toEqual([]);
    await desk.context.close();
    await pad.context.close();
  }, 60_000);

  it.each([
    ['desktop', '1001'],
    ['ipad', '1005'],
  ] as const)(
    'turns a message into a draft 起案 on the %s',
    async (viewport, staffNumber) => {
      const channel = await channelFor(`起案相談 ${viewport} ${Date.now()}`, ['1008', staffNumber]);
      const firstLine = `防災訓練の実施について ${Date.now()}`;
      const rest = '10月15日に本庁舎で実施します。\n参加者の取りまとめをお願いします。';
      await post('1008', channel.id, `${firstLine}\n${rest}`);
      const session = await openChat(viewport, staffNumber, channel.id);
      const { page } = session;

      await withScreenshotOnFailure(page, `chat-draft-${viewport}`, async () => {
        const theirs = message(page, firstLine);
        await theirs.getByRole('button', { name: 'メッセージの操作' })[tap(viewport)]();
        await theirs.getByRole('button', { name: '起案にする' })[tap(viewport)]();
        await page.waitForURL(/\/approvals\/[0-9a-f-]+\/edit$/);
        const documentId = /\/approvals\/([0-9a-f-]+)\/edit$/.exec(page.url())![1]!;
        const title = page.getByLabel('件名');
        await page.waitForFunction(
          (el) => el instanceof HTMLInputElement && el.value !== '',
          await title.elementHandle(),
        );
        expect(await title.inputValue()).toBe(firstLine);
        await screenshot(page, `chat-draft-${viewport}`);

        const doc = await ok(
          (await api(staffNumber)).get<{ title: string; status: string; body: string }>(
            `/api/approvals/documents/${documentId}`,
          ),
        );
        expect(doc.title).toBe(firstLine);
        expect(doc.status).toBe('draft');
        expect(doc.body).toContain(firstLine);
        expect(doc.body).toContain('10月15日に本庁舎で実施します。');
        expect(doc.body).toContain('参加者の取りまとめをお願いします。');
        expect(doc.body).toContain(`/chat/${channel.id}`);
      });

      expect(session.errors).toEqual([]);
      await session.context.close();
    },
    60_000,
  );

  it.each(['desktop', 'ipad'] as const)(
    'shows the chat in English on the %s',
    async (viewport) => {
      const channel = await channelFor(`広報誌の校正 ${viewport} ${Date.now()}`, ['1010']);
      const userText = `校正は金曜日までにお願いします ${Date.now()}`;
      await post('1001', channel.id, userText);
      const session = await signedIn(viewport, '1010');
      const { page } = session;
      const findings: Record<string, string[]> = {};

      await withScreenshotOnFailure(page, `chat-english-${viewport}`, async () => {
        try {
          await english();
        } finally {
          // The choice is saved for the person: back to Japanese for the other tests, whatever happened.
          await ok((await api('1010')).patch('/api/me', { locale: 'ja' }));
        }
      });

      async function english(): Promise<void> {
        await page.goto(`${suite.app.url}/chat`);
        await page.getByRole('button', { name: 'English' })[tap(viewport)]();
        await page.locator('html[lang="en"]').waitFor();

        // The list.
        await page.getByRole('link', { name: 'Search chat' }).waitFor();
        await page.getByRole('button', { name: /Create a channel/ }).waitFor();
        await page.getByRole('button', { name: /Message someone/ }).waitFor();
        await page.getByRole('heading', { name: 'Direct messages' }).waitFor();
        expect(await japaneseLeft(page, [channel.name])).toEqual([]);
        expect(await overflows(page)).toBe(false);
        await screenshot(page, `chat-english-list-${viewport}`);

        // A channel, the message's menu and the composer.
        await page.getByRole('link', { name: new RegExp(channel.name) })[tap(viewport)]();
        await page.waitForURL(`${suite.app.url}/chat/${channel.id}`);
        const theirs = message(page, userText);
        await theirs.waitFor();
        await page.getByRole('button', { name: '2 members' }).waitFor();
        await page.getByText('Private', { exact: true }).waitFor();
        const box = composer(page).locator('.composer__text');
        expect(await box.getAttribute('placeholder')).toBe(`Message to ${channel.name}`);
        await composer(page).getByText('Attach files').waitFor();
        await composer(page).getByText('Ask everyone to confirm').waitFor();
        await composer(page).getByRole('button', { name: 'Send' }).waitFor();
        await theirs.getByRole('button', { name: 'Message actions' })[tap(viewport)]();
        for (const action of ['Reply in thread', 'Make a draft', 'Copy link'])
          await theirs.getByRole('button', { name: action }).waitFor();
        expect(await theirs.getByText(userText).count()).toBe(1); // as written
        expect(await japaneseLeft(page, [channel.name, userText])).toEqual([]);
        await page.keyboard.press('Escape');
        await page.waitForLoadState('networkidle');
        findings[`channel (${viewport})`] = await seriousViolations(page);
        expect(await overflows(page)).toBe(false);
        expect(await smallTargets(page, '.chat__main')).toEqual([]);
        await screenshot(page, `chat-english-channel-${viewport}`);

        // The chat settings dialog too.
        if (viewport === 'ipad') await page.getByRole('link', { name: /Back to the list/ }).tap();
        const opener = page.getByRole('button', { name: /Chat settings/ });
        await opener[tap(viewport)]();
        const settings = page.getByRole('dialog', { name: 'Chat settings' });
        await settings.getByRole('heading', { name: 'Browser notifications' }).waitFor();
        expect(await japaneseLeft(page, [channel.name, userText], '.dialog[open]')).toEqual([]);
        await settings.getByRole('button', { name: 'Close' })[tap(viewport)]();
        await settings.waitFor({ state: 'hidden' });
        await page.waitForFunction((el) => document.activeElement === el, await opener.elementHandle());

        // Back to Japanese with the switch.
        await page.getByRole('button', { name: '日本語' })[tap(viewport)]();
        await page.locator('html[lang="ja"]').waitFor();
      }

      expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length))).toEqual({});
      expect(session.errors).toEqual([]);
      await session.context.close();
    },
    60_000,
  );

  it('shows a browser notification for a mention only while the tab is hidden, once enabled in the settings', async () => {
    const channel = await channelFor(`通知確認 ${Date.now()}`, ['1010']);
    const session = await openSession(suite.browser, 'desktop');
    const { page, context } = session;
    await context.grantPermissions(['notifications'], { origin: suite.app.url });
    // Before the app loads: a Notification that records what it is given, whose permission is still to be asked
    // for (the browser grants it when asked), and a visibility the test can turn to hidden.
    await page.addInitScript(() => {
      const w = window as unknown as {
        Notification: typeof Notification;
        __shown: { title: string; body?: string; tag?: string }[];
        __hidden: boolean;
      };
      const Real = w.Notification;
      let asked = false;
      w.__shown = [];
      w.__hidden = false;
      class Recording extends Real {
        constructor(title: string, options?: NotificationOptions) {
          w.__shown.push({ title, body: options?.body, tag: options?.tag });
          super(title, options);
        }
        static override get permission(): NotificationPermission {
          return asked ? Real.permission : 'default';
        }
        static override requestPermission(): Promise<NotificationPermission> {
          asked = true;
          return Real.requestPermission();
        }
      }
      w.Notification = Recording;
      Object.defineProperty(Document.prototype, 'visibilityState', {
        configurable: true,
        get: () => (w.__hidden ? 'hidden' : 'visible'),
      });
      Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => w.__hidden });
    });
    const shown = () =>
      page.evaluate(() => (window as unknown as { __shown: { title: string; body?: string }[] }).__shown);
    const id1010 = await userId('1010');

    await withScreenshotOnFailure(page, 'chat-notification', async () => {
      await signedIn('desktop', '1010', session);
      await page.goto(`${suite.app.url}/chat`);
      await page.getByRole('button', { name: /チャットの設定/ }).click();
      const settings = page.getByRole('dialog', { name: 'チャットの設定' });
      await settings.getByRole('button', { name: 'ブラウザの通知を受け取る' }).click();
      await settings.getByText('ブラウザの通知は有効です。').waitFor();
      await screenshot(page, 'chat-notification-settings-desktop');
      await settings.getByRole('button', { name: '閉じる' }).click();

      // Visible tab: the mention shows in the app (badge, one more unread お知らせ) but not in the browser's.
      const bell = page.getByRole('button', { name: /^お知らせ（/ });
      const unread = async () =>
        Number(/未読(\d+)件/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
      const before = await unread();
      await post('1001', channel.id, `<@${id1010}> 見えている間の連絡です`);
      await page
        .getByRole('link', { name: new RegExp(`${channel.name}.*あなたへのメンション 1件`) })
        .waitFor();
      await page.getByRole('button', { name: `お知らせ（未読${before + 1}件）` }).waitFor();
      expect(await shown()).toEqual([]);

      // Hidden tab: the next mention is shown by the browser, with the sender, channel and text.
      await page.evaluate(() => {
        (window as unknown as { __hidden: boolean }).__hidden = true;
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await post('1001', channel.id, `<@${id1010}> 明日の朝礼で報告してください`);
      await page.waitForFunction(
        () => (window as unknown as { __shown: unknown[] }).__shown.length > 0,
        undefined,
        { timeout: 15_000 },
      );
      const list = await shown();
      expect(list).toHaveLength(1);
      expect(list[0]!.title).toMatch(new RegExp(`さんがあなた宛てに書きました（${channel.name}）$`));
      expect(list[0]!.body).toContain('明日の朝礼で報告してください');
    });

    expect(session.errors).toEqual([]);
    await context.close();
  }, 60_000);
});

/**
 * Text in the chat's own UI (text, labels, placeholders) that is Japanese, leaving out what people wrote
 * (message bodies, names, channel names and topics, `userContent`).
 */
async function japaneseLeft(page: Page, userContent: string[], scope = '.chat'): Promise<string[]> {
  return page.locator(scope).evaluateAll((roots, content) => {
    // Kana, kanji, Japanese punctuation and full-width brackets (the decorative ＋ of some buttons is not text).
    const japanese = /[\u3000-\u30ff\u3400-\u9fff\uff08\uff09\uff0c\uff1a\uff1f]/;
    const people = '.msg__body, .msg__author, .msg__dept, .chat__channel-name, .chat__topic, .chat-mention';
    const isContent = (s: string) => content.some((c) => s.trim() === c || s.trim() === `# ${c}`);
    const found: string[] = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const s = node.textContent ?? '';
        if (!japanese.test(s) || isContent(s) || node.parentElement?.closest(people)) continue;
        found.push(s.trim());
      }
      for (const el of Array.from(root.querySelectorAll('[aria-label], [placeholder], [title]'))) {
        for (const name of ['aria-label', 'placeholder', 'title']) {
          const value = el.getAttribute(name);
          if (!value || !japanese.test(value) || isContent(value) || el.closest(people)) continue;
          if (content.some((c) => value.includes(c)) && name !== 'aria-label') continue;
          found.push(`${name}=${value}`);
        }
      }
    }
    return found;
  }, userContent);
}
