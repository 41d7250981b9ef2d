import type { RouteRecordRaw } from 'vue-router';

export const directoryRoutes: RouteRecordRaw[] = [
  {
    path: 'directory',
    name: 'directory',
    component: () => import('./views/DirectoryView.vue'),
    meta: { titleKey: 'titles.directory' },
  },
];
