import { ACTIVITY_PATH, ACTIVITY_REPORT_EVERY_MS, type Me, type SessionTime } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http } from './http';

/**
 * Deadlines are kept this much earlier than the server's, so that whatever this tab still offers (作業を続ける)
 * reaches the server while the session is alive, even over a slow network.
 */
export const SAFETY_MARGIN_MS = 2_000;

/** What ends the session first: inactivity, or its absolute lifetime since sign-in. */
export type SessionEnd = 'idle' | 'lifetime';

/** Starts the idle time again (the person's activity). The answer carries the new remaining time. */
const reportActivity = () =>
  http.post<void>(ACTIVITY_PATH, undefined, { quiet: true, allowUnauthenticated: true });
/** Asks how long the session has left without keeping it alive (any signed-in answer carries it). */
const askSessionTime = () => http.get<Me>('/api/me', { quiet: true, allowUnauthenticated: true });

/**
 * How long the session has left, by the server's own clock: every signed-in answer carries the remaining idle
 * time and lifetime (see http.ts), and this store turns them into deadlines on this device's clock at the moment
 * the answer arrived. The session is kept alive only by the person's activity, reported here at most once a
 * minute; background requests and the socket do not count.
 */
export const useIdleStore = defineStore('idle', () => {
  /** When the server will end the session for inactivity / for its lifetime (device clock); null before any answer. */
  const idleEndsAt = ref<number | null>(null);
  const lifetimeEndsAt = ref<number | null>(null);
  /** When the last answer with the session's time arrived (device clock). */
  const answeredAt = ref(0);
  /** When activity was last reported to the server (device clock). */
  const reportedAt = ref(0);
  let trailingReport: ReturnType<typeof setTimeout> | undefined;

  const endsAt = computed(() =>
    idleEndsAt.value === null || lifetimeEndsAt.value === null
      ? null
      : Math.min(idleEndsAt.value, lifetimeEndsAt.value),
  );
  const endsBy = computed<SessionEnd>(() =>
    lifetimeEndsAt.value !== null && idleEndsAt.value !== null && lifetimeEndsAt.value <= idleEndsAt.value
      ? 'lifetime'
      : 'idle',
  );

  function fromServer(time: SessionTime, receivedAt: number = Date.now()): void {
    idleEndsAt.value = receivedAt + time.idleSeconds * 1000 - SAFETY_MARGIN_MS;
    lifetimeEndsAt.value = receivedAt + time.absoluteSeconds * 1000 - SAFETY_MARGIN_MS;
    answeredAt.value = receivedAt;
  }

  /** Milliseconds before the session ends, or null when the server has not said yet. */
  function remaining(now: number = Date.now()): number | null {
    return endsAt.value === null ? null : endsAt.value - now;
  }

  /** Starts the idle time again now (作業を続ける, or activity). */
  async function keepAlive(now: number = Date.now()): Promise<void> {
    reportedAt.value = now;
    clearTimeout(trailingReport);
    trailingReport = undefined;
    await reportActivity();
  }

  /** Asks the server for the session's time; does not keep it alive. */
  async function check(): Promise<void> {
    await askSessionTime();
  }

  /**
   * The person did something. Reported at once when the last report is older than the reporting interval,
   * otherwise once at the end of the interval, so the server never lags behind by more than one interval.
   */
  function noteActivity(idleMinutes: number, now: number = Date.now()): void {
    const every = reportEveryMs(idleMinutes);
    if (now - reportedAt.value >= every) {
      void keepAlive(now).catch(() => undefined); // a failure shows up at the next check
    } else if (trailingReport === undefined) {
      trailingReport = setTimeout(
        () => {
          trailingReport = undefined;
          void keepAlive().catch(() => undefined);
        },
        reportedAt.value + every - now,
      );
    }
  }

  function reset(): void {
    idleEndsAt.value = null;
    lifetimeEndsAt.value = null;
    answeredAt.value = 0;
    reportedAt.value = 0;
    clearTimeout(trailingReport);
    trailingReport = undefined;
  }

  return {
    idleEndsAt,
    lifetimeEndsAt,
    answeredAt,
    reportedAt,
    endsAt,
    endsBy,
    fromServer,
    remaining,
    keepAlive,
    check,
    noteActivity,
    reset,
  };
});

/** Activity is reported at most once a minute, and at least four times per idle period when that is short. */
export function reportEveryMs(idleMinutes: number): number {
  return Math.min(ACTIVITY_REPORT_EVERY_MS, (idleMinutes * 60_000) / 4);
}

/** Warn this long before the end: three minutes, or a third of the idle time when that is shorter. */
export function warnBeforeMs(idleMinutes: number): number {
  return Math.min(3 * 60_000, (idleMinutes * 60_000) / 3);
}

/** The end of the session's lifetime cannot be put off: warn early enough to save one's work. */
export const LIFETIME_WARN_MS = 10 * 60_000;
