import type { Deputy } from '@ringi/contracts';
import { ref } from 'vue';

/** The calls behind a list of deputy periods: an administrator's (anyone's) or a person's own. */
export interface DeputyPeriodsApi<Create> {
  create: (body: Create) => Promise<Deputy>;
  delete: (id: string) => Promise<void>;
  end: (id: string, body: { lastDay: string }) => Promise<Deputy>;
}

/**
 * State and actions shared by both deputy stores (admin and account): the list, its loading and saving flags,
 * adding a period, and stopping one (deleted before it begins, ended today once it has begun).
 */
export function deputyPeriods<Create>(api: DeputyPeriodsApi<Create>) {
  const items = ref<Deputy[]>([]);
  const loading = ref(false);
  const saving = ref(false);
  const busyId = ref<string | null>(null);

  async function loadWith(fetch: () => Promise<void>): Promise<void> {
    loading.value = true;
    try {
      await fetch();
    } finally {
      loading.value = false;
    }
  }

  async function create(body: Create): Promise<Deputy> {
    saving.value = true;
    try {
      const saved = await api.create(body);
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
        await api.delete(deputy.id);
        items.value = items.value.filter((d) => d.id !== deputy.id);
      } else {
        const ended = await api.end(deputy.id, { lastDay: today });
        items.value = items.value.map((d) => (d.id === ended.id ? ended : d));
      }
    } finally {
      busyId.value = null;
    }
  }

  return { items, loading, saving, busyId, loadWith, create, stop };
}
