import type { CreateDeputyRequest } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { deputyPeriods } from '../deputies/deputy-periods';
import * as adminApi from './api';

/** Everyone's deputy periods (代決者), for administrators. */
export const useDeputiesAdminStore = defineStore('admin-deputies', () => {
  const { items, loading, saving, busyId, loadWith, create, stop } = deputyPeriods<CreateDeputyRequest>({
    create: adminApi.createDeputy,
    delete: adminApi.deleteDeputy,
    end: adminApi.endDeputy,
  });
  const includePast = ref(false);

  const load = () =>
    loadWith(async () => {
      items.value = (await adminApi.listDeputies(includePast.value)).items;
    });

  return { items, includePast, loading, saving, busyId, load, create, stop };
});
