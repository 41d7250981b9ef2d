import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { ApprovalTemplate } from '@ringi/contracts';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { startTestApp, type TestApp } from '../support/app';

/**
 * `npm run seed` (the built seed.js) against the test app's database. Asynchronously: the app under test runs in
 * this process and must keep serving (a blocked event loop let its keep-alive sockets close under the client).
 */
function reseed(t: TestApp): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { REDIS_URL: _redis, ...env } = process.env;
  void _redis;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(__dirname, '../../dist/api/apps/api/src/seed.js')],
      {
        env: { ...env, DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('npm run seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(() => t.close());

  it('seeds a chat that is not empty: the all-staff channel with messages and a public disaster channel', async () => {
    const staff = t.client();
    await staff.signIn('1008', DEMO_PASSWORD);
    const channels = await staff.get<{ items: { name: string; kind: string; messageSeq: number }[] }>(
      '/api/chat/channels',
    );
    expect(channels.body.items.find((c) => c.kind === 'all_staff')?.messageSeq).toBe(2);
    expect(channels.body.items.map((c) => c.name)).toContain('防災・災害対応');
    expect(channels.body.items.filter((c) => c.kind === 'department').length).toBeGreaterThan(0);
  });

  it('re-creates the demo town while there are no approval documents, and refuses plainly once there are, keeping them', async () => {
    const first = await reseed(t);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('re-created');
    expect(first.status).toBe(0);

    const clerk = t.client();
    await clerk.signIn('1010', DEMO_PASSWORD);
    const templates = await clerk.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    const general = templates.body.items.find((tp) => tp.code === 'GENERAL');
    const created = await clerk.post('/api/approvals/documents', {
      templateId: general?.id,
      title: '残すべき記録',
    });
    expect(created.status).toBe(201);

    const second = await reseed(t);
    expect(second.status).toBe(1);
    expect(second.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^The demo town was not re-created: 1 approval documents exist/),
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM approval_document`);
    expect(n).toBe(1);
  });
});
