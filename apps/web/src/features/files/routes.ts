import type { RouteRecordRaw } from 'vue-router';

/** `/files/:id`: any stored file by id (approval attachments, chat files and meeting materials link here). */
export const fileRoutes: RouteRecordRaw[] = [
  {
    path: 'files/:id',
    name: 'file',
    component: () => import('./views/FilePreviewView.vue'),
    props: true,
    meta: { titleKey: 'files.title' },
  },
];
