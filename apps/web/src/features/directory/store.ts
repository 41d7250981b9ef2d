import type { Department, DirectoryEntry, DirectoryQuery } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as directoryApi from './api';
import { flattenTree } from './department-tree';

/** People per page of the directory. */
export const DIRECTORY_PAGE_SIZE = 30;

/** The staff directory (職員名簿): one page of colleagues matching a search, and the departments to filter by. */
export const useDirectoryStore = defineStore('directory', () => {
  const items = ref<DirectoryEntry[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(DIRECTORY_PAGE_SIZE);
  const loaded = ref(false);
  const loading = ref(false);
  const departments = ref<Department[]>([]);

  const departmentTree = computed(() => flattenTree(departments.value.filter((d) => d.active)));

  async function search(query: DirectoryQuery): Promise<void> {
    loading.value = true;
    try {
      const list = await directoryApi.listDirectory({ pageSize: DIRECTORY_PAGE_SIZE, ...query });
      items.value = list.items;
      total.value = list.total;
      page.value = list.page;
      pageSize.value = list.pageSize;
      loaded.value = true;
    } finally {
      loading.value = false;
    }
  }

  async function loadDepartments(): Promise<void> {
    if (!departments.value.length) departments.value = (await directoryApi.listDepartments()).items;
  }

  return {
    items,
    total,
    page,
    pageSize,
    loaded,
    loading,
    departments,
    departmentTree,
    search,
    loadDepartments,
  };
});
