// Seeds the bench database fast: 50 bench users, one real submitted document per department made through the
// API (its default route plus 合議 and 後閲: at least 10 steps), the later states of each route computed with the
// domain's own `applyAction`, then `documentCount` documents cloned from those states with INSERT … SELECT over
// generate_series; versions, actions and the pending index (approval_pending) are derived from the cloned states
// in SQL, exactly as the app would have written them (syncPending: one row per holder of an active step).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { api, root, signIn } from './stack.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { applyAction, tokyoDate } = require(join(root, 'dist/api/libs/domain/src/index.js'));

export const BENCH_USERS = 50;
const DEMO_PASSWORD = 'ringi-demo-2026';
/** Out of 20 documents of a route: 15 on their way (spread over the stages), 2 decided (後閲 open), 3 completed. */
const CHOICES = 20;

/** Who holds each position of each department today, as the app resolves it (active people, 本務 and 兼務). */
async function holdersToday(c, today) {
  const { rows } = await c.query(
    `SELECT m.position_id::text || '@' || m.department_id::text AS key,
            array_agg(DISTINCT m.user_id::text ORDER BY m.user_id::text) AS holders
       FROM membership m JOIN app_user u ON u.id = m.user_id AND u.active
      WHERE m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1)
      GROUP BY 1`,
    [today],
  );
  const map = new Map(rows.map((r) => [`position:${r.key}`, r.holders]));
  return (a) =>
    a.type === 'user' ? [a.userId] : (map.get(`position:${a.positionId}@${a.departmentId}`) ?? []);
}

/**
 * The states a submitted document goes through: each stage acted on by the first holder of each active step,
 * until decided; then its 後閲 acknowledged and 施行 recorded. Returns the states with the counts of acts.
 */
function statesOf(submitted, resolve) {
  const start = Date.now() - 30 * 86_400_000;
  let acts = 0;
  const ctx = (actorId) => ({
    actorId,
    at: new Date(start + ++acts * 3_600_000).toISOString(),
    deputyFor: [],
    isDocumentAdministrator: false,
    resolve,
  });
  const act = (state, action, actorId) => {
    const result = applyAction(state, action, ctx(actorId));
    if (!result.ok) throw new Error(`seeding: ${action.type} ${action.stepId ?? ''}: ${result.error}`);
    return result.state;
  };
  const active = (s) => s.stages.flatMap((st) => st.steps).filter((st) => st.status === 'active');
  const out = [{ state: submitted, acts: 0 }];
  let s = submitted;
  while (s.status === 'in_progress') {
    const steps = active(s);
    if (!steps.length) throw new Error('seeding: a route stopped with no active step');
    for (const { id } of steps) {
      const step = active(s).find((st) => st.id === id);
      if (!step || s.status !== 'in_progress') continue; // skipped by an `any` stage
      if (!step.holders.length) throw new Error(`seeding: step ${id} has nobody holding it`);
      s = act(s, { type: step.kind === 'decide' ? 'decide' : 'approve', stepId: id }, step.holders[0]);
    }
    out.push({ state: s, acts });
  }
  for (const step of active(s)) s = act(s, { type: 'acknowledge', stepId: step.id }, step.holders[0]);
  const enforcedOn = tokyoDate(new Date(start + (acts + 1) * 3_600_000));
  s = act(s, { type: 'enforce', enforcedOn, method: '電子メール' }, s.drafterId);
  out.push({ state: s, acts });
  return out;
}

/** Where to put a bench user as the holder: the first active 承認 or 合議 step, as `[stage, step]`. */
function slotOf(state) {
  for (const [k, stage] of state.stages.entries())
    for (const [j, step] of stage.steps.entries())
      if (step.status === 'active' && (step.kind === 'approve' || step.kind === 'consult')) return [k, j];
  return null;
}

/** Secondary indexes (not behind a constraint) of a table: dropped for the bulk insert, built again after. */
async function secondaryIndexes(c, table) {
  const { rows } = await c.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table],
  );
  return rows;
}

