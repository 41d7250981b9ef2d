// A bounded closed-loop load: one worker per user, each sending its own list of requests one after another.

/**
 * `jobs[u]` is user u's list of `() => Promise<Response>`; all users run at once. Returns the latencies (ms)
 * and the wall time. A response that is not 2xx stops the run (the figures would mean nothing).
 */
export async function runUsers(jobs) {
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    jobs.map(async (list) => {
      for (const job of list) {
        const t0 = performance.now();
        const res = await job();
        const text = await res.text();
        latencies.push(performance.now() - t0);
        if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
      }
    }),
  );
  return { latencies, ms: performance.now() - started };
}

/**
 * Waits until the bench database has had no active query but ours for 3 polls in a row (at most 60 s), so that
 * work a side left running after its last answer (Ringi's after-commit events) is counted in its own time and
 * does not fall on the next round. Returns the milliseconds until it was first seen idle.
 */
export async function settle(client) {
  const started = performance.now();
  let quiet = 0;
  let quietSince = 0;
  while (quiet < 3 && performance.now() - started < 60_000) {
    const polled = performance.now() - started;
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`,
    );
    if (rows[0].n > 0) quiet = 0;
    else if (quiet++ === 0) quietSince = polled;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // From the last answer until the database was first seen idle (the polls that confirm it are not counted).
  return quietSince;
}

/** A round: the users' requests, then the database settling; its time includes what it left running. */
export async function round(client, jobs) {
  const result = await runUsers(jobs);
  const settled = await settle(client);
  return { ...result, ms: result.ms + settled, settled };
}

/** Merges rounds of one side: count, throughput (requests over the summed wall time) and percentiles. */
export function stats(rounds) {
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const ms = rounds.reduce((sum, r) => sum + r.ms, 0);
  const pct = (q) => all[Math.min(all.length - 1, Math.max(0, Math.ceil(q * all.length) - 1))];
  const settled = rounds.reduce((sum, r) => sum + (r.settled ?? 0), 0);
  return {
    count: all.length,
    rps: all.length / (ms / 1000),
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    settled,
  };
}

const fmt = (n, digits = 1) => n.toFixed(digits).padStart(9);

/** The table of one scenario: Ringi, baseline and the ratio Ringi/baseline of each figure. */
export function table(name, ringi, baseline) {
  const row = (label, s) =>
    `${name.padEnd(8)} ${label.padEnd(9)} ${String(s.count).padStart(6)} ${fmt(s.rps)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.p99)}`;
  const ratio = (k) => ringi[k] / baseline[k];
  return [
    `${'scenario'.padEnd(8)} ${'side'.padEnd(9)} ${'count'.padStart(6)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`,
    row('Ringi', ringi),
    row('baseline', baseline),
    `${name.padEnd(8)} ${'ratio'.padEnd(9)} ${''.padStart(6)} ${fmt(ratio('rps'), 2)} ${fmt(ratio('p50'), 2)} ${fmt(ratio('p95'), 2)} ${fmt(ratio('p99'), 2)}`,
    `ratio ${name} p50 ${ratio('p50').toFixed(2)} p95 ${ratio('p95').toFixed(2)} p99 ${ratio('p99').toFixed(2)} throughput ${ratio('rps').toFixed(2)}`,
  ].join('\n');
}
