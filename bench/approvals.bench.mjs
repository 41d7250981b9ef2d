// Approvals at scale: the 未処理 inbox and the approve action of 50 signed-in users on 100,000 documents, each
// against a bare node:http + raw pg server doing the same work in the same run; prints the ratio Ringi/baseline.
//
//   node bench/approvals.bench.mjs            (after `npm run build`; or through `npm run bench`)
//   BENCH_APPROVAL_DOCS=10000 node bench/approvals.bench.mjs      a quick check on fewer documents
//   BENCH_INBOX_PER_USER (default 40), BENCH_APPROVE_PER_USER (default 20): requests per user and side
//   BENCH_EXPLAIN=1: also prints the plans of the inbox queries for the busiest bench user
//   DATABASE_URL: a PostgreSQL server to use instead of the embedded one (a fresh database, dropped at the end)
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { INBOX_COUNT, INBOX_LIST, startBaseline } from './approvals/baseline.mjs';
import { round, settle, stats, table } from './approvals/load.mjs';
import { BENCH_USERS, seed } from './approvals/seed.mjs';
import { makeTempDir, removeTempDir, signIn, startApi, startDatabase } from './approvals/stack.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const DOCS = positive('BENCH_APPROVAL_DOCS', 100_000);
const INBOX_PER_USER = positive('BENCH_INBOX_PER_USER', 40);
let APPROVE_PER_USER = positive('BENCH_APPROVE_PER_USER', 20);
const WARM_UP = 4;
const log = (line) => console.log(line);
const settledLine = ({ ringi, baseline }) => {
  const [r, b] = [stats(ringi).settled, stats(baseline).settled].map((ms) => (ms / 1000).toFixed(1));
  return `(req/s counts each round until the database is idle again: ${r} s after Ringi's last answers, ${b} s after the baseline's)`;
};

