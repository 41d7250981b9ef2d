// Delivery: N socket.io-client connections in this process (several per signed-in person), in channels of 20;
// one sender per channel. Latency runs from just before `chat:send` to the arrival of the message's
// `chat:changes` at each member connection (the sender's own included). Two loads per side:
// - closed loop: every channel's sender sends its next message once the previous one is acknowledged, for
//   `seconds`: the messages per second the side sustains, and the latencies at that load;
// - open loop: `rate` messages per second in all (round robin over the channels) for `seconds`, the same offered
//   load on both sides: the latencies when neither is saturated.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { io } = require('socket.io-client');
const here = dirname(fileURLToPath(import.meta.url));

export const within = (ms, promise, what) => {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

export function connect(base, cookie) {
  const socket = io(base, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin: base, ...(cookie ? { cookie } : {}) },
    reconnection: false,
    forceNew: true,
  });
  return within(
    30_000,
    new Promise((resolve, reject) => {
      socket.once('hello', () => resolve(socket));
      socket.once('connect_error', reject);
    }),
    'socket connected',
  );
}

export const emit = (socket, event, payload) =>
  within(
    60_000,
    new Promise((resolve, reject) =>
      socket.emit(event, payload, (ack) =>
        ack?.ok ? resolve(ack.data) : reject(new Error(`${event}: ${JSON.stringify(ack)}`)),
      ),
    ),
    event,
  );

/**
 * Connects `plan.connections` ({ cookie, channelIds }) a few at a time and subscribes each. Every connection
 * records, per arriving message (by clientId), the time since it was sent (`sent`).
 */
export async function gather(base, connections, { ringi, sent, latencies, log }) {
  const sockets = new Array(connections.length);
  let next = 0;
  const t0 = performance.now();
  let received = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < connections.length) {
        const i = next++;
        const s = await connect(base, ringi ? connections[i].cookie : null);
        s.on('chat:changes', (e) => {
          const now = performance.now();
          for (const m of e.items) {
            const at = sent.get(m.clientId);
            if (at !== undefined) {
              latencies.push(now - at);
              received++;
            }
          }
        });
        await emit(s, 'chat:subscribe', ringi ? {} : { channelIds: connections[i].channelIds });
        sockets[i] = s;
      }
    }),
  );
  log(`  ${sockets.length} connections subscribed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { sockets, received: () => received };
}

/** Runs one load; returns { sent, acked, seconds, latencies, acks }. Waits for every receipt (bounded). */
export async function load({ senders, members, seconds, rate, side }) {
  const sent = side.sent;
  side.latencies.length = 0;
  const before = side.received();
  const acks = [];
  let count = 0;
  const sendOne = async (s, i) => {
    const clientId = randomUUID();
    const text = `ベンチ ${i} 明日の会議の予算を確認してください`;
    const t0 = performance.now();
    sent.set(clientId, t0);
    count++;
    await emit(s.socket, 'chat:send', { channelId: s.channelId, clientId, text });
    acks.push(performance.now() - t0);
  };
  const started = performance.now();
  const end = started + seconds * 1000;
  if (!rate) {
    await Promise.all(
      senders.map(async (s) => {
        let i = 0;
        while (performance.now() < end) await sendOne(s, i++);
      }),
    );
  } else {
    const inFlight = [];
    let i = 0;
    while (performance.now() < end) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(sendOne(senders[i % senders.length], i));
      i++;
    }
    await Promise.all(inFlight);
  }
  const elapsed = (performance.now() - started) / 1000;
  const expected = count * members;
  await within(
    120_000,
    until(() => side.received() - before >= expected),
    `${expected} receipts`,
  );
  return {
    messages: count,
    seconds: elapsed,
    perSecond: count / elapsed,
    latencies: [...side.latencies],
    acks,
  };
}

async function until(check) {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

export async function startBareServer() {
  const child = spawn(process.execPath, [join(here, 'bare-chat-server.mjs')], {
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
