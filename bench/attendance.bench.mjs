// Timesheets (出勤簿) at town scale: a year of punches, leave and overtime for 300 staff; one department's monthly
// timesheet and the whole town's payroll export through Ringi's HTTP API, each against one raw SQL aggregate that
// produces the same totals (asserted equal), in the same run; prints the times and the ratio Ringi/SQL.
//
//   node bench/attendance.bench.mjs            (after `npm run build`; or through `npm run bench -- attendance`)
//   BENCH_SHEETS (default 30) department sheets, BENCH_EXPORTS (default 6) town exports per round and side
//   DATABASE_URL: a PostgreSQL server to use instead of the embedded one (a fresh database, dropped at the end)
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { makeTempDir, removeTempDir, root, signIn, startApi, startDatabase } from './approvals/stack.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
// The town's calendar as the API has it (national holidays, the year-end closure): leave is taken on working days.
const { isWorkingDay } = require(join(root, 'dist/api/libs/domain/src/index.js'));

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const STAFF = 300;
const SHEETS = positive('BENCH_SHEETS', 30);
const EXPORTS = positive('BENCH_EXPORTS', 6);
const log = (line) => console.log(line);

/** `YYYY-MM-DD` of a Date (UTC parts) and the month before today's in Japan. */
const ymd = (d) => d.toISOString().slice(0, 10);
const tokyoToday = () => ymd(new Date(Date.now() + 9 * 3600_000));
const monthBefore = (date) => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
const MONTH = monthBefore(tokyoToday());
const FIRST = `${MONTH}-01`;
const LAST = ymd(new Date(Date.UTC(Number(MONTH.slice(0, 4)), Number(MONTH.slice(5, 7)), 0)));
const YEAR_FROM = ymd(new Date(Date.UTC(Number(MONTH.slice(0, 4)) - 1, Number(MONTH.slice(5, 7)), 1)));

/**
 * The raw SQL aggregate: per person whose 本務 was in `$1` (uuid[] of departments, or NULL for the whole town)
 * during the month, for the days of that assignment: days clocked in, minutes worked (clock-in to clock-out without
 * the part of the 12:00–13:00 break between them), approved annual leave minutes (the seed's requests are of one
 * working day each, whole or two hours, so the SQL need not know the calendar), approved overtime
 * (actual once reported, else planned).
 */
const AGGREGATE = `
  WITH RECURSIVE
  tree AS (
    SELECT unnest($1::uuid[]) AS id
    UNION
    SELECT v.department_id FROM department_version v JOIN tree ON v.parent_id = tree.id
     WHERE v.valid_from <= $3::date AND (v.valid_to IS NULL OR v.valid_to >= $2::date)),
  seg AS (
    SELECT m.user_id, GREATEST(m.valid_from, $2::date) AS f, LEAST(COALESCE(m.valid_to, $3::date), $3::date) AS t
      FROM membership m
     WHERE m.is_primary AND m.valid_from <= $3 AND (m.valid_to IS NULL OR m.valid_to >= $2)
       AND ($1::uuid[] IS NULL OR m.department_id IN (SELECT id FROM tree))),
  people AS (SELECT DISTINCT user_id FROM seg),
  inday AS (
    SELECT i.user_id, i.work_date, i.at AS in_at, o.at AS out_at
      FROM attendance_punch i
      LEFT JOIN attendance_punch o ON o.user_id = i.user_id AND o.work_date = i.work_date AND o.kind = 'out'
                                  AND o.voided_at IS NULL
     WHERE i.kind = 'in' AND i.voided_at IS NULL AND i.work_date BETWEEN $2 AND $3
       AND EXISTS (SELECT 1 FROM seg WHERE seg.user_id = i.user_id AND i.work_date BETWEEN seg.f AND seg.t)),
  mins AS (
    SELECT user_id,
           round(extract(epoch FROM in_at - (work_date::timestamp AT TIME ZONE 'Asia/Tokyo')) / 60) AS f,
           round(extract(epoch FROM out_at - (work_date::timestamp AT TIME ZONE 'Asia/Tokyo')) / 60) AS t
      FROM inday),
  worked AS (
    SELECT user_id, count(*) AS days,
           sum(CASE WHEN t IS NULL OR t <= f THEN 0
                    ELSE t - f - GREATEST(0, LEAST(t, 780) - GREATEST(f, 720)) END) AS minutes
      FROM mins GROUP BY user_id),
  leave AS (
    SELECT l.user_id, sum(l.minutes) AS minutes
      FROM leave_request l
     WHERE l.status = 'approved' AND l.from_date BETWEEN $2 AND $3
       AND EXISTS (SELECT 1 FROM seg WHERE seg.user_id = l.user_id AND l.from_date BETWEEN seg.f AND seg.t)
     GROUP BY l.user_id),
  overtime AS (
    SELECT r.user_id, sum(COALESCE(r.actual_minutes, r.planned_minutes)) AS minutes
      FROM overtime_request r
     WHERE r.status = 'approved' AND r.work_date BETWEEN $2 AND $3
       AND EXISTS (SELECT 1 FROM seg WHERE seg.user_id = r.user_id AND r.work_date BETWEEN seg.f AND seg.t)
     GROUP BY r.user_id)
  SELECT u.staff_number, COALESCE(w.days, 0)::int AS days, COALESCE(w.minutes, 0)::int AS worked,
         COALESCE(l.minutes, 0)::int AS leave, COALESCE(o.minutes, 0)::int AS overtime
    FROM people p JOIN app_user u ON u.id = p.user_id
    LEFT JOIN worked w ON w.user_id = p.user_id
    LEFT JOIN leave l ON l.user_id = p.user_id
    LEFT JOIN overtime o ON o.user_id = p.user_id
   ORDER BY u.staff_number`;

