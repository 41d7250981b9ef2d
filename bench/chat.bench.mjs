// Chat (issue 8): delivery to 1,000 connected clients in 50 channels against a bare Socket.IO broadcast, catch-up
// of 10,000 missed changes against the same SQL through raw pg, and search over 1,000,000 messages for one- and
// two-character Japanese words against pg_trgm on the same table; both sides in the same run, ratios printed.
//
//   node bench/chat.bench.mjs [options]      (after `node scripts/build.mjs`; or `npm run bench -- chat [options]`)
//   --parts delivery,catchup,search          what to run (default all)
//   --clients 1000 --channels 50             connections (several per person) and channels (clients / channels each)
//   --people 100                             signed-in bench people (C001…)
//   --seconds 10                             length of each load per side
//   --rate 0                                 open-loop messages per second (0: half of Ringi's closed-loop rate)
//   --catchup 10000                          missed changes to catch up on
//   --messages 1000000                       messages searched (inserted in SQL)
//   --runs 10                                timed runs per search query and side
//   DATABASE_URL                             a PostgreSQL server to use instead of the embedded one
import { availableParallelism, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { api, startDatabase } from './approvals/stack.mjs';
import { makeTempDir, removeTempDir, snapshotBuild, startApi } from './meetings/app.mjs';
import { connect, emit, gather, load, startBareServer } from './chat/delivery.mjs';
import { createChannel, insertMessages, seedPeople } from './chat/seed.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : (process.env[`BENCH_CHAT_${name.toUpperCase()}`] ?? String(fallback));
};
const whole = (name, fallback, min = 1) => {
  const v = Number(option(name, fallback));
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return v;
};
const parts = new Set(option('parts', 'delivery,catchup,search').split(','));
const CLIENTS = whole('clients', 1000);
const CHANNELS = whole('channels', 50);
const PEOPLE = whole('people', 100);
const SECONDS = whole('seconds', 10);
const RATE = whole('rate', 0, 0);
const CATCHUP = whole('catchup', 10_000);
const MESSAGES = whole('messages', 1_000_000);
const RUNS = whole('runs', 10);
if (CLIENTS % PEOPLE || PEOPLE % CHANNELS)
  throw new Error('--clients must divide by --people, --people by --channels');

const log = (line) => console.log(line);
const pad = (v, n) => String(v).padStart(n);
const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const median = (xs) => pct(xs, 0.5);
const ms = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

