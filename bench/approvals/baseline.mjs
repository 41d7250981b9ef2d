// The baseline: a bare node:http server with raw `pg` (pool of 10, TypeORM's default) doing the work of the two
// measured endpoints by hand. No session, no guard, no validation pipe, no policy, no TypeORM, no events.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort, root } from './stack.mjs';

const require = createRequire(import.meta.url);
const { Pool } = require('pg');
const { applyAction, canonicalJson } = require(join(root, 'dist/api/libs/domain/src/index.js'));

/** The SQL of ApprovalReadService.inbox for box=pending, as the app sends it. */
const PENDING = `d.id IN (SELECT p.document_id FROM approval_pending p WHERE p.user_id = $1 AND p.step_kind <> 'review')`;
const INBOX_LIST = `SELECT d.id, d.template_id AS "templateId", t.name AS "templateName", d.title, d.status, d.number,
  d.fiscal_year AS "fiscalYear", d.drafter_id AS "drafterId", u.family_name || ' ' || u.given_name AS "drafterName",
  d.department_id AS "departmentId", dep.name AS "departmentName", d.amount, d.updated_at AS "updatedAt"
  FROM approval_document d JOIN approval_template t ON t.id = d.template_id
  JOIN app_user u ON u.id = d.drafter_id JOIN department dep ON dep.id = d.department_id WHERE ${PENDING}
  ORDER BY d.updated_at DESC, d.id DESC LIMIT $2 OFFSET $3`;
export const INBOX_COUNT = `SELECT count(*)::int AS n FROM approval_document d WHERE ${PENDING}`;
export { INBOX_LIST };

/** The same key as AuditService: appends are serialised, each event chained to the one before. */
const AUDIT_LOCK = 7_361_002;
const GENESIS = '0'.repeat(64);

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, value) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(value));
}

async function inbox(pool, userId, page, pageSize) {
  const [list, count] = await Promise.all([
    pool.query(INBOX_LIST, [userId, pageSize, (page - 1) * pageSize]),
    pool.query(INBOX_COUNT, [userId]),
  ]);
  return {
    items: list.rows.map((r) => ({
      ...r,
      amount: r.amount === null ? null : Number(r.amount),
      updatedAt: r.updatedAt.toISOString(),
    })),
    total: count.rows[0].n,
    page,
    pageSize,
  };
}

/**
 * Approve: one transaction with the row lock, the lockVersion check, the state machine (the domain's own
 * applyAction, holders of the route's positions read in one query), the state update, the pending rows
 * rewritten, the action row and a chained audit event under the same advisory lock as the app.
 */
async function approve(pool, { userId, documentId, stepId, lockVersion }) {
  const c = await pool.connect();
  let open = false;
  try {
    await c.query('BEGIN');
    open = true;
    const { rows } = await c.query(
      `SELECT id, status, state, lock_version FROM approval_document WHERE id = $1 FOR UPDATE`,
      [documentId],
    );
    const doc = rows[0];
    if (!doc) return [404, { code: 'approval/document_not_found' }];
    if (doc.lock_version !== lockVersion) return [409, { code: 'approval/document_changed' }];
    const positions = doc.state.stages
      .flatMap((s) => s.steps)
      .flatMap((s) => (s.assignee.type === 'position' ? [s.assignee] : []));
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    const held = await c.query(
      `SELECT m.position_id::text || '@' || m.department_id::text AS key,
              array_agg(DISTINCT m.user_id::text ORDER BY m.user_id::text) AS holders
         FROM membership m JOIN app_user u ON u.id = m.user_id AND u.active
        WHERE (m.position_id, m.department_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
          AND m.valid_from <= $3 AND (m.valid_to IS NULL OR m.valid_to >= $3)
        GROUP BY 1`,
      [positions.map((a) => a.positionId), positions.map((a) => a.departmentId), today],
    );
    const holders = new Map(held.rows.map((r) => [r.key, r.holders]));
    const at = new Date();
    const result = applyAction(
      doc.state,
      { type: 'approve', stepId },
      {
        actorId: userId,
        at: at.toISOString(),
        deputyFor: [],
        isDocumentAdministrator: false,
        resolve: (a) =>
          a.type === 'user' ? [a.userId] : (holders.get(`${a.positionId}@${a.departmentId}`) ?? []),
      },
    );
    if (!result.ok) return [422, { code: result.error }];
    const { state } = result;
    await c.query(
      `UPDATE approval_document SET state = $2, status = $3, lock_version = lock_version + 1, updated_at = $4
        WHERE id = $1`,
      [documentId, state, state.status, at],
    );
    await c.query(`DELETE FROM approval_pending WHERE document_id = $1`, [documentId]);
    const pending = state.stages
      .flatMap((s) => s.steps)
      .filter((s) => s.status === 'active')
      .flatMap((s) =>
        [...new Set(s.holders)].map((h) => [s.id, h, s.kind, s.activatedAt ?? at.toISOString()]),
      );
    if (pending.length)
      await c.query(
        `INSERT INTO approval_pending (document_id, step_id, user_id, step_kind, activated_at)
         SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::timestamptz[])`,
        [documentId, ...[0, 1, 2, 3].map((i) => pending.map((p) => p[i]))],
      );
    await c.query(
      `INSERT INTO approval_action (document_id, type, actor_id, step_id, version) VALUES ($1, 'approve', $2, $3, $4)`,
      [documentId, userId, stepId, state.version],
    );
    await c.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last = await c.query('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1');
    const prevHash = last.rows[0]?.hash ?? GENESIS;
    const event = {
      occurredAt: new Date(),
      type: 'approval.action',
      actorId: userId,
      subject: documentId,
      data: { action: 'approve', stepId, status: state.status, version: state.version },
      ipAddress: null,
    };
    const hash = createHash('sha256')
      .update(prevHash)
      .update(canonicalJson({ ...event, occurredAt: event.occurredAt.toISOString() }))
      .digest('hex');
    await c.query(
      `INSERT INTO audit_event (occurred_at, type, actor_id, subject, data, ip_address, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [event.occurredAt, event.type, userId, documentId, event.data, null, prevHash, hash],
    );
    await c.query('COMMIT');
    open = false;
    return [200, { id: documentId, status: state.status, lockVersion: doc.lock_version + 1, state }];
  } finally {
    // An early return or an error above leaves the transaction open.
    if (open) await c.query('ROLLBACK').catch(() => undefined);
    c.release();
  }
}

/** Starts the baseline on 127.0.0.1; the user is named by the `x-user` header (no authentication). */
export async function startBaseline(databaseUrl) {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      const userId = req.headers['x-user'];
      if (req.method === 'GET' && url.pathname === '/inbox') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
        return send(res, 200, await inbox(pool, userId, page, pageSize));
      }
      if (req.method === 'POST' && url.pathname === '/approve') {
        const [status, value] = await approve(pool, { userId, ...(await body(req)) });
        return send(res, status, value);
      }
      send(res, 404, {});
    } catch (error) {
      send(res, 500, { message: String(error) });
    }
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