/** 300 staff over the demo town's departments, with a year of punches, leave and overtime up to `LAST`. */
async function seed(c) {
  const started = performance.now();
  const departments = (
    await c.query(`SELECT id FROM department WHERE code NOT IN ('CHOCHO') ORDER BY sort_order, code`)
  ).rows.map((r) => r.id);
  const users = (
    await c.query(
      `INSERT INTO app_user (staff_number, family_name, given_name, family_name_kana, given_name_kana)
       SELECT 'A' || lpad(g::text, 3, '0'), 'ベンチ', '職員' || g, 'ベンチ', 'ショクイン'
         FROM generate_series(1, $1::int) g
       RETURNING id`,
      [STAFF],
    )
  ).rows.map((r) => r.id);
  await c.query(
    `INSERT INTO membership (user_id, department_id, position_id, is_primary, valid_from)
     SELECT u, ($2::uuid[])[(i - 1) % array_length($2::uuid[], 1) + 1],
            (SELECT id FROM position WHERE code = 'SHUJI'), true, DATE '2000-01-01'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x (u, i)`,
    [users, departments],
  );
  // Every weekday of the year, ~3 % missed: in between 8:00 and 8:59, out between 17:00 and 20:59 (whole minutes).
  await c.query(
    `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, client_id)
     SELECT u, k.kind,
            (d::timestamp + CASE WHEN k.kind = 'in' THEN interval '8 hours' + (random() * 59)::int * interval '1 minute'
                                 ELSE interval '17 hours' + (random() * 239)::int * interval '1 minute' END)
              AT TIME ZONE 'Asia/Tokyo',
            d::date, CASE WHEN random() < 0.1 THEN 'telework' ELSE 'office' END, gen_random_uuid()
       FROM unnest($1::uuid[]) u, generate_series($2::date, $3::date, '1 day') d,
            (VALUES ('in'), ('out')) k (kind)
      WHERE extract(isodow FROM d) < 6 AND hashtext(u::text || d::text) % 33 <> 0`,
    [users, YEAR_FROM, LAST],
  );
  // Leave: 10 single days and 6 two-hour leaves a year each, on working days; overtime: ~6 a month each, most
  // reported.
  const workingDays = [];
  for (let d = YEAR_FROM; d <= LAST; d = ymd(new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000)))
    if (isWorkingDay(d)) workingDays.push(d);
  await c.query(
    `INSERT INTO leave_request (user_id, leave_year, unit, from_date, to_date, minutes, status)
     SELECT u, extract(year FROM d)::int, CASE WHEN n <= 10 THEN 'day' ELSE 'hour' END, d, d,
            CASE WHEN n <= 10 THEN 465 ELSE 120 END, 'approved'
       FROM unnest($1::uuid[]) u, generate_series(1, 16) n,
            LATERAL (SELECT ($2::date[])[1 + abs(hashtext(u::text || n)) % array_length($2::date[], 1)] AS d) x`,
    [users, workingDays],
  );
  await c.query(
    `INSERT INTO overtime_request (user_id, work_date, planned_minutes, actual_minutes, reason, status)
     SELECT u, d, 60 + 15 * (abs(hashtext(u::text || d::text)) % 8),
            CASE WHEN random() < 0.9 THEN 45 + 15 * (abs(hashtext(d::text || u::text)) % 8) END, 'ベンチ', 'approved'
       FROM unnest($1::uuid[]) u, generate_series($2::date, $3::date, '1 day') d
      WHERE extract(isodow FROM d) < 6 AND abs(hashtext(u::text || 'ot' || d::text)) % 7 = 0`,
    [users, YEAR_FROM, LAST],
  );
  await c.query('VACUUM (ANALYZE)');
  const counts = (
    await c.query(
      `SELECT (SELECT count(*) FROM attendance_punch)::int AS punches, (SELECT count(*) FROM leave_request)::int AS leave,
              (SELECT count(*) FROM overtime_request)::int AS overtime`,
    )
  ).rows[0];
  return { counts, seconds: (performance.now() - started) / 1000 };
}