log(
  `chat bench: ${[...parts].join(' + ')}; ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} at the start`,
);
const dir = makeTempDir();
const build = snapshotBuild();
const { MESSAGE_SELECT } = require(join(build, 'api/apps/api/src/modules/chat/chat-read.js'));
let db;
let ringi;
let pg;
const summary = [];
try {
  db = await startDatabase(dir);
  log(`database: ${db.where}`);
  ringi = await startApi(db.url, dir, build);
  log(`Ringi started on it (migrations, demo town) at ${ringi.base}`);
  pg = new Client({ connectionString: db.url });
  await pg.connect();
  let t0 = performance.now();
  const people = await seedPeople({ base: ringi.base, url: db.url, count: PEOPLE });
  log(`${PEOPLE} bench people inserted and signed in in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  if (parts.has('catchup')) {
    log(`\ncatch-up: ${CATCHUP.toLocaleString('en')} missed changes`);
    const [owner, reader] = people;
    const channel = await createChannel(ringi.base, owner, '追いつきベンチ', 'private', [reader.id]);
    await insertMessages({
      url: db.url,
      channelId: channel.id,
      authorIds: [owner.id, reader.id],
      count: CATCHUP,
    });
    const socket = await connect(ringi.base, reader.cookie);
    const rows = [];
    for (const limit of [500, 1000]) {
      const ringiMs = [];
      const rawMs = [];
      for (let run = 0; run < 4; run++) {
        // Ringi: subscribe (the change number), then GET /changes?after=0 until `more` is false.
        let t = performance.now();
        const { channels } = await emit(socket, 'chat:subscribe', {});
        const target = channels.find((c) => c.id === channel.id).changeSeq;
        let after = 0;
        let items = 0;
        for (;;) {
          const page = await api(
            ringi.base,
            reader.cookie,
            'GET',
            `/api/chat/channels/${channel.id}/changes?after=${after}&limit=${limit}`,
          );
          items += page.items.length;
          after = page.changeSeq;
          if (!page.more) break;
        }
        if (after !== target || items !== CATCHUP)
          throw new Error(`caught up to ${after}/${items}, not ${target}`);
        if (run) ringiMs.push(performance.now() - t);
        // Baseline: the same SELECT of the same pages through raw pg, no HTTP, session, policy or JSON.
        t = performance.now();
        after = 0;
        for (;;) {
          const r = await pg.query(
            `${MESSAGE_SELECT} WHERE m.channel_id = $1 AND m.change_seq > $2 ORDER BY m.change_seq LIMIT $3`,
            [channel.id, after, limit + 1],
          );
          const page = r.rows.slice(0, limit);
          after = Number(page.at(-1)?.change_seq ?? after);
          if (r.rows.length <= limit) break;
        }
        if (run) rawMs.push(performance.now() - t);
      }
      rows.push({ limit, ringi: median(ringiMs), raw: median(rawMs) });
    }
    socket.disconnect();
    summary.push(
      '',
      `catch-up of ${CATCHUP.toLocaleString('en')} changes (median of 3 after a warm-up)`,
      '  Ringi: chat:subscribe, then GET /api/chat/channels/:id/changes?after=…&limit=… until more is false',
      '  baseline: the same SELECT (MESSAGE_SELECT) page by page through raw pg',
      `${'limit'.padEnd(6)} ${pad('Ringi ms', 9)} ${pad('raw SQL ms', 11)} ${pad('ratio', 6)}`,
      ...rows.map(
        (r) =>
          `${String(r.limit).padEnd(6)} ${pad(ms(r.ringi), 9)} ${pad(ms(r.raw), 11)} ${pad((r.ringi / r.raw).toFixed(2), 6)}`,
      ),
    );
    log(summary.slice(-rows.length - 4).join('\n'));
  }

  if (parts.has('delivery')) {
    const perPerson = CLIENTS / PEOPLE;
    const perChannel = PEOPLE / CHANNELS;
    const members = CLIENTS / CHANNELS;
    log(
      `\ndelivery: ${CLIENTS} connections (${perPerson} per person) in ${CHANNELS} channels of ${members}, ` +
        `${SECONDS} s per load and side`,
    );
    t0 = performance.now();
    const channels = [];
    for (let c = 0; c < CHANNELS; c++) {
      const group = people.slice(c * perChannel, (c + 1) * perChannel);
      channels.push(
        await createChannel(
          ringi.base,
          group[0],
          `配信ベンチ${c + 1}`,
          'private',
          group.slice(1).map((p) => p.id),
        ),
      );
    }
    log(
      `  ${CHANNELS} channels created through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const plan = Array.from({ length: CLIENTS }, (_, i) => {
      const person = Math.floor(i / perPerson);
      return { cookie: people[person].cookie, channelIds: [channels[Math.floor(person / perChannel)].id] };
    });
    const results = {};
    const run = async (name, base, isRingi) => {
      const side = { sent: new Map(), latencies: [] };
      const g = await gather(base, plan, { ringi: isRingi, sent: side.sent, latencies: side.latencies, log });
      side.received = g.received;
      try {
        // The first connection of each channel's first person sends.
        const senders = channels.map((ch, c) => ({
          channelId: ch.id,
          socket: g.sockets[c * perChannel * perPerson],
        }));
        if (!isRingi) await emit(senders[0].socket, 'bench:template', results.template);
        else {
          const first = await emit(senders[0].socket, 'chat:send', {
            channelId: senders[0].channelId,
            clientId: crypto.randomUUID(),
            text: 'ひな形',
          });
          results.template = first.message;
        }
        await load({ senders, members, seconds: 2, rate: 0, side }); // warm-up
        const closed = await load({ senders, members, seconds: SECONDS, rate: 0, side });
        log(`  ${name} closed loop: ${closed.perSecond.toFixed(0)} messages/s`);
        const rate =
          RATE || Math.max(1, Math.round((results.ringi?.closed.perSecond ?? closed.perSecond) / 2));
        const open = await load({ senders, members, seconds: SECONDS, rate, side });
        log(`  ${name} open loop at ${rate}/s: p50 ${ms(pct(open.latencies, 0.5))} ms`);
        results[name] = { closed, open, rate };
      } finally {
        for (const s of g.sockets) s?.disconnect();
      }
    };
    await run('ringi', ringi.base, true);
    const bare = await startBareServer();
    try {
      await run('baseline', bare.base, false);
    } finally {
      await bare.stop();
    }
    const row = (label, r) =>
      `${label.padEnd(22)} ${pad(r.messages, 8)} ${pad(r.perSecond.toFixed(0), 6)} ${pad(ms(pct(r.latencies, 0.5)), 8)} ` +
      `${pad(ms(pct(r.latencies, 0.95)), 8)} ${pad(ms(pct(r.latencies, 0.99)), 8)} ${pad(ms(pct(r.acks, 0.5)), 10)}`;
    const ratio = (label, a, b) =>
      `${label.padEnd(22)} ${pad('', 8)} ${pad((a.perSecond / b.perSecond).toFixed(2), 6)} ` +
      [0.5, 0.95, 0.99].map((q) => pad((pct(a.latencies, q) / pct(b.latencies, q)).toFixed(2), 8)).join(' ');
    const { ringi: R, baseline: B } = results;
    summary.push(
      '',
      `delivery: ${CLIENTS} connections, ${CHANNELS} channels of ${members}; latency = chat:send → chat:changes at every member`,
      '  Ringi: session, validation, access check, one transaction (channel lock, numbers, insert, read back), emit after commit',
      '  baseline: bare Socket.IO server (own process) numbering in memory and broadcasting the same message shape',
      `${'load / side'.padEnd(22)} ${pad('messages', 8)} ${pad('msg/s', 6)} ${pad('p50 ms', 8)} ${pad('p95 ms', 8)} ${pad('p99 ms', 8)} ${pad('ack p50', 10)}`,
      row('closed loop Ringi', R.closed),
      row('closed loop baseline', B.closed),
      ratio('closed loop ratio', R.closed, B.closed),
      row(`open ${R.rate}/s Ringi`, R.open),
      row(`open ${B.rate}/s baseline`, B.open),
      ratio(`open loop ratio`, R.open, B.open),
      `  (deliveries measured: Ringi ${R.closed.latencies.length + R.open.latencies.length}, baseline ${B.closed.latencies.length + B.open.latencies.length})`,
    );
    log(summary.slice(-11).join('\n'));
  }

  if (parts.has('search')) {
    log(`\nsearch: ${MESSAGES.toLocaleString('en')} messages`);
    const [searcher] = people;
    const channel = await createChannel(ringi.base, searcher, '検索ベンチ', 'public', []);
    t0 = performance.now();
    await insertMessages({
      url: db.url,
      channelId: channel.id,
      authorIds: people.slice(0, 20).map((p) => p.id),
      count: MESSAGES,
      rebuild: true,
      log,
    });
    log(`  inserted and indexed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    t0 = performance.now();
    await pg.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await pg.query(`CREATE INDEX bench_chat_body_trgm ON chat_message USING gin (body gin_trgm_ops)`);
    await pg.query(`ANALYZE chat_message`);
    log(`  pg_trgm GIN index on body built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const from = (cond) =>
      `FROM chat_message m JOIN chat_channel c ON c.id = m.channel_id
        WHERE m.deleted_at IS NULL
          AND (c.kind = 'public' OR c.id IN (SELECT channel_id FROM chat_channel_member WHERE user_id = $1))
          AND ${cond}`;
    // Ringi's condition exactly as TextSearchService.indexedMatchSql writes it; pg_trgm's with ILIKE.
    const sides = {
      ringi: from(
        `(m.grams @> ringi_search_grams($2::text) AND strpos(m.norm, ringi_search_norm($2::text)) > 0)`,
      ),
      trgm: from(`m.body ILIKE '%' || $2::text || '%'`),
    };
    const plan = async (sql, q) => {
      const r = await pg.query(`EXPLAIN SELECT count(*) ${sql}`, [searcher.id, q]);
      const text = r.rows.map((x) => x['QUERY PLAN']).join('\n');
      const idx = /Index Scan on (chat_message_grams_idx|bench_chat_body_trgm)/.exec(text);
      return idx
        ? `index ${idx[1]}`
        : /Seq Scan on chat_message/.test(text)
          ? 'seq scan of chat_message'
          : 'other';
    };
    const timed = async (fn) => {
      const out = [];
      await fn();
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await fn();
        out.push(performance.now() - t);
      }
      return out;
    };
    const rows = [];
    for (const q of ['会', '予', '津', '会議', '予算', '津波', '回覧板']) {
      // As the endpoint does (on both sides): count hits up to 1,000, then the newest page.
      const sqlRun = (sql) => async () => {
        await pg.query(`SELECT count(*)::int AS n FROM (SELECT 1 ${sql} LIMIT 1001) x`, [searcher.id, q]);
        await pg.query(`SELECT m.id ${sql} ORDER BY m.created_at DESC, m.id LIMIT 20`, [searcher.id, q]);
      };
      const hits = (await pg.query(`SELECT count(*)::int AS n ${sides.ringi}`, [searcher.id, q])).rows[0].n;
      const trgmHits = (await pg.query(`SELECT count(*)::int AS n ${sides.trgm}`, [searcher.id, q])).rows[0]
        .n;
      if (hits !== trgmHits) log(`  note: ${q}: Ringi finds ${hits}, ILIKE ${trgmHits}`);
      let endpointTotal;
      const endpoint = await timed(async () => {
        const r = await api(
          ringi.base,
          searcher.cookie,
          'GET',
          `/api/chat/search?q=${encodeURIComponent(q)}&pageSize=20`,
        );
        endpointTotal = r.totalCapped ? `${r.total}+` : String(r.total);
      });
      const expected = hits > 1000 ? '1000+' : String(hits);
      if (endpointTotal !== expected)
        throw new Error(`${q}: the endpoint found ${endpointTotal}, the SQL ${expected}`);
      rows.push({
        q,
        hits,
        endpoint,
        ringi: await timed(sqlRun(sides.ringi)),
        trgm: await timed(sqlRun(sides.trgm)),
        ringiPlan: await plan(sides.ringi, q),
        trgmPlan: await plan(sides.trgm, q),
      });
      const r = rows.at(-1);
      log(
        `  ${q}: ${hits} hits, endpoint p95 ${ms(pct(r.endpoint, 0.95))} ms, SQL ${ms(pct(r.ringi, 0.95))} ms, pg_trgm ${ms(pct(r.trgm, 0.95))} ms`,
      );
    }
    summary.push(
      '',
      `search over ${MESSAGES.toLocaleString('en')} messages, p95 of ${RUNS} runs (hits counted up to 1,000 + the newest 20)`,
      '  endpoint: GET /api/chat/search?q=…&pageSize=20 (session, access, count, page, messages read back, snippets)',
      "  Ringi SQL: the same count and page with TextSearchService's condition (grams @> …, GIN; strpos on norm)",
      "  pg_trgm: the same count and page with body ILIKE '%…%' and a GIN gin_trgm_ops index on body",
      `${'query'.padEnd(6)} ${pad('hits', 8)} ${pad('endpoint', 9)} ${pad('Ringi SQL', 10)} ${pad('pg_trgm', 8)} ${pad('ratio', 6)}  plans (Ringi / pg_trgm)`,
      ...rows.map(
        (r) =>
          `${r.q.padEnd(6 - [...r.q].length)} ${pad(r.hits, 8)} ${pad(ms(pct(r.endpoint, 0.95)), 9)} ` +
          `${pad(ms(pct(r.ringi, 0.95)), 10)} ${pad(ms(pct(r.trgm, 0.95)), 8)} ` +
          `${pad((pct(r.ringi, 0.95) / pct(r.trgm, 0.95)).toFixed(2), 6)}  ${r.ringiPlan} / ${r.trgmPlan}`,
      ),
    );
  }
  log(
    `\n== summary (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  log(summary.join('\n'));
} finally {
  await pg?.end().catch(() => undefined);
  await ringi?.stop();
  await db?.stop();
  removeTempDir(dir);
  removeTempDir(build);
}
