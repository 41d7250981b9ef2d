import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import type { TestClient } from '../support/http';
import { demoApi, ok, openSession, signIn, type Session, type ViewportName } from './support';
import type { TestApp } from '../support/app';
import type { Browser } from 'playwright-core';

export interface ChannelLike {
  id: string;
  name: string;
}

/** A chat message line of the timeline holding this text. */
export const message = (page: Page, text: string) =>
  page.locator('.chat__timeline .msg').filter({ hasText: text });

/**
 * What the chat browser tests share, over one suite (its app and browser): people's ids, one signed-in API client
 * per person (signing in again and again would trip the sign-in rate limit), a private channel of 1001, and a
 * device signed in with a channel open.
 */
export function chatKit(suite: { readonly app: TestApp; readonly browser: Browser }) {
  const clients = new Map<string, TestClient>();

  async function userId(staffNumber: string): Promise<string> {
    const [row] = await suite.app.dataSource.query(`SELECT id FROM app_user WHERE staff_number = $1`, [
      staffNumber,
    ]);
    return row.id as string;
  }

  async function api(staffNumber: string): Promise<TestClient> {
    let client = clients.get(staffNumber);
    if (!client) {
      client = await demoApi(suite.app, staffNumber);
      clients.set(staffNumber, client);
    }
    return client;
  }

  /** A private channel of 1001 with the people given. */
  async function channelFor(name: string, members: string[]): Promise<ChannelLike> {
    const memberIds = await Promise.all(members.map(userId));
    return ok(
      (await api('1001')).post<ChannelLike>('/api/chat/channels', { name, kind: 'private', memberIds }),
      201,
    );
  }

  async function signedIn(viewport: ViewportName, staffNumber: string, session?: Session): Promise<Session> {
    const opened = session ?? (await openSession(suite.browser, viewport));
    await signIn(opened.page, suite.app.url, staffNumber, DEMO_PASSWORD);
    await opened.page.waitForURL(`${suite.app.url}/`);
    return opened;
  }

  /** A device of the person, signed in, with the channel open. */
  async function openChat(viewport: ViewportName, staffNumber: string, channelId: string): Promise<Session> {
    const session = await signedIn(viewport, staffNumber);
    await session.page.goto(`${suite.app.url}/chat/${channelId}`);
    await session.page.locator('.chat__timeline').waitFor();
    return session;
  }

  return { userId, api, channelFor, signedIn, openChat };
}