log(
  `approvals bench: ${DOCS.toLocaleString('en')} documents, ${BENCH_USERS} concurrent users; ` +
    `${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} at the start`,
);
const dir = makeTempDir();
let db;
let ringi;
let baseline;
let c;
try {
  db = await startDatabase(dir);
  log(`database: ${db.where}`);
  ringi = await startApi(db.url, dir);
  log('Ringi started on it (migrations, demo town); seeding …');
  const seeded = await seed({ base: ringi.base, url: db.url, documentCount: DOCS, log });
  const { counts, perUser } = seeded;
  log(
    `seeded in ${seeded.seconds.toFixed(1)} s: ${counts.documents.toLocaleString('en')} documents over ` +
      `${counts.departments} departments (${seeded.routes} routes of ${seeded.minSteps}+ steps), ` +
      `${counts.steps.toLocaleString('en')} route steps, ${counts.actions.toLocaleString('en')} actions, ` +
      `${counts.versions.toLocaleString('en')} versions, ${counts.pending.toLocaleString('en')} pending rows ` +
      `(bench users ${perUser.min}–${perUser.max} each, busiest other person ${perUser.otherMax})`,
  );

  const users = [];
  for (const u of seeded.benchUsers)
    users.push({ id: u.id, cookie: await signIn(ringi.base, u.staff_number, 'ringi-demo-2026') });
  baseline = await startBaseline(db.url);
  c = new Client({ connectionString: db.url });
  c.on('error', () => undefined);
  await c.connect();
  await settle(c);

  // ── Inbox: page 1 of 未処理, 20 a page.
  const inboxPath = '/api/approvals/inbox?box=pending&page=1&pageSize=20';
  const inboxJobs = (side, n) =>
    users.map((u) =>
      Array.from({ length: n }, () =>
        side === 'ringi'
          ? () => fetch(`${ringi.base}${inboxPath}`, { headers: { cookie: u.cookie } })
          : () => fetch(`${baseline.base}/inbox?page=1&pageSize=20`, { headers: { 'x-user': u.id } }),
      ),
    );
  await round(c, inboxJobs('baseline', WARM_UP));
  await round(c, inboxJobs('ringi', WARM_UP));
  const inbox = { ringi: [], baseline: [] };
  // Two alternating rounds per side, so load from elsewhere on the machine falls on both.
  for (const n of [Math.ceil(INBOX_PER_USER / 2), Math.floor(INBOX_PER_USER / 2)]) {
    inbox.baseline.push(await round(c, inboxJobs('baseline', n)));
    inbox.ringi.push(await round(c, inboxJobs('ringi', n)));
  }

  // ── Approve: each request a different document whose active 承認/合議 step the user holds.
  const open = (
    await c.query(
      `SELECT p.user_id, p.document_id, p.step_id, d.lock_version
         FROM approval_pending p JOIN approval_document d ON d.id = p.document_id
        WHERE p.user_id = ANY($1::uuid[]) AND p.step_kind IN ('approve', 'consult') AND d.status = 'in_progress'
        ORDER BY p.user_id, d.updated_at DESC`,
      [users.map((u) => u.id)],
    )
  ).rows;
  const queue = new Map(users.map((u) => [u.id, []]));
  for (const r of open) queue.get(r.user_id).push(r);
  const fewest = Math.min(...[...queue.values()].map((q) => q.length));
  if (fewest < 2 * (APPROVE_PER_USER + WARM_UP)) {
    APPROVE_PER_USER = Math.floor(fewest / 2) - WARM_UP;
    if (APPROVE_PER_USER < 2) throw new Error('too few open documents per user: raise BENCH_APPROVAL_DOCS');
    log(`(approve: ${APPROVE_PER_USER} per user and side, as the least busy bench user holds ${fewest})`);
  }
  const approveJobs = (side, n) =>
    users.map((u) =>
      queue
        .get(u.id)
        .splice(0, n)
        .map((d) =>
          side === 'ringi'
            ? () =>
                fetch(`${ringi.base}/api/approvals/documents/${d.document_id}/actions`, {
                  method: 'POST',
                  headers: { cookie: u.cookie, 'x-ringi-csrf': '1', 'content-type': 'application/json' },
                  body: JSON.stringify({
                    action: { type: 'approve', stepId: d.step_id },
                    lockVersion: d.lock_version,
                  }),
                })
            : () =>
                fetch(`${baseline.base}/approve`, {
                  method: 'POST',
                  headers: { 'x-user': u.id, 'content-type': 'application/json' },
                  body: JSON.stringify({
                    documentId: d.document_id,
                    stepId: d.step_id,
                    lockVersion: d.lock_version,
                  }),
                }),
        ),
    );
  await round(c, approveJobs('baseline', WARM_UP / 2));
  await round(c, approveJobs('ringi', WARM_UP / 2));
  const approve = { ringi: [], baseline: [] };
  for (const n of [Math.ceil(APPROVE_PER_USER / 2), Math.floor(APPROVE_PER_USER / 2)]) {
    approve.baseline.push(await round(c, approveJobs('baseline', n)));
    approve.ringi.push(await round(c, approveJobs('ringi', n)));
  }

  log('');
  log(
    'inbox:   Ringi GET /api/approvals/inbox?box=pending&page=1&pageSize=20 (session cookie → guard → zod query →\n' +
      '         service: the page and the count, 2 SQL queries → zod response)\n' +
      '         baseline: the same 2 SQL queries with raw pg, no authentication, JSON.stringify',
  );
  log(table('inbox', stats(inbox.ringi), stats(inbox.baseline)));
  log(settledLine(inbox));
  log('');
  log(
    'approve: Ringi POST /api/approvals/documents/:id/actions {approve} (session, CSRF header, zod body; one unit of\n' +
      '         work: row lock, template, policy, lockVersion, idempotency and deputy look-ups, the route resolved\n' +
      '         assignee by assignee, applyAction, state/version/pending/action rows, chained audit event; then\n' +
      '         events after commit (notifications, sockets) and the whole document view as the answer)\n' +
      '         baseline: one raw pg transaction: SELECT … FOR UPDATE, lockVersion check, the route holders in one\n' +
      '         query, the same applyAction, UPDATE state, DELETE/INSERT approval_pending, INSERT approval_action,\n' +
      '         the audit event chained under the same advisory lock; answers with the new state. It does not\n' +
      '         authenticate, check visibility, look up deputies or idempotency keys, emit events, or read the\n' +
      '         document view back.',
  );
  log(table('approve', stats(approve.ringi), stats(approve.baseline)));
  log(settledLine(approve));

  if (process.env.BENCH_EXPLAIN) {
    const busiest = (
      await c.query(
        `SELECT user_id FROM approval_pending WHERE user_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
        [users.map((u) => u.id)],
      )
    ).rows[0].user_id;
    for (const [sql, params] of [
      [INBOX_LIST, [busiest, 20, 0]],
      [INBOX_COUNT, [busiest]],
    ]) {
      const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      log(`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
} finally {
  await c?.end();
  await baseline?.stop();
  await ringi?.stop();
  await db?.stop();
  removeTempDir(dir);
}
