import { defineStore } from 'pinia';
import { ref } from 'vue';

/**
 * When the server last heard from this tab. The session ends after `sessionIdleMinutes` without a request, so
 * the shell warns shortly before and offers to continue.
 */
export const useIdleStore = defineStore('idle', () => {
  const lastActivity = ref(Date.now());

  function touch(at: number = Date.now()): void {
    lastActivity.value = at;
  }

  /** Milliseconds left before the server ends the session for inactivity. */
  function remaining(idleMinutes: number, now: number = Date.now()): number {
    return lastActivity.value + idleMinutes * 60_000 - now;
  }

  return { lastActivity, touch, remaining };
});

/** Warn this long before the end: three minutes, or a third of the idle time when that is shorter. */
export function warnBeforeMs(idleMinutes: number): number {
  return Math.min(3 * 60_000, (idleMinutes * 60_000) / 3);
}
