import type { CreateDeputyRequest, Deputy } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as adminApi from './api';

/** Everyone's deputy periods (代決者), for administrators. */
export const useDeputiesAdminStore = defineStore('admin-deputies', () => {
  const items = ref<Deputy[]>([]);
  const includePast = ref(false);
  const loading = ref(false);
  const saving = ref(false);
  const busyId = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = (await adminApi.listDeputies(includePast.value)).items;
    } finally {
      loading.value = false;
    }
  }

  async function create(body: CreateDeputyRequest): Promise<Deputy> {
    saving.value = true;
    try {
      const saved = await adminApi.createDeputy(body);
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
        await adminApi.deleteDeputy(deputy.id);
        items.value = items.value.filter((d) => d.id !== deputy.id);
      } else {
        const ended = await adminApi.endDeputy(deputy.id, { lastDay: today });
        items.value = items.value.map((d) => (d.id === ended.id ? ended : d));
      }
    } finally {
      busyId.value = null;
    }
  }

  return { items, includePast, loading, saving, busyId, load, create, stop };
});