/** Runs `fn` n times one after another; milliseconds per call (median) and in all. */
async function timed(n, fn) {
  const each = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    each.push(performance.now() - t0);
  }
  each.sort((a, b) => a - b);
  return { median: each[Math.floor(each.length / 2)], total: performance.now() - started };
}

const hours = (minutes) => Math.round((minutes / 60) * 100) / 100;

log(
  `attendance bench: ${STAFF} staff, a year of punches, leave and overtime up to ${LAST}; month ${MONTH}; ` +
    `${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} at the start`,
);
const dir = makeTempDir();
let db;
let ringi;
let c;
try {
  db = await startDatabase(dir);
  log(`database: ${db.where}`);
  ringi = await startApi(db.url, dir);
  c = new Client({ connectionString: db.url });
  await c.connect();
  const seeded = await seed(c);
  log(
    `seeded in ${seeded.seconds.toFixed(1)} s: ${seeded.counts.punches.toLocaleString('en')} punches, ` +
      `${seeded.counts.leave.toLocaleString('en')} leave requests, ${seeded.counts.overtime.toLocaleString('en')} ` +
      `overtime requests`,
  );
  const cookie = await signIn(ringi.base, '1005', 'ringi-demo-2026'); // the demo administrator
  // The busiest 課 (with its 係).
  const [dept] = (
    await c.query(
      `SELECT d.id, d.name, count(*)::int AS n FROM department d
         JOIN department_version v ON v.parent_id = d.id OR v.department_id = d.id
         JOIN membership m ON m.department_id = v.department_id AND m.is_primary
        WHERE d.kind = 'division' GROUP BY d.id, d.name ORDER BY n DESC, d.name LIMIT 1`,
    )
  ).rows;

  const sheetUrl = `${ringi.base}/api/attendance/timesheets?departmentId=${dept.id}&month=${MONTH}`;
  const exportUrl = `${ringi.base}/api/attendance/timesheets/export?month=${MONTH}&format=csv`;
  const xlsxUrl = `${ringi.base}/api/attendance/timesheets/export?month=${MONTH}&format=xlsx`;
  const get = async (url) => {
    const res = await fetch(url, { headers: { cookie } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res;
  };
  const aggregate = async (departmentIds) => (await c.query(AGGREGATE, [departmentIds, FIRST, LAST])).rows;

  // Same totals, or the figures mean nothing.
  const sheet = await (await get(sheetUrl)).json();
  const sql = await aggregate([dept.id]);
  const fromSheet = sheet.people
    .map((p) => ({
      staff_number: p.staffNumber,
      days: p.totals.daysWorked,
      worked: p.totals.workedMinutes,
      leave: p.totals.leaveMinutes,
      overtime: p.totals.overtimeMinutes,
    }))
    .sort((a, b) => a.staff_number.localeCompare(b.staff_number));
  sql.sort((a, b) => a.staff_number.localeCompare(b.staff_number));
  if (JSON.stringify(fromSheet) !== JSON.stringify(sql))
    throw new Error(`the sheet and the SQL disagree:\n${JSON.stringify(fromSheet)}\n${JSON.stringify(sql)}`);
  const csv = (await (await get(exportUrl)).text())
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1);
  const town = await aggregate(null);
  const fromCsv = csv
    .map((line) => line.split(','))
    .map((f) => ({ staff_number: f[1], days: Number(f[4]), worked: Number(f[5]), overtime: Number(f[8]) }))
    .sort((a, b) => a.staff_number.localeCompare(b.staff_number));
  const fromSql = [...town]
    .sort((a, b) => a.staff_number.localeCompare(b.staff_number))
    .map((r) => ({
      staff_number: r.staff_number,
      days: r.days,
      worked: hours(r.worked),
      overtime: hours(r.overtime),
    }));
  if (JSON.stringify(fromCsv) !== JSON.stringify(fromSql)) throw new Error('the export and the SQL disagree');
  log(
    `${dept.name}: ${sheet.people.length} people; whole town: ${town.length} people; totals equal ` +
      `(days ${town.reduce((s, r) => s + r.days, 0).toLocaleString('en')}, ` +
      `${hours(town.reduce((s, r) => s + r.worked, 0)).toLocaleString('en')} h worked, ` +
      `${hours(town.reduce((s, r) => s + r.overtime, 0)).toLocaleString('en')} h overtime)`,
  );

  // Warm-up, then two alternating rounds per side.
  await timed(3, () => get(sheetUrl).then((r) => r.arrayBuffer()));
  await timed(3, () => aggregate([dept.id]));
  const results = {
    sheet: { ringi: [], sql: [] },
    csv: { ringi: [], sql: [] },
    xlsx: { ringi: [], sql: [] },
  };
  for (let round = 0; round < 2; round++) {
    results.sheet.sql.push(await timed(SHEETS, () => aggregate([dept.id])));
    results.sheet.ringi.push(await timed(SHEETS, () => get(sheetUrl).then((r) => r.arrayBuffer())));
    results.csv.sql.push(await timed(EXPORTS, () => aggregate(null)));
    results.csv.ringi.push(await timed(EXPORTS, () => get(exportUrl).then((r) => r.arrayBuffer())));
    results.xlsx.sql.push(await timed(EXPORTS, () => aggregate(null)));
    results.xlsx.ringi.push(await timed(EXPORTS, () => get(xlsxUrl).then((r) => r.arrayBuffer())));
  }
  const median = (list) => list.map((r) => r.median).sort((a, b) => a - b)[0];
  log('');
  log('| what | Ringi (HTTP, ms, median) | raw SQL aggregate (ms, median) | ratio Ringi/SQL |');
  log('| --- | ---: | ---: | ---: |');
  for (const [name, label] of [
    ['sheet', `one department's monthly timesheet (${dept.name}, ${sheet.people.length} people)`],
    ['csv', `whole town's export, CSV (${town.length} people)`],
    ['xlsx', `whole town's export, XLSX (${town.length} people)`],
  ]) {
    const r = median(results[name].ringi);
    const s = median(results[name].sql);
    log(`| ${label} | ${r.toFixed(1)} | ${s.toFixed(1)} | ${(r / s).toFixed(1)} |`);
  }
  log(`(best of two rounds' medians; ${SHEETS} sheets and ${EXPORTS} exports per round and side)`);
} finally {
  await c?.end().catch(() => undefined);
  await ringi?.stop();
  await db?.stop();
  removeTempDir(dir);
}
