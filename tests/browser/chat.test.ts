import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { browserSuite, demoApi, ok, screenshot, seriousViolations, withScreenshotOnFailure } from './support';
import { chatKit, message } from './chat-support';

/**
 * 業務チャット in the web app: the 総務課長 (1001) on the desktop and a staff member (1008) on the iPad in one
 * channel — live delivery, a thread, a mention, a reaction, search; markdown that tries to run script stays
 * inert; a message written offline is delivered once; a 確認 request.
 */
const suite = browserSuite();
const { userId, api, channelFor, openChat } = chatKit(suite);

interface MessageLike {
  id: string;
  text: string;
}

/** Waits until `check` holds (no fixed sleeps). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const composer = (page: Page, inThread = false) =>
  page.locator(inThread ? '.chat__thread .composer__text' : '.chat__main .composer__text');

async function messagesWith(channelId: string, text: string): Promise<MessageLike[]> {
  const api = await demoApi(suite.app, '1001');
  const page = await ok(
    api.get<{ items: MessageLike[] }>(`/api/chat/channels/${channelId}/messages?limit=100`),
  );
  return page.items.filter((m) => m.text === text);
}

describe('chat in the web app', () => {
  it('delivers live between desktop and iPad, with a thread, a mention, a reaction and search in context', async () => {
    const channel = await channelFor(`企画連絡 ${Date.now()}`, ['1008']);
    const findings: Record<string, string[]> = {};
    const desk = await openChat('desktop', '1001', channel.id);
    const pad = await openChat('ipad', '1008', channel.id);
    const first = `明日の会議は10時からです ${Date.now()}`;

    await withScreenshotOnFailure(desk.page, 'chat-live', async () => {
      // 1001 sends with Enter; 1008 sees it at once.
      await composer(desk.page).fill(first);
      await composer(desk.page).press('Enter');
      await message(desk.page, first).waitFor();
      await message(pad.page, first).waitFor();
      expect(await message(desk.page, first).locator('.msg__status').count()).toBe(0);

      // 1008 replies in a thread (message actions menu → スレッドで返信) on the iPad.
      await message(pad.page, first).getByRole('button', { name: 'メッセージの操作' }).tap();
      await pad.page.getByRole('button', { name: 'スレッドで返信' }).tap();
      await composer(pad.page, true).fill('承知しました。資料を持っていきます。');
      await pad.page.locator('.chat__thread').getByRole('button', { name: '送信' }).tap();
      await pad.page.locator('.chat__thread .msg').filter({ hasText: '承知しました' }).waitFor();
      await message(desk.page, first).getByRole('button', { name: '1件の返信' }).waitFor();
      await pad.page.waitForLoadState('networkidle');
      findings['thread (ipad)'] = await seriousViolations(pad.page);
      await screenshot(pad.page, 'chat-thread-ipad');

      // 1008 leaves for the channel list; 1001 mentions them through the @-autocomplete.
      await pad.page.getByRole('button', { name: 'スレッドを閉じる' }).tap();
      await pad.page.getByRole('link', { name: /一覧に戻る/ }).tap();
      await pad.page.waitForURL(`${suite.app.url}/chat`);
      const members = await ok(
        (await api('1001')).get<{ items: { person: { id: string; name: string } }[] }>(
          `/api/chat/channels/${channel.id}/members`,
        ),
      );
      const id1008 = await userId('1008');
      const name1008 = members.items.find((m) => m.person.id === id1008)!.person.name;
      await composer(desk.page).fill('');
      await composer(desk.page).pressSequentially(`@${name1008.slice(0, 1)}`);
      const option = desk.page.getByRole('option', { name: name1008 });
      await option.waitFor();
      await option.click();
      await composer(desk.page).pressSequentially('さん 資料の確認をお願いします');
      expect(await composer(desk.page).inputValue()).toBe(`@${name1008} さん 資料の確認をお願いします`);
      await composer(desk.page).press('Enter');
      await desk.page
        .locator('.chat__timeline .chat-mention')
        .filter({ hasText: `@${name1008}` })
        .waitFor();

      // The mentioned one sees a mention badge in the channel list and on the チャット entry.
      await pad.page
        .getByRole('link', { name: new RegExp(`${channel.name}.*あなたへのメンション 1件`) })
        .waitFor();
      await pad.page.locator('.shell-nav__badge--mention').waitFor();
      await pad.page.waitForLoadState('networkidle');
      findings['list (ipad)'] = await seriousViolations(pad.page);
      await screenshot(pad.page, 'chat-list-ipad');

      // 1008 opens the channel (the mention is shown highlighted for them) and reacts with 👍.
      await pad.page.getByRole('link', { name: new RegExp(channel.name) }).tap();
      await pad.page.locator('.chat-mention--me').waitFor();
      await pad.page.locator('.chat__unread-line').waitFor();
      await message(pad.page, first).getByRole('button', { name: 'リアクションを選ぶ' }).tap();
      await message(pad.page, first).getByRole('button', { name: '👍' }).tap();
      await message(desk.page, first)
        .getByRole('button', { name: /👍 1人/ })
        .waitFor();
      // Opening the channel marked it read for 1008 (the server agrees).
      const reader = await api('1008');
      await until(async () => {
        const mine = await ok(
          reader.get<{ items: { id: string; unreadCount: number; mentionCount: number }[] }>(
            '/api/chat/channels',
          ),
        );
        const it = mine.items.find((c) => c.id === channel.id);
        return it?.unreadCount === 0 && it.mentionCount === 0;
      }, 'the channel to be read by 1008');
      await pad.page.waitForLoadState('networkidle');
      findings['channel (ipad)'] = await seriousViolations(pad.page);
      await screenshot(pad.page, 'chat-channel-ipad');
      await desk.page.waitForLoadState('networkidle');
      findings['channel (desktop)'] = await seriousViolations(desk.page);
      await screenshot(desk.page, 'chat-channel-desktop');

      // Search 「会議」 finds the first message; opening the hit shows it in context, highlighted.
      await desk.page.getByRole('link', { name: /チャットを検索/ }).click();
      await desk.page.getByLabel('検索する言葉').fill('会議');
      await desk.page.getByRole('button', { name: '検索する' }).click();
      const hit = desk.page.locator('.chat-search__hit').filter({ hasText: first.slice(-13) });
      await hit.locator('mark', { hasText: '会議' }).waitFor();
      // Every appearance of the word in a snippet is marked (the demo town's welcome in 全庁 has it twice).
      const twice = desk.page.locator('.chat-search__hit').filter({ hasText: '会議のページ' });
      expect(await twice.locator('mark').allInnerTexts()).toEqual(['会議', '会議']);
      await desk.page.waitForLoadState('networkidle');
      findings['search (desktop)'] = await seriousViolations(desk.page);
      await screenshot(desk.page, 'chat-search-desktop');
      await hit.click();
      await desk.page.waitForURL(/\/chat\/[0-9a-f-]+\?message=/);
      await desk.page.locator('.msg--highlight').filter({ hasText: first }).waitFor();
    });

    expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length))).toEqual({});
    expect([...desk.errors, ...pad.errors]).toEqual([]);
    await desk.context.close();
    await pad.context.close();
  });

  it('renders markdown that tries to run script as inert, readable text', async () => {
    const channel = await channelFor(`XSS確認 ${Date.now()}`, ['1008']);
    const api1001 = await api('1001');
    const text = [
      '<script>window.__x=1</script>',
      '[click](javascript:window.__x=2)',
      '<img src=x onerror="window.__x=3">',
      '![a](javascript:alert(1))',
      '**太字** と https://example.jp/page',
    ].join('\n\n');
    await ok(
      api1001.post(`/api/chat/channels/${channel.id}/messages`, { clientId: randomUUID(), text }),
      201,
    );
    const reader = await openChat('desktop', '1008', channel.id);
    await withScreenshotOnFailure(reader.page, 'chat-xss', async () => {
      const { page } = reader;
      const body = page.locator('.chat__timeline .msg__body').first();
      await body.getByText('window.__x=1', { exact: false }).waitFor();
      expect(await page.locator('.chat__timeline script').count()).toBe(0);
      expect(await page.locator('.chat__timeline img').count()).toBe(0);
      expect(await page.locator('.chat__timeline [onerror]').count()).toBe(0);
      expect(await page.locator('.chat__timeline a[href^="javascript:" i]').count()).toBe(0);
      await body.getByText(/click/).first().click();
      expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();
      // Still readable; the safe link opens in a new tab without the opener.
      expect(await body.innerText()).toContain('onerror');
      await body.locator('strong', { hasText: '太字' }).waitFor();
      const safe = body.locator('a[href="https://example.jp/page"]');
      expect(await safe.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await safe.getAttribute('target')).toBe('_blank');
    });
    expect(reader.errors).toEqual([]);
    await reader.context.close();
  });

  it('keeps a message written offline pending and delivers it exactly once when back online', async () => {
    const channel = await channelFor(`オフライン確認 ${Date.now()}`, ['1008']);
    const writer = await openChat('desktop', '1001', channel.id);
    const text = `電波の届かない所で書きました ${Date.now()}`;
    await withScreenshotOnFailure(writer.page, 'chat-offline', async () => {
      const { page, context } = writer;
      await page.locator('.composer__text').waitFor();
      await context.setOffline(true);
      await composer(page).fill(text);
      await composer(page).press('Enter');
      const pending = page.locator('.msg--pending').filter({ hasText: text });
      await pending.waitFor();
      await pending.getByText(/送信待ち|送信中/).waitFor();
      await screenshot(page, 'chat-offline-pending-desktop');
      expect(await messagesWith(channel.id, text)).toHaveLength(0);
      await context.setOffline(false);
      await pending.waitFor({ state: 'detached', timeout: 30_000 });
      await message(page, text).waitFor();
      expect(await messagesWith(channel.id, text)).toHaveLength(1);
      expect(await message(page, text).count()).toBe(1);
    });
    await writer.context.close();
  });

  it('asks for confirmation: the sender sees who has not confirmed, the other taps 確認しました', async () => {
    const channel = await channelFor(`確認依頼 ${Date.now()}`, ['1008']);
    await ok((await api('1001')).patch(`/api/chat/channels/${channel.id}`, { receiptsEnabled: true }));
    const sender = await openChat('desktop', '1001', channel.id);
    const reader = await openChat('ipad', '1008', channel.id);
    const text = `来週の当番表を確認してください ${Date.now()}`;
    await withScreenshotOnFailure(sender.page, 'chat-ack', async () => {
      await composer(sender.page).fill(text);
      await sender.page.getByLabel('確認を求める').check();
      await sender.page.getByRole('button', { name: '送信' }).click();
      const mine = message(sender.page, text);
      // Read receipts are on: the reader's open screen reads it, and the sender's 既読 follows live.
      await mine.getByText('既読 1').waitFor();
      await mine.getByRole('button', { name: '確認済み 0人／未確認 1人' }).click();
      const dialog = sender.page.getByRole('dialog', { name: '確認の状況' });
      await dialog.getByText('まだ確認していない人（1）').waitFor();
      await dialog.getByRole('button', { name: '未確認の人に再通知' }).click();
      await dialog.getByText('1人に再通知しました。').waitFor();
      await screenshot(sender.page, 'chat-ack-desktop');
      await dialog.getByRole('button', { name: '閉じる' }).click();

      const theirs = message(reader.page, text);
      await theirs.getByRole('button', { name: '確認しました' }).tap();
      await theirs.getByRole('button', { name: '確認済み' }).waitFor();
      expect(await theirs.getByRole('button', { name: '確認済み' }).isDisabled()).toBe(true);
      const box = await theirs.getByRole('button', { name: '確認済み' }).boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await screenshot(reader.page, 'chat-ack-ipad');
      await mine.getByRole('button', { name: '確認済み 1人／未確認 0人' }).waitFor();
    });
    expect([...sender.errors, ...reader.errors]).toEqual([]);
    await sender.context.close();
    await reader.context.close();
  });
});
