import type { CreateOwnDeputyRequest, Deputy } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { deputyPeriods } from '../deputies/deputy-periods';
import * as accountApi from './api';

/** One's own deputies (代決者): who covers me while I am away, and for whom I am registered. */
export const useOwnDeputiesStore = defineStore('own-deputies', () => {
  const { items, loading, saving, busyId, loadWith, create, stop } = deputyPeriods<CreateOwnDeputyRequest>({
    create: accountApi.createOwnDeputy,
    delete: accountApi.deleteOwnDeputy,
    end: accountApi.endOwnDeputy,
  });
  const actingFor = ref<Deputy[]>([]);

  const load = () =>
    loadWith(async () => {
      const answer = await accountApi.listOwnDeputies();
      items.value = answer.items;
      actingFor.value = answer.actingFor;
    });

  return { items, actingFor, loading, saving, busyId, load, create, stop };
});
