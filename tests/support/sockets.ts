import {
  SOCKET_PATH,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@ringi/contracts';
import { io, type Socket } from 'socket.io-client';

/** A Socket.IO client as the tests use it: typed with the contracts' events. */
export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The promise, or a failure naming `what` after `ms` milliseconds. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Waits until `check` holds (polling, no fixed sleep), or fails naming `what`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 10_000,
): Promise<void> {
  if (!(await eventually(async () => await check(), Boolean, ms)))
    throw new Error(`not within ${ms} ms: ${what}`);
}

/**
 * Reads again (polling, no fixed sleep) until `done` holds of the answer, or `ms` have passed, and returns the last
 * answer: the caller's `expect` then says what was wrong. For what follows a commit (events, queued jobs), which a
 * loaded machine may take seconds to do.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (answer: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await read();
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A socket connected to the app at `url` with a signed-in client's session cookie, once the server said
 * `hello`. No reconnection: a test decides when to connect again. Added to `opened` (to close them all after).
 */
export async function connectSocket(url: string, cookie: string, opened?: TestSocket[]): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { cookie, origin: url },
    reconnection: false,
    forceNew: true,
  });
  opened?.push(socket);
  await within(5000, new Promise((resolve) => socket.once('hello', resolve)), 'connected');
  return socket;
}

/** Sends a client event and waits for its acknowledgement. */
export function emitAck<T>(
  socket: TestSocket,
  event: keyof ClientToServerEvents,
  payload: unknown,
): Promise<Ack<T>> {
  return within(
    5000,
    new Promise<Ack<T>>((resolve) =>
      (socket.emit as (e: string, p: unknown, ack: (a: unknown) => void) => void)(event, payload, (a) =>
        resolve(a as Ack<T>),
      ),
    ),
    `ack of ${event}`,
  );
}
