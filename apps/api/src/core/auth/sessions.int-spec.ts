import { ACTIVITY_PATH, parseSessionTime, SESSION_TIME_HEADER, type SessionTime } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { signedInClient, TEST_PASSWORD } from '../../../../../tests/support/factories';
import type { TestResponse } from '../../../../../tests/support/http';

/** A short idle timeout (2 minutes); time is moved by setting `last_seen_at` back in the database. */
const IDLE_SECONDS = 120;

function timeOf(res: TestResponse): SessionTime {
  const time = parseSessionTime(res.headers.get(SESSION_TIME_HEADER));
  if (!time) throw new Error(`no ${SESSION_TIME_HEADER} header on ${res.status}`);
  return time;
}

describe('session time and what keeps a session alive', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: String(IDLE_SECONDS / 60), SESSION_ABSOLUTE_HOURS: '12' });
  });
  afterAll(() => t.close());

  const seenAgo = (userId: string, seconds: number) =>
    t.dataSource.query(
      `UPDATE user_session SET last_seen_at = now() - make_interval(secs => $2)
        WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, seconds],
    );
  const lastSeen = async (userId: string): Promise<number> => {
    const rows: { last_seen_at: Date }[] = await t.dataSource.query(
      'SELECT last_seen_at FROM user_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [userId],
    );
    return rows[0].last_seen_at.getTime();
  };

  it('tells with every signed-in answer how long the session has left, from what the server stored', async () => {
    const user = await signedInClient(t);
    const me = await user.client.get('/api/me');
    expect(me.status).toBe(200);
    expect(timeOf(me).idleSeconds).toBeGreaterThanOrEqual(IDLE_SECONDS - 10);
    expect(timeOf(me).absoluteSeconds).toBeGreaterThan(12 * 3600 - 10);

    // The server last saw the person 50 s ago (a request that did not refresh it): 70 s are left, not 120.
    await seenAgo(user.user.id, 50);
    const later = await user.client.get('/api/me');
    expect(later.status).toBe(200);
    expect(timeOf(later).idleSeconds).toBeGreaterThanOrEqual(IDLE_SECONDS - 50 - 10);
    expect(timeOf(later).idleSeconds).toBeLessThanOrEqual(IDLE_SECONDS - 50);
  });

  it('answers the sign-in with the new session’s time', async () => {
    const { client, user } = await signedInClient(t);
    const again = await client.post('/api/auth/sign-in', {
      staffNumber: user.staffNumber,
      password: TEST_PASSWORD,
    });
    expect(again.status).toBe(200);
    expect(timeOf(again).idleSeconds).toBeGreaterThanOrEqual(IDLE_SECONDS - 10);
  });

  it('starts the idle time again on an activity report, however recent the last one (作業を続ける always succeeds)', async () => {
    const { client, user } = await signedInClient(t);
    // 10 s left: the warning is showing.
    await seenAgo(user.id, IDLE_SECONDS - 10);
    const kept = await client.post(ACTIVITY_PATH);
    expect(kept.status).toBe(204);
    expect(timeOf(kept).idleSeconds).toBeGreaterThanOrEqual(IDLE_SECONDS - 10);
    expect(Date.now() - (await lastSeen(user.id))).toBeLessThan(5_000);

    // Seen 30 s ago: a report refreshes it all the same (no "at most every 60 s" on the server).
    await seenAgo(user.id, 30);
    const again = await client.post(ACTIVITY_PATH);
    expect(again.status).toBe(204);
    expect(timeOf(again).idleSeconds).toBeGreaterThanOrEqual(IDLE_SECONDS - 10);
  });

  it('keeps a session alive past the idle timeout by activity reports, but not by reads and polling', async () => {
    const active = await signedInClient(t);
    const forgotten = await signedInClient(t);
    // Three times, each when only 10 s were left: 3 × 110 s, well past the 120 s idle timeout in all.
    for (let i = 0; i < 3; i++) {
      await seenAgo(active.user.id, IDLE_SECONDS - 10);
      await seenAgo(forgotten.user.id, IDLE_SECONDS - 10);
      expect((await active.client.post(ACTIVITY_PATH)).status).toBe(204);
      // The forgotten tab polls meanwhile: each answer is fine, but none keeps the session alive.
      const before = await lastSeen(forgotten.user.id);
      for (let poll = 0; poll < 3; poll++) expect((await forgotten.client.get('/api/me')).status).toBe(200);
      expect(await lastSeen(forgotten.user.id)).toBe(before);
    }
    expect((await active.client.get('/api/me')).status).toBe(200);

    await seenAgo(forgotten.user.id, IDLE_SECONDS + 1);
    await seenAgo(active.user.id, IDLE_SECONDS - 10);
    const ended = await forgotten.client.get<{ code: string }>('/api/me');
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe('auth/session_expired');
    expect((await active.client.get('/api/me')).status).toBe(200);
  });

  it('refuses an activity report once the session is over, and ends the session', async () => {
    const { client, user } = await signedInClient(t);
    await seenAgo(user.id, IDLE_SECONDS + 1);
    const late = await client.post<{ code: string }>(ACTIVITY_PATH);
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('auth/session_expired');
    const rows: { revoked_reason: string | null }[] = await t.dataSource.query(
      'SELECT revoked_reason FROM user_session WHERE user_id = $1',
      [user.id],
    );
    expect(rows.map((r) => r.revoked_reason)).toEqual(['expired']);
  });

  it('cannot put off the absolute lifetime: activity restarts the idle time only', async () => {
    const { client, user } = await signedInClient(t);
    await t.dataSource.query(
      `UPDATE user_session SET expires_at = now() + interval '30 seconds' WHERE user_id = $1`,
      [user.id],
    );
    const kept = await client.post(ACTIVITY_PATH);
    expect(kept.status).toBe(204);
    expect(timeOf(kept).absoluteSeconds).toBeLessThanOrEqual(30);
    expect(timeOf(kept).absoluteSeconds).toBeGreaterThanOrEqual(20);
  });

  it('needs a session and the CSRF header for an activity report', async () => {
    expect((await t.client().post(ACTIVITY_PATH)).status).toBe(401);
    const { client } = await signedInClient(t);
    expect((await client.request('POST', ACTIVITY_PATH, { csrf: false })).status).toBe(403);
  });
});
