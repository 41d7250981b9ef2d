import { SESSION_COOKIE, type Me, type SessionList } from '@ringi/contracts';
import { SessionsService } from '../../core/auth/sessions.service';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { TEST_PASSWORD, makeUser, signedInClient } from '../../../../../tests/support/factories';
import { asError } from '../../../../../tests/support/http';

describe('identity (sign-in, sessions, lockout)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_LOCK_THRESHOLD: '3', SESSION_IDLE_MINUTES: '30' });
  });
  afterAll(() => t.close());

  it('signs in with staff number and password and sets an httpOnly SameSite session cookie', async () => {
    const user = await makeUser(t);
    const client = t.client();
    const res = await client.post<Me>('/api/auth/sign-in', {
      staffNumber: user.staffNumber,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.staffNumber).toBe(user.staffNumber);
    expect(res.body.memberships).toHaveLength(1);
    expect(res.body.memberships[0].departmentName).toBe('テスト課');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('issues a new session token at every sign-in and ends the one the browser had', async () => {
    const user = await makeUser(t);
    const client = t.client();
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    const first = client.sessionToken;
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    expect(client.sessionToken).not.toBe(first);
    const stale = t.client();
    stale.sessionToken = first;
    expect((await stale.get('/api/me')).status).toBe(401);
  });

  it('answers a wrong password with 401 in the user language and audits the failure', async () => {
    const user = await makeUser(t);
    const res = await t
      .client({ locale: 'en' })
      .post('/api/auth/sign-in', { staffNumber: user.staffNumber, password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(asError(res)).toEqual({
      code: 'auth/invalid_credentials',
      message: 'The staff number or password is wrong.',
    });
    const ja = await t
      .client()
      .post('/api/auth/sign-in', { staffNumber: 'nobody', password: 'wrong-password' });
    expect(asError(ja).message).toBe('職員番号またはパスワードが違います。');
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE type = 'auth.sign_in_failed' AND subject = $1`,
      [user.staffNumber],
    );
    expect(count).toBe(1);
  });

  it('locks the account after repeated failures, even for the right password, until an admin sets a new one', async () => {
    const user = await makeUser(t);
    const client = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (
          await client.post('/api/auth/sign-in', {
            staffNumber: user.staffNumber,
            password: 'nope-nope-nope',
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 423]);
    const locked = await client.post('/api/auth/sign-in', {
      staffNumber: user.staffNumber,
      password: TEST_PASSWORD,
    });
    expect(locked.status).toBe(423);
    expect(asError(locked).code).toBe('auth/locked');

    const { client: admin } = await signedInClient(t, { role: 'admin' });
    expect(
      (await admin.put(`/api/org/staff/${user.id}/password`, { password: 'a-brand-new-password' })).status,
    ).toBe(204);
    expect(
      (
        await client.post('/api/auth/sign-in', {
          staffNumber: user.staffNumber,
          password: 'a-brand-new-password',
        })
      ).status,
    ).toBe(200);
  });

  it('rate-limits repeated sign-in attempts for one staff number from one address with 429', async () => {
    const client = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await client.post('/api/auth/sign-in', { staffNumber: 'NO-SUCH-1', password: 'guess-guess' }))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Colleagues behind the same address (VDI) can still sign in.
    const user = await makeUser(t);
    expect(
      (await client.post('/api/auth/sign-in', { staffNumber: user.staffNumber, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('refuses state-changing requests without the CSRF header', async () => {
    const user = await makeUser(t);
    const client = t.client();
    const res = await client.request('POST', '/api/auth/sign-in', {
      json: { staffNumber: user.staffNumber, password: TEST_PASSWORD },
      csrf: false,
    });
    expect(res.status).toBe(403);
    expect(asError(res).code).toBe('request/csrf');
  });

  it('ends a session after the idle timeout', async () => {
    const { client } = await signedInClient(t);
    await t.dataSource.query(
      `UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE revoked_at IS NULL AND token_hash = encode(sha256($1::bytea), 'hex')`,
      [client.sessionToken],
    );
    const res = await client.get('/api/me');
    expect(res.status).toBe(401);
    expect(asError(res).code).toBe('auth/session_expired');
  });

  it('ends a session at its absolute lifetime even when active', async () => {
    const { client } = await signedInClient(t);
    await t.dataSource.query(
      `UPDATE user_session SET expires_at = now() - interval '1 second' WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [client.sessionToken],
    );
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('lists one’s own sessions and signs out the other devices', async () => {
    const user = await makeUser(t);
    const desk = t.client();
    const ipad = t.client();
    await desk.signIn(user.staffNumber, TEST_PASSWORD);
    await ipad.signIn(user.staffNumber, TEST_PASSWORD);
    const list = await desk.get<SessionList>('/api/me/sessions');
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.filter((s) => s.current)).toHaveLength(1);
    const res = await desk.post<{ revoked: number }>('/api/me/sessions/revoke-others');
    expect(res.body.revoked).toBe(1);
    expect((await ipad.get('/api/me')).status).toBe(401);
    expect((await desk.get('/api/me')).status).toBe(200);
  });

  it('does not let a person end someone else’s session', async () => {
    const { client: a } = await signedInClient(t);
    const { client: b } = await signedInClient(t);
    const other = (await b.get<SessionList>('/api/me/sessions')).body.items[0];
    expect((await a.delete(`/api/me/sessions/${other.id}`)).status).toBe(404);
    expect((await b.get('/api/me')).status).toBe(200);
  });

  it('changes the password, signs out the other sessions and rejects a wrong current password', async () => {
    const user = await makeUser(t);
    const a = t.client();
    const b = t.client();
    await a.signIn(user.staffNumber, TEST_PASSWORD);
    await b.signIn(user.staffNumber, TEST_PASSWORD);
    const wrong = await a.put('/api/me/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'another-password-1',
    });
    expect(wrong.status).toBe(400);
    expect(asError(wrong).code).toBe('auth/wrong_password');
    expect(
      (await a.put('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'another-password-1' }))
        .status,
    ).toBe(204);
    expect((await b.get('/api/me')).status).toBe(401);
    expect((await a.get('/api/me')).status).toBe(200);
  });

  it('signs out and forgets the cookie', async () => {
    const { client } = await signedInClient(t);
    const token = client.sessionToken;
    expect((await client.post('/api/auth/sign-out')).status).toBe(204);
    const replay = t.client();
    replay.sessionToken = token;
    expect((await replay.get('/api/me')).status).toBe(401);
  });

  it('saves the preferred language', async () => {
    const { client } = await signedInClient(t);
    const res = await client.patch<Me>('/api/me', { locale: 'en' });
    expect(res.body.locale).toBe('en');
    expect((await client.get<Me>('/api/me')).body.locale).toBe('en');
  });

  it('lets only administrators list and revoke anyone’s sessions, and audits the refusal', async () => {
    const { client: staff, user } = await signedInClient(t);
    const denied = await staff.get('/api/admin/sessions');
    expect(denied.status).toBe(403);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE type = 'access.denied' AND actor_id = $1`,
      [user.id],
    );
    expect(count).toBe(1);
    const { client: admin } = await signedInClient(t, { role: 'admin' });
    const sessions = await admin.get<SessionList>(`/api/admin/sessions?userId=${user.id}`);
    expect(sessions.body.items).toHaveLength(1);
    expect((await admin.delete(`/api/admin/sessions/${sessions.body.items[0].id}`)).status).toBe(204);
    expect((await staff.get('/api/me')).status).toBe(401);
  });
});

describe('sessions with SESSION_SECRET', () => {
  it('signs in and keeps the session when tokens are stored keyed by the secret', async () => {
    const t = await startTestApp({ SESSION_SECRET: 'a-long-random-secret-for-the-test-run-0001' });
    try {
      const { client } = await signedInClient(t);
      expect((await client.get('/api/me')).status).toBe(200);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM user_session WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
        [client.sessionToken],
      );
      expect(n).toBe(0);
    } finally {
      await t.close();
      delete process.env.SESSION_SECRET;
    }
  });
});

describe('session housekeeping', () => {
  it('deletes sessions that ended more than 90 days ago and keeps recent ones', async () => {
    const t = await startTestApp();
    try {
      const old = await signedInClient(t);
      const recent = await signedInClient(t);
      await t.dataSource.query(
        `UPDATE user_session SET revoked_at = now() - interval '91 days' WHERE user_id = $1`,
        [old.user.id],
      );
      await t.dataSource.query(
        `UPDATE user_session SET revoked_at = now() - interval '5 days' WHERE user_id = $1`,
        [recent.user.id],
      );
      expect(await t.app.get(SessionsService).sweep()).toBe(1);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM user_session WHERE user_id = $1`,
        [recent.user.id],
      );
      expect(n).toBe(1);
    } finally {
      await t.close();
    }
  });
});
