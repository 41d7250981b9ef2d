import type {
  ClientEventName,
  ClientEventPayload,
  ClientToServerEvents,
  ServerToClientEvents,
  SessionRevokedEvent,
} from '@ringi/contracts';
import { SOCKET_PATH } from '@ringi/contracts';
import type { Pinia } from 'pinia';
import type { Socket } from 'socket.io-client';
import { watch } from 'vue';
import type { Router } from 'vue-router';
import { useApprovalsStore } from '../features/approvals/store';
import { useAttendanceStore } from '../features/attendance/store';
import { useChatStore } from '../features/chat/store';
import { useDisasterStore } from '../features/disaster/store';
import { useMeetingLiveStore } from '../features/meetings/live-store';
import { useNotificationsStore } from '../features/notifications/store';
import { useAuthStore } from './auth-store';
import { currentLocale } from './i18n';
import { useIdleStore } from './idle-store';
import { useRealtimeStore } from './realtime-store';

type RingiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one socket of the app. It follows the auth store: connected once someone is signed in, closed when
 * they sign out. Every listener is registered here, once, and hands its payload to a store action;
 * components never call `socket.on`.
 */
let socket: RingiSocket | null = null;
let generation = 0;

function register(target: RingiSocket, pinia: Pinia, router: Router): void {
  const auth = useAuthStore(pinia);
  const realtime = useRealtimeStore(pinia);
  const idle = useIdleStore(pinia);
  const notifications = useNotificationsStore(pinia);
  const approvals = useApprovalsStore(pinia);
  const meetingLive = useMeetingLiveStore(pinia);
  const chat = useChatStore(pinia);
  const attendance = useAttendanceStore(pinia);
  const disaster = useDisasterStore(pinia);

  target.on('connect', () => realtime.setConnected(true));
  target.on('disconnect', () => realtime.setConnected(false));
  target.on('connect_error', () => {
    realtime.setConnected(false);
    if (target.active) return; // socket.io retries by itself
    // The server refused the handshake (no valid session). Ask the API: a 401 there signs out and leaves.
    void auth
      .loadMe()
      .then((me) => {
        if (me && socket === target) window.setTimeout(() => target.connect(), 5000);
        else if (!me) {
          auth.clear('expired');
          void router.replace({ name: 'sign-in' });
        }
      })
      .catch(() => undefined);
  });

  target.on('hello', (payload) => {
    realtime.onHello(payload);
    // After a (re)connection, catch up with what happened while the socket was away.
    void notifications.resync().catch(() => undefined);
    meetingLive.onReconnected();
    void chat.onConnected().catch(() => undefined);
    disaster.onReconnected();
    attendance.onReconnected();
  });
  target.on('meeting:presentation', (payload) => meetingLive.onPresentation(payload));
  target.on('meeting:pointer', (payload) => meetingLive.onPointer(payload));
  target.on('meeting:changed', (payload) => meetingLive.onChanged(payload));
  target.on('notification:new', (payload) => {
    notifications.onNew(payload);
    chat.onNotification(payload.notification, currentLocale());
  });
  target.on('notification:read', (payload) => notifications.onRead(payload));
  target.on('chat:changes', (payload) => chat.onChanges(payload));
  target.on('chat:read', (payload) => chat.onRead(payload));
  target.on('chat:channel', (payload) => void chat.onChannel(payload));
  target.on('chat:typing', (payload) => chat.onTyping(payload));
  target.on('chat:presence', (payload) => chat.onPresence(payload));
  target.on('approvals:counts', (payload) => approvals.onCounts(payload));
  target.on('disaster:roll_call', (payload) => disaster.onRollCall(payload));
  target.on('attendance:punched', (payload) => attendance.onPunched(payload));
  target.on('disaster:answered', (payload) => disaster.onAnswered(payload));
  target.on('session:revoked', (payload: SessionRevokedEvent) => {
    if (auth.signingOut) return;
    // The server says `expired` for both ends of a session; the idle store knows which came first.
    auth.clear(payload.reason === 'expired' && idle.endsBy === 'lifetime' ? 'lifetime' : payload.reason);
    void router.replace({ name: 'sign-in' });
  });
}

async function connect(pinia: Pinia, router: Router): Promise<void> {
  const mine = ++generation;
  // socket.io-client is loaded only after sign-in, so the sign-in page stays small.
  const { io } = await import('socket.io-client');
  if (mine !== generation || socket) return; // signed out (or reconnected) while loading
  const created: RingiSocket = io({ path: SOCKET_PATH, withCredentials: true });
  socket = created;
  register(created, pinia, router);
}

/**
 * Sends a client event and waits for its acknowledgement (`{ ok, data | error }`); null when there is no
 * connection or no answer within `timeoutMs`. The one way components and stores send socket events.
 */
export function emitWithAck<E extends ClientEventName>(
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs = 10_000,
): Promise<unknown> {
  const target = socket;
  if (!target?.connected) return Promise.resolve(null);
  return (target.timeout(timeoutMs).emitWithAck as (e: string, p: unknown) => Promise<unknown>)(
    event,
    payload,
  ).catch(() => null);
}

export function disconnectSocket(): void {
  generation++;
  if (!socket) return;
  socket.removeAllListeners();
  socket.disconnect();
  socket = null;
}

/** Called once from main.ts. */
export function installSocket(pinia: Pinia, router: Router): void {
  const auth = useAuthStore(pinia);
  const realtime = useRealtimeStore(pinia);
  watch(
    () => auth.me?.id ?? null,
    (userId, previous) => {
      if (userId === previous) return;
      disconnectSocket();
      realtime.reset();
      useNotificationsStore(pinia).reset();
      useApprovalsStore(pinia).reset();
      useMeetingLiveStore(pinia).reset();
      useChatStore(pinia).reset();
      useDisasterStore(pinia).reset();
      if (userId) void connect(pinia, router);
    },
    { immediate: true },
  );
  // Chat messages written while the browser was offline go out as soon as it is online again.
  window.addEventListener('online', () => {
    if (auth.me) void useChatStore(pinia).flush();
  });
}
