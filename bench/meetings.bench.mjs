// Meetings: the material viewer's first page on an emulated iPad against pdf.js alone, and the live session's page
// sync to 200 followers against a bare Socket.IO broadcast; both sides in the same run, ratios printed.
//
//   node bench/meetings.bench.mjs           (after `node scripts/build.mjs`; or `npm run bench -- meetings`)
//   BENCH_MEETINGS_PARTS=viewer|sync        one part only (default both)
//   BENCH_VIEWER_RUNS (default 5)           timed runs per PDF and side (median), after one warm-up each
//   BENCH_FOLLOWERS (default 200)           connected followers (and bare Socket.IO clients)
//   BENCH_SYNC_CHANGES (default 20)         page changes per side (each reaches every follower)
//   DATABASE_URL                            a PostgreSQL server to use instead of the embedded one
//   CHROMIUM_PATH                           Chromium (default /usr/bin/chromium)
// The 300-page PDF is generated once into bench/.data/ (git-ignored).
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { root, startDatabase } from './approvals/stack.mjs';
import { makeTempDir, removeTempDir, snapshotBuild, startApi } from './meetings/app.mjs';
import { BIG_PAGES, bigPdf } from './meetings/big-pdf.mjs';
import { seedLiveMeeting, seedViewerMeeting } from './meetings/seed.mjs';
import { runSync } from './meetings/sync.mjs';
import { CPU_THROTTLING, median, runViewer } from './meetings/viewer.mjs';

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const RUNS = positive('BENCH_VIEWER_RUNS', 5);
const FOLLOWERS = positive('BENCH_FOLLOWERS', 200);
const CHANGES = positive('BENCH_SYNC_CHANGES', 20);
const parts = new Set((process.env.BENCH_MEETINGS_PARTS ?? 'viewer,sync').split(','));
const log = (line) => console.log(line);
const pad = (v, n) => String(v).padStart(n);
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

function pct(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

function viewerTable(results) {
  const lines = [
    `${'pdf'.padEnd(18)} ${pad('size', 8)} ${pad('Ringi ms', 9)} ${pad('floor ms', 9)} ${pad('ratio', 6)} ` +
      `${pad('file asked ms', 13)} ${pad('not busy ms', 11)} ${pad('file bytes before 1st page', 27)}`,
  ];
  for (const [name, r] of Object.entries(results)) {
    const ringi = median(r.ringi.map((x) => x.ms));
    const floor = median(r.floor.map((x) => x.ms));
    const bytes = median(r.ringi.map((x) => x.fileBytes));
    const requests = median(r.ringi.map((x) => x.fileRequests));
    lines.push(
      `${name.padEnd(18)} ${pad(mb(r.size), 8)} ${pad(ringi.toFixed(0), 9)} ${pad(floor.toFixed(0), 9)} ` +
        `${pad((ringi / floor).toFixed(2), 6)} ${pad(median(r.ringi.map((x) => x.fileAskedMs)).toFixed(0), 13)} ` +
        `${pad(median(r.ringi.map((x) => x.notBusyMs)).toFixed(0), 11)} ` +
        `${pad(`${(bytes / 1024).toFixed(0)} KiB (${((100 * bytes) / r.size).toFixed(1)} %, ${requests} req.)`, 27)}`,
    );
  }
  for (const [name, r] of Object.entries(results)) {
    const ringi = median(r.ringi.map((x) => x.ms));
    const floor = median(r.floor.map((x) => x.ms));
    lines.push(
      `ratio viewer ${name} first page ${(ringi / floor).toFixed(2)} (Ringi ${ringi.toFixed(0)} ms, floor ${floor.toFixed(0)} ms)`,
    );
  }
  return lines.join('\n');
}

function syncTable(out) {
  const row = (side, s) =>
    `${side.padEnd(9)} ${pad(s.latencies.length, 7)} ${pad(pct(s.latencies, 0.5).toFixed(1), 8)} ` +
    `${pad(pct(s.latencies, 0.99).toFixed(1), 8)} ${pad(Math.max(...s.latencies).toFixed(1), 8)} ` +
    `${pad(pct(s.acks, 0.5).toFixed(1), 11)}`;
  const ratio = (f) => (f(out.ringi) / f(out.baseline)).toFixed(2);
  const p50 = (s) => pct(s.latencies, 0.5);
  const p99 = (s) => pct(s.latencies, 0.99);
  return [
    `${'side'.padEnd(9)} ${pad('samples', 7)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)} ${pad('max ms', 8)} ${pad('ack p50 ms', 11)}`,
    row('Ringi', out.ringi),
    row('baseline', out.baseline),
    `${'ratio'.padEnd(9)} ${pad('', 7)} ${pad(ratio(p50), 8)} ${pad(ratio(p99), 8)}`,
    `ratio sync p50 ${ratio(p50)} p99 ${ratio(p99)}`,
  ].join('\n');
}

log(
  `meetings bench: ${[...parts].join(' + ')}; ${availableParallelism()} cores, ` +
    `load average ${loadavg()[0].toFixed(2)} at the start`,
);
const pdfs = {
  'freeculture.pdf': join(root, 'tests/fixtures/pdfs/freeculture.pdf'),
  [`big-${BIG_PAGES}p.pdf`]: parts.has('viewer') ? await bigPdf(log) : null,
};
const dir = makeTempDir();
const build = snapshotBuild();
let db;
let ringi;
const summary = [];
try {
  db = await startDatabase(dir);
  log(`database: ${db.where}`);
  ringi = await startApi(db.url, dir, build);
  log(`Ringi started on it (migrations, demo town) at ${ringi.base}`);

  if (parts.has('viewer')) {
    const v = await seedViewerMeeting({ base: ringi.base, url: db.url, pdfs, log });
    log(
      `\nviewer: ${RUNS} runs per PDF and side (+1 warm-up), devices['iPad Pro 11'], ${CPU_THROTTLING}× CPU throttling`,
    );
    const results = await runViewer({
      base: ringi.base,
      meetingId: v.meetingId,
      cookie: v.viewerCookie,
      pdfs: Object.fromEntries(
        Object.entries(pdfs).map(([name, path]) => [name, { path, materialId: v.materials[name] }]),
      ),
      runs: RUNS,
      log,
    });
    summary.push(
      '',
      `viewer: time to the first page visible, median of ${RUNS} (iPad Pro 11, ${CPU_THROTTLING}× CPU throttling)`,
      '  Ringi: navigation to /meetings/:id/materials/:materialId (cold cache, signed in) until the first page canvas',
      '  floor: pdf.js alone, from import to page 1 drawn, bytes already in memory (same size and pixel ratio)',
      viewerTable(results),
    );
  }

  if (parts.has('sync')) {
    log(`\nsync: ${FOLLOWERS} followers, ${CHANGES} page changes per side (+3 warm-up)`);
    const live = await seedLiveMeeting({ base: ringi.base, url: db.url, followers: FOLLOWERS, log });
    const out = await runSync({ ringiBase: ringi.base, live, changes: CHANGES, log });
    summary.push(
      '',
      `sync: meeting:present → meeting:presentation at each of ${FOLLOWERS} followers, ${CHANGES} changes per side`,
      '  Ringi: session cookie, payload validated, access checked, presentation stored in PostgreSQL and read back',
      '  baseline: bare Socket.IO server (own process) broadcasting the same payload to the room',
      syncTable(out),
    );
  }
  log(
    `\n== summary (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  log(summary.join('\n'));
} finally {
  await ringi?.stop();
  await db?.stop();
  removeTempDir(dir);
  removeTempDir(build);
}
