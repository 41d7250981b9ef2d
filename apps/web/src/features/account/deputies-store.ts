import type { CreateOwnDeputyRequest, Deputy } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as accountApi from './api';

/** One's own deputies (代決者): who covers me while I am away, and for whom I am registered. */
export const useOwnDeputiesStore = defineStore('own-deputies', () => {
  const items = ref<Deputy[]>([]);
  const actingFor = ref<Deputy[]>([]);
  const loading = ref(false);
  const saving = ref(false);
  const busyId = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const answer = await accountApi.listOwnDeputies();
      items.value = answer.items;
      actingFor.value = answer.actingFor;
    } finally {
      loading.value = false;
    }
  }

  async function create(body: CreateOwnDeputyRequest): Promise<Deputy> {
    saving.value = true;
    try {
      const saved = await accountApi.createOwnDeputy(body);
      items.value = [...items.value, saved].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
      return saved;
    } finally {
      saving.value = false;
    }
  }

  /** Ends a period today (it has begun) or deletes it (it has not). */
  async function stop(deputy: Deputy, today: string): Promise<void> {
    busyId.value = deputy.id;
    try {
      if (deputy.state === 'future') {
        await accountApi.deleteOwnDeputy(deputy.id);
        items.value = items.value.filter((d) => d.id !== deputy.id);
      } else {
        const ended = await accountApi.endOwnDeputy(deputy.id, { lastDay: today });
        items.value = items.value.map((d) => (d.id === ended.id ? ended : d));
      }
    } finally {
      busyId.value = null;
    }
  }

  return { items, actingFor, loading, saving, busyId, load, create, stop };
});
