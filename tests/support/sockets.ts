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
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
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
