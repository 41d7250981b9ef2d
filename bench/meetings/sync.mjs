// Page-sync latency: from the presenter's `meeting:present` to the arrival of `meeting:presentation` at each of
// N connected followers (socket.io-client in this process, one connection each), against a bare Socket.IO server
// broadcasting the same payload to N clients (bare-socket-server.mjs, a process of its own like the API).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { io } = require('socket.io-client');
const here = dirname(fileURLToPath(import.meta.url));

const within = (ms, promise, what) => {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

function connect(base, cookie) {
  const socket = io(base, {
    path: '/socket.io',
    transports: ['websocket'],
    // Ringi accepts sockets only from pages it served (Origin) and with the session cookie, as a browser sends.
    extraHeaders: { origin: base, ...(cookie ? { cookie } : {}) },
    reconnection: false,
    forceNew: true,
  });
  return within(
    15_000,
    new Promise((resolve, reject) => {
      socket.once('hello', () => resolve(socket));
      socket.once('connect_error', reject);
    }),
    'socket connected',
  );
}

const emit = (socket, event, payload) =>
  within(
    15_000,
    new Promise((resolve, reject) =>
      socket.emit(event, payload, (ack) =>
        ack?.ok ? resolve(ack.data) : reject(new Error(`${event}: ${JSON.stringify(ack)}`)),
      ),
    ),
    event,
  );

/** Connects the presenter and the followers (a few at a time) and joins them all to the meeting's room. */
async function gather(base, meetingId, presenterCookie, followerCookies) {
  const followers = new Array(followerCookies.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < followerCookies.length) {
        const i = next++;
        followers[i] = await connect(base, followerCookies[i]);
        await emit(followers[i], 'meeting:join', { meetingId });
      }
    }),
  );
  const presenter = await connect(base, presenterCookie);
  await emit(presenter, 'meeting:join', { meetingId });
  return { presenter, followers };
}

/**
 * `changes` page changes one after another (the next once every follower has the previous one); for each, the
 * milliseconds from just before the presenter's emit to each follower's arrival. Returns the latencies and the
 * presenter's acknowledgement times.
 */
async function measure({ presenter, followers }, payloadOf, changes) {
  const latencies = [];
  const acks = [];
  for (let i = 0; i < changes; i++) {
    const page = (i % 13) + 2;
    let t0 = 0;
    const arrived = Promise.all(
      followers.map(
        (f) =>
          new Promise((resolve, reject) =>
            f.once('meeting:presentation', (p) => {
              const ms = performance.now() - t0;
              if (p.page === page) resolve(ms);
              else reject(new Error(`a follower got page ${p.page}, not ${page}`));
            }),
          ),
      ),
    );
    t0 = performance.now();
    await emit(presenter, 'meeting:present', payloadOf(page));
    acks.push(performance.now() - t0);
    latencies.push(...(await within(30_000, arrived, `page ${page} at every follower`)));
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return { latencies, acks };
}

function close({ presenter, followers }) {
  for (const s of [presenter, ...followers]) s.disconnect();
}

export async function startBareServer() {
  const child = spawn(process.execPath, [join(here, 'bare-socket-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare Socket.IO server exited (${code})`)));
    child.stdout.on('data', (d) => {
      const m = /port (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
  });
  child.removeAllListeners('exit');
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/**
 * Both sides, alternating (baseline, Ringi, baseline, Ringi) after a warm-up of each, `changes` page changes per
 * side in all. Returns `{ ringi, baseline }`, each `{ latencies, acks }`.
 */
export async function runSync({ ringiBase, live, changes, warmUp = 3, log }) {
  const bare = await startBareServer();
  let ringi;
  let baseline;
  try {
    let t0 = performance.now();
    ringi = await gather(ringiBase, live.meetingId, live.presenterCookie, live.followerCookies);
    log(
      `  Ringi: ${ringi.followers.length} followers connected and joined (meeting:join) in ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    t0 = performance.now();
    baseline = await gather(
      bare.base,
      live.meetingId,
      null,
      live.followerCookies.map(() => null),
    );
    log(
      `  baseline: ${baseline.followers.length} clients connected and joined in ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const ringiPayload = (page) => ({
      meetingId: live.meetingId,
      materialId: live.materialId,
      page,
      forced: false,
    });
    // The baseline broadcasts what Ringi broadcasts: its acknowledged presentation, with the page changed.
    const first = Promise.all(
      ringi.followers.map((f) => new Promise((resolve) => f.once('meeting:presentation', resolve))),
    );
    const sample = (await emit(ringi.presenter, 'meeting:present', ringiPayload(1))).presentation;
    await within(30_000, first, 'the first page at every follower');
    const barePayload = (page) => ({ ...sample, page });

    await measure(baseline, barePayload, warmUp);
    await measure(ringi, ringiPayload, warmUp);
    const out = { ringi: { latencies: [], acks: [] }, baseline: { latencies: [], acks: [] } };
    for (const n of [Math.ceil(changes / 2), Math.floor(changes / 2)]) {
      for (const [side, sockets, payload] of [
        ['baseline', baseline, barePayload],
        ['ringi', ringi, ringiPayload],
      ]) {
        const r = await measure(sockets, payload, n);
        out[side].latencies.push(...r.latencies);
        out[side].acks.push(...r.acks);
      }
    }
    return out;
  } finally {
    if (ringi) close(ringi);
    if (baseline) close(baseline);
    await bare.stop();
  }
}
