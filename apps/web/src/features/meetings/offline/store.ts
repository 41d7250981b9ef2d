import type { Meeting } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useAuthStore } from '../../../app/auth-store';
import { offlineSupported } from '../../../app/offline';
import * as meetingsApi from '../api';
import { deleteCopy, listCopies, saveCopy, type CopyInfo, type CopyProgress } from './copies';

export type CopyFailure = 'save' | 'remove';

/** Meetings kept on this device for the signed-in person, and the progress of keeping them. No toasts here. */
export const useMeetingOfflineStore = defineStore('meetingOffline', () => {
  const auth = useAuthStore();
  const supported = offlineSupported();
  const copies = ref<Record<string, CopyInfo>>({});
  const progress = ref<Record<string, CopyProgress>>({});
  const failed = ref<Record<string, CopyFailure>>({});
  const loaded = ref(false);
  /** Keeping every upcoming meeting at once (「今後の会議をすべて保存」). */
  const savingAll = ref(false);

  const list = computed(() =>
    Object.values(copies.value).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  );
  const isSaved = (id: string) => id in copies.value;
  const isBusy = (id: string) => id in progress.value;

  async function refresh(): Promise<void> {
    const me = auth.me;
    if (!supported || !me) return;
    const next: Record<string, CopyInfo> = {};
    for (const info of await listCopies(me.id)) next[info.meetingId] = info;
    copies.value = next;
    loaded.value = true;
  }

  /** Keeps one meeting (fetched anew, so the current versions are the ones kept). */
  async function save(meetingId: string, known?: Meeting): Promise<boolean> {
    const me = auth.me;
    if (!supported || !me || isBusy(meetingId)) return false;
    delete failed.value[meetingId];
    progress.value[meetingId] = { phase: 'app', doneBytes: 0, totalBytes: 0, doneFiles: 0, totalFiles: 0 };
    try {
      const meeting = known ?? (await meetingsApi.getMeeting(meetingId));
      const info = await saveCopy(me, meeting, (p) => {
        progress.value[meetingId] = p;
      });
      copies.value[meetingId] = info;
      return true;
    } catch {
      failed.value[meetingId] = 'save';
      return false;
    } finally {
      delete progress.value[meetingId];
    }
  }

  async function remove(meetingId: string): Promise<boolean> {
    const me = auth.me;
    if (!supported || !me) return false;
    delete failed.value[meetingId];
    try {
      await deleteCopy(me.id, meetingId);
      delete copies.value[meetingId];
      return true;
    } catch {
      failed.value[meetingId] = 'remove';
      return false;
    }
  }

  /** Keeps each of the person's upcoming meetings not kept yet (every page of the list). Returns how many. */
  async function saveUpcoming(): Promise<{ saved: number; failed: number }> {
    const result = { saved: 0, failed: 0 };
    if (!supported || savingAll.value) return result;
    savingAll.value = true;
    try {
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const list = await meetingsApi.listMeetings('upcoming', page, 100);
        ids.push(...list.items.map((m) => m.id));
        if (page * list.pageSize >= list.total || !list.items.length) break;
      }
      for (const id of ids) {
        if (isSaved(id)) continue;
        if (await save(id)) result.saved++;
        else result.failed++;
      }
    } finally {
      savingAll.value = false;
    }
    return result;
  }

  return {
    supported,
    copies,
    progress,
    failed,
    loaded,
    savingAll,
    list,
    isSaved,
    isBusy,
    refresh,
    save,
    remove,
    saveUpcoming,
  };
});
