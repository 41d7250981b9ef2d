import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../bootstrap';
import { parseConfig } from '../../config/config.schema';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { TEST_PASSWORD, makeUser, signedInClient } from '../../../../../tests/support/factories';
import { TestClient, asError } from '../../../../../tests/support/http';

/** A client that says, through X-Forwarded-For, that it sits behind the given address. */
function from(t: { url: string }, address: string): TestClient {
  const client = new TestClient(t.url);
  const request = client.request.bind(client);
  client.request = (method, path, options = {}) =>
    request(method, path, { ...options, headers: { ...options.headers, 'x-forwarded-for': address } });
  return client;
}

const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function signInStatus(client: TestClient, staffNumber: string, password = 'not-the-password') {
  return (await client.post('/api/auth/sign-in', { staffNumber, password })).status;
}

async function lastSignInAddress(t: TestApp, staffNumber: string): Promise<string> {
  const [row] = await t.dataSource.query(
    `SELECT ip_address FROM audit_event WHERE subject = $1 ORDER BY id DESC LIMIT 1`,
    [staffNumber],
  );
  return row.ip_address;
}

describe('addresses without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_FAILURES_PER_ADDRESS: '5' });
  });
  afterAll(() => t.close());

  it('records the connecting address, not a forged X-Forwarded-For, and the forged header escapes no limit', async () => {
    const user = await makeUser(t);
    expect(await signInStatus(from(t, '203.0.113.9'), user.staffNumber)).toBe(401);
    expect(await lastSignInAddress(t, user.staffNumber)).toBe('127.0.0.1');

    // Spraying with a new forged address on every request is still one address: the 6th failure is refused.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await signInStatus(from(t, randomAddress()), `SPRAY-A${i}`));
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

describe('sign-in limits behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '127.0.0.1', SIGN_IN_FAILURES_PER_ADDRESS: '30' });
  });
  afterAll(() => t.close());

  it('believes the X-Forwarded-For that the named proxy sets', async () => {
    const user = await makeUser(t);
    expect(await signInStatus(from(t, '198.51.100.7'), user.staffNumber, TEST_PASSWORD)).toBe(200);
    expect(await lastSignInAddress(t, user.staffNumber)).toBe('198.51.100.7');
  });

  it('refuses password spraying (40 staff numbers from one address) with 429 and Retry-After, other addresses unaffected', async () => {
    const attacker = randomAddress();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const res = await from(t, attacker).post('/api/auth/sign-in', {
        staffNumber: `SPRAY${i}`,
        password: 'Summer2026!',
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Even the right password is refused from that address for now …
    const victim = await makeUser(t);
    const blocked = await from(t, attacker).post('/api/auth/sign-in', {
      staffNumber: victim.staffNumber,
      password: TEST_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(asError(blocked).message).toBe('操作が多すぎます。しばらく待ってからもう一度お試しください。');
    // … while the office next door signs in as usual.
    expect(await signInStatus(from(t, randomAddress()), victim.staffNumber, TEST_PASSWORD)).toBe(200);
  });

  it('lets a whole office behind one address sign in: successful sign-ins are never counted', async () => {
    const office = randomAddress();
    for (let i = 0; i < 45; i++) {
      const user = await makeUser(t);
      expect(await signInStatus(from(t, office), user.staffNumber, TEST_PASSWORD)).toBe(200);
    }
  });

  it('limits guesses of the current password on the change form', async () => {
    const { client } = await signedInClient(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (
          await client.put('/api/me/password', {
            currentPassword: `guess-${i}-xx`,
            newPassword: 'new-pass-2026!',
          })
        ).status,
      );
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The right password is refused too until the window passes: guessing has to stop.
    const right = await client.put('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'new-pass-2026!',
    });
    expect(right.status).toBe(429);
  });
});

const redisUrl = process.env.RINGI_TEST_REDIS_URL;
(redisUrl ? describe : describe.skip)('sign-in limits across two API instances (Redis)', () => {
  it('counts failures from one address on both instances together', async () => {
    const a = await startTestApp({
      REDIS_URL: redisUrl ?? '',
      TRUST_PROXY: '127.0.0.1',
      SIGN_IN_FAILURES_PER_ADDRESS: '4',
    });
    const b = await createApp(parseConfig(process.env));
    await b.listen(0, '127.0.0.1');
    const bUrl = `http://127.0.0.1:${(b.getHttpServer().address() as AddressInfo).port}`;
    try {
      const address = randomAddress();
      const statuses = [
        await signInStatus(from(a, address), 'SHARED-1'),
        await signInStatus(from({ url: bUrl }, address), 'SHARED-2'),
        await signInStatus(from(a, address), 'SHARED-3'),
        await signInStatus(from({ url: bUrl }, address), 'SHARED-4'),
        await signInStatus(from(a, address), 'SHARED-5'),
        await signInStatus(from({ url: bUrl }, address), 'SHARED-6'),
      ];
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      await b.close();
      await a.close();
      delete process.env.REDIS_URL;
    }
  });
});
