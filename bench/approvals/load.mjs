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

/** Merges rounds of one side: count, throughput (requests over the summed wall time) and percentiles. */
export function stats(rounds) {
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const ms = rounds.reduce((sum, r) => sum + r.ms, 0);
  const pct = (q) => all[Math.min(all.length - 1, Math.max(0, Math.ceil(q * all.length) - 1))];
  return { count: all.length, rps: all.length / (ms / 1000), p50: pct(0.5), p95: pct(0.95), p99: pct(0.99) };
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
