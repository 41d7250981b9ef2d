import type { AttendanceToday, PunchKind, PunchSource } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as attendanceApi from './api';

/** A tap that has not been answered yet: sent again with the same client id (nothing is ever recorded twice). */
interface PendingTap {
  kind: PunchKind;
  source: PunchSource;
  note: string;
  clientId: string;
}

/**
 * Today's attendance, the same in every tab and device: loaded by the screen, replaced by each punch's answer and
 * by `attendance:punched` from the person's other tabs. A tap whose answer is lost stays pending and is sent
 * again (same client id) when asked or when the connection is back.
 */
export const useAttendanceStore = defineStore('attendance', () => {
  const today = ref<AttendanceToday | null>(null);
  const pending = ref<PendingTap | null>(null);
  const sending = ref(false);
  const failed = ref(false);
  /**
   * Counts the answers applied to `today`. A load asked before a punch's answer (or `attendance:punched`) arrived
   * may have been read before the punch was saved: it is dropped instead of putting the old state back.
   */
  let applied = 0;

  function apply(next: AttendanceToday): void {
    applied++;
    today.value = next;
  }

  async function load(): Promise<void> {
    const asked = applied;
    const answer = await attendanceApi.today();
    if (applied === asked) apply(answer);
  }

  async function tap(kind: PunchKind, source: PunchSource, note: string): Promise<boolean> {
    pending.value ??= { kind, source, note, clientId: crypto.randomUUID() };
    return flush();
  }

  async function flush(): Promise<boolean> {
    const tapToSend = pending.value;
    if (!tapToSend || sending.value) return false;
    sending.value = true;
    try {
      const result = await attendanceApi.punch(tapToSend);
      apply(result.today);
      pending.value = null;
      failed.value = false;
      return true;
    } catch {
      failed.value = true;
      return false;
    } finally {
      sending.value = false;
    }
  }

  function onPunched(event: AttendanceToday): void {
    apply(event);
  }

  function onReconnected(): void {
    if (pending.value) void flush();
    else if (today.value) void load().catch(() => undefined);
  }

  function reset(): void {
    applied++;
    today.value = null;
    pending.value = null;
    failed.value = false;
  }

  return { today, pending, sending, failed, load, tap, flush, onPunched, onReconnected, reset };
});