export async function seed({ base, url, documentCount, log }) {
  const c = new Client({ connectionString: url });
  await c.connect();
  const timer = (label) => {
    const t0 = performance.now();
    return () => log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  const started = performance.now();
  try {
    const today = tokyoDate();
    // ── 50 bench users: 主事 spread over the demo town's sections, the demo password (its hash copied).
    const people = (
      await c.query(
        `SELECT u.id, u.staff_number, m.department_id, p.rank, d.kind, d.parent_id
           FROM app_user u
           JOIN membership m ON m.user_id = u.id AND m.is_primary AND m.valid_from <= $1
                             AND (m.valid_to IS NULL OR m.valid_to >= $1)
           JOIN position p ON p.id = m.position_id
           JOIN department d ON d.id = m.department_id
          WHERE u.active ORDER BY d.sort_order, d.code, p.rank DESC, u.staff_number`,
        [today],
      )
    ).rows;
    // One drafter per department: its most junior person (主事, 技師, 主任, 主査) who is not on a route above.
    const drafters = [];
    for (const p of people)
      if (p.rank >= 8 && !drafters.some((d) => d.department_id === p.department_id)) drafters.push(p);
    if (drafters.length < 5) throw new Error('seeding: the demo town has too few departments with staff');

    const benchIds = (
      await c.query(
        `INSERT INTO app_user (staff_number, family_name, given_name, family_name_kana, given_name_kana, password_hash)
         SELECT 'B' || lpad(g::text, 3, '0'), 'ベンチ', '職員' || g, 'ベンチ', 'ショクイン',
                (SELECT password_hash FROM app_user WHERE staff_number = '1010')
           FROM generate_series(1, $1::int) g
         RETURNING id, staff_number`,
        [BENCH_USERS],
      )
    ).rows.sort((a, b) => a.staff_number.localeCompare(b.staff_number));
    await c.query(
      `INSERT INTO membership (user_id, department_id, position_id, is_primary, valid_from)
       SELECT u, ($2::uuid[])[(i - 1) % array_length($2::uuid[], 1) + 1],
              (SELECT id FROM position WHERE code = 'SHUJI'), true, DATE '2000-01-01'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x (u, i)`,
      [benchIds.map((u) => u.id), drafters.map((d) => d.department_id)],
    );

    // ── One real document per drafter's department, made and submitted through the API.
    let done = timer(`${drafters.length} route templates made through the API (create + submit)`);
    const kacho = (await c.query(`SELECT id FROM position WHERE code = 'KACHO'`)).rows[0].id;
    const resolve = await holdersToday(c, today);
    const divisions = (
      await c.query(`SELECT id FROM department WHERE kind = 'division' AND active ORDER BY sort_order, code`)
    ).rows
      .map((r) => r.id)
      .filter((id) => resolve({ type: 'position', positionId: kacho, departmentId: id }).length > 0);
    const templates = Object.fromEntries(
      (await c.query(`SELECT code, id FROM approval_template`)).rows.map((r) => [r.code, r.id]),
    );
    const sources = [];
    for (const [i, drafter] of drafters.entries()) {
      const own = new Set([drafter.department_id, drafter.parent_id]);
      const others = divisions.filter((d) => !own.has(d));
      const pick = (n) => others[(i * 3 + n) % others.length];
      const at = (n) => ({ type: 'position', positionId: kacho, departmentId: pick(n) });
      const cookie = await signIn(base, drafter.staff_number, DEMO_PASSWORD);
      const draft = await api(base, cookie, 'POST', '/api/approvals/documents', {
        title: `ベンチ 経路見本 ${i + 1}`,
        body: '回議のための見本文書です。',
        // Every other one a 支出負担行為 above 500,000 yen: the 副町長 decides (a longer route via the 課長).
        ...(i % 2
          ? {
              templateId: templates.EXPENDITURE,
              amount: 1_200_000,
              fields: { budgetItem: '需用費 消耗品費', paymentMethod: '口座振替' },
            }
          : { templateId: templates.GENERAL }),
        consultations: [
          { mode: 'all', assignees: [at(0), at(1)] },
          { mode: 'any', assignees: [at(2), at(3)] },
          { mode: 'all', assignees: [at(4)] },
        ],
        reviewers: [at(5), at(6), at(7), at(8)],
      });
      await api(base, cookie, 'POST', `/api/approvals/documents/${draft.id}/actions`, {
        action: { type: 'submit' },
        lockVersion: draft.lockVersion,
      });
      sources.push(draft.id);
    }
    done();

    // ── The states of each route: on its way at each stage, decided, completed.
    const docs = (
      await c.query(
        `SELECT id, template_id, drafter_id, department_id, fiscal_year, amount, fields, consultations, reviewers,
                state
           FROM approval_document WHERE id = ANY($1::uuid[])`,
        [sources],
      )
    ).rows.sort((a, b) => sources.indexOf(a.id) - sources.indexOf(b.id));
    const variants = [];
    const choices = [];
    let minSteps = Infinity;
    for (const doc of docs) {
      const states = statesOf(doc.state, resolve);
      const first = variants.length;
      for (const { state, acts } of states)
        variants.push({
          state,
          status: state.status,
          slot: slotOf(state),
          lock: 1 + acts,
          submittedAt: state.submittedAt,
          decidedAt: state.decidedAt,
          completedAt: state.enforcement?.recordedAt ?? null,
        });
      minSteps = Math.min(minSteps, doc.state.stages.flatMap((s) => s.steps).length);
      const onTheWay = states.length - 2;
      for (let k = 0; k < CHOICES; k++)
        choices.push(k < 15 ? first + (k % onTheWay) : k < 17 ? first + onTheWay : first + onTheWay + 1);
    }
    if (minSteps < 10) throw new Error(`seeding: a route has only ${minSteps} steps`);
    // How many open documents each bench user holds: weights 10…59, so from hundreds to thousands.
    const weights = benchIds.flatMap((_, b) => Array.from({ length: b + 10 }, () => b + 1));

    await c.query('SET synchronous_commit = off');
    await c.query(`SET maintenance_work_mem = '256MB'`);
    const tables = ['approval_document', 'approval_document_version', 'approval_action', 'approval_pending'];
    const dropped = [];
    for (const table of tables) dropped.push(...(await secondaryIndexes(c, table)));
    for (const index of dropped) await c.query(`DROP INDEX ${index.name}`);

    // ── Documents. Drafters: the route's own drafter, or a bench user of that department.
    done = timer(`${documentCount.toLocaleString('en')} documents`);
    const t = docs.length;
    await c.query(
      `WITH who AS (
         SELECT g, g % ($3::int + ${BENCH_USERS}) AS s FROM generate_series(1, $1::int) g
       ), doc AS (
         SELECT g, CASE WHEN s < $3 THEN s ELSE (s - $3) % $3 END AS t,
                CASE WHEN s < $3 THEN ($5::uuid[])[s + 1] ELSE ($6::uuid[])[s - $3 + 1] END AS drafter,
                ($6::uuid[])[($7::int[])[(g * 7919) % array_length($7::int[], 1) + 1]] AS holder,
                now() - ((g::bigint * 7907) % 525600) * interval '1 minute' AS updated_at
           FROM who
       ), v AS (
         SELECT doc.*, $2::jsonb -> (($4::int[])[t * ${CHOICES} + (g * 31) % ${CHOICES} + 1]) AS v FROM doc
       )
       INSERT INTO approval_document (template_id, drafter_id, department_id, fiscal_year, status, number, title,
         body, fields, disclosure, classification, retention, amount, consultations, reviewers, current_version, state,
         lock_version, submitted_at, decided_at, completed_at, retention_ends_on, created_at, updated_at)
       SELECT src.template_id, drafter, src.department_id, src.fiscal_year, v ->> 'status',
              CASE WHEN v ->> 'status' IN ('decided', 'completed') THEN 'ベンチ第' || g || '号' END,
              (ARRAY['予算執行', '委託契約', '物品購入', '補助金交付', '会議開催', '規程改正'])[g % 6 + 1]
                || 'について（伺い）第' || g,
              repeat('このことについて、下記のとおり実施してよろしいか伺います。', 3),
              src.fields, 'public', '総務・文書', '5', src.amount, src.consultations, src.reviewers, 1,
              CASE WHEN v -> 'slot' <> 'null'::jsonb AND g % 3 <> 0
                THEN jsonb_set(jsonb_set(v -> 'state', '{drafterId}', to_jsonb(drafter::text)),
                       ARRAY['stages', v -> 'slot' ->> 0, 'steps', v -> 'slot' ->> 1, 'holders'],
                       jsonb_build_array(holder::text))
                ELSE jsonb_set(v -> 'state', '{drafterId}', to_jsonb(drafter::text)) END,
              (v ->> 'lock')::int, (v ->> 'submittedAt')::timestamptz, (v ->> 'decidedAt')::timestamptz,
              (v ->> 'completedAt')::timestamptz,
              CASE WHEN v ->> 'status' = 'completed' THEN DATE '2032-03-31' END,
              updated_at - interval '3 days', updated_at
         FROM v JOIN LATERAL (SELECT * FROM jsonb_to_record($8::jsonb -> t) AS x (template_id uuid,
              department_id uuid, fiscal_year int, amount bigint, fields jsonb, consultations jsonb, reviewers jsonb)) src ON true`,
      [
        documentCount,
        JSON.stringify(variants),
        t,
        choices,
        docs.map((d) => d.drafter_id),
        benchIds.map((u) => u.id),
        weights,
        JSON.stringify(docs),
      ],
    );
    done();

    const seeded = `d.id <> ALL($1::uuid[])`;
    done = timer('versions (one per document, hashed)');
    await c.query(
      `INSERT INTO approval_document_version (document_id, version, content, hash, created_by, created_at)
       SELECT d.id, 1, jsonb_build_object('title', d.title, 'body', d.body, 'fields', d.fields, 'amount', d.amount,
                'drafterId', d.drafter_id, 'departmentId', d.department_id, 'templateId', d.template_id,
                'fiscalYear', d.fiscal_year, 'retention', d.retention, 'disclosure', d.disclosure,
                'classification', d.classification, 'counterparty', d.counterparty,
                'plannedEnforcementOn', d.planned_enforcement_on, 'attachments', '[]'::jsonb),
              encode(sha256(convert_to(d.id::text || d.title || d.body, 'UTF8')), 'hex'), d.drafter_id, d.submitted_at
         FROM approval_document d WHERE ${seeded}`,
      [sources],
    );
    done();

    done = timer('actions (submit, every step acted on, 施行)');
    await c.query(
      `INSERT INTO approval_action (document_id, type, actor_id, step_id, version, created_at)
       SELECT d.id, 'submit', d.drafter_id, NULL, 1, d.submitted_at FROM approval_document d WHERE ${seeded}
       UNION ALL
       SELECT d.id, CASE step ->> 'kind' WHEN 'decide' THEN 'decide' WHEN 'review' THEN 'acknowledge' ELSE 'approve' END,
              (step -> 'record' ->> 'actorId')::uuid, step ->> 'id', 1, (step -> 'record' ->> 'at')::timestamptz
         FROM approval_document d, jsonb_array_elements(d.state -> 'stages') stage,
              jsonb_array_elements(stage -> 'steps') step
        WHERE ${seeded} AND step -> 'record' <> 'null'::jsonb
       UNION ALL
       SELECT d.id, 'enforce', d.drafter_id, NULL, 1, d.completed_at FROM approval_document d
        WHERE ${seeded} AND d.status = 'completed'`,
      [sources],
    );
    done();

    done = timer('pending index (one row per holder of an active step)');
    await c.query(
      `INSERT INTO approval_pending (document_id, step_id, user_id, step_kind, activated_at)
       SELECT DISTINCT d.id, step ->> 'id', h::uuid, step ->> 'kind', (step ->> 'activatedAt')::timestamptz
         FROM approval_document d, jsonb_array_elements(d.state -> 'stages') stage,
              jsonb_array_elements(stage -> 'steps') step, jsonb_array_elements_text(step -> 'holders') h
        WHERE ${seeded} AND step ->> 'status' = 'active'`,
      [sources],
    );
    done();

    done = timer(`indexes built again (${dropped.map((i) => i.name).join(', ')}) and VACUUM (ANALYZE)`);
    for (const index of dropped) await c.query(index.def);
    // VACUUM too: the visibility map for index-only scans, and no autovacuum of the fresh rows mid-measurement.
    await c.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);
    await c.query(`ANALYZE`);
    done();

    const counts = (
      await c.query(
        `SELECT (SELECT count(*) FROM approval_document)::int AS documents,
                (SELECT sum(jsonb_array_length(s -> 'steps')) FROM approval_document d,
                   jsonb_array_elements(d.state -> 'stages') s)::int AS steps,
                (SELECT count(*) FROM approval_action)::int AS actions,
                (SELECT count(*) FROM approval_pending)::int AS pending,
                (SELECT count(*) FROM approval_document_version)::int AS versions,
                (SELECT count(DISTINCT department_id) FROM approval_document)::int AS departments`,
      )
    ).rows[0];
    const perUser = (
      await c.query(
        `SELECT min(n)::int AS min, max(n)::int AS max, (SELECT max(n) FROM (SELECT count(*) AS n FROM approval_pending
                 WHERE user_id <> ALL($1::uuid[]) GROUP BY user_id) o)::int AS "otherMax"
           FROM (SELECT count(*) AS n FROM approval_pending WHERE user_id = ANY($1::uuid[]) GROUP BY user_id) b`,
        [benchIds.map((u) => u.id)],
      )
    ).rows[0];
    return {
      seconds: (performance.now() - started) / 1000,
      counts,
      perUser,
      minSteps,
      routes: t,
      benchUsers: benchIds,
    };
  } finally {
    await c.end();
  }
}
