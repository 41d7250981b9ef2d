import type { ApprovalInboxCounts } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as approvalsApi from './api';

const EMPTY: ApprovalInboxCounts = { pending: 0, done: 0, drafting: 0, submitted: 0, review: 0 };

/** The counts of the 決裁 inbox lists: loaded with the inbox, then kept live by `approvals:counts`. */
export const useApprovalsStore = defineStore('approvals', () => {
  const counts = ref<ApprovalInboxCounts>({ ...EMPTY });
  /** Goes up with every change pushed over the socket, so an open list knows to reload. */
  const changes = ref(0);

  async function loadCounts(): Promise<void> {
    counts.value = await approvalsApi.getInboxCounts();
  }

  function onCounts(payload: ApprovalInboxCounts): void {
    counts.value = { ...payload };
    changes.value++;
  }

  function reset(): void {
    counts.value = { ...EMPTY };
  }

  return { counts, changes, loadCounts, onCounts, reset };
});
