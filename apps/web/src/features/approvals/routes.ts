import type { RouteRecordRaw } from 'vue-router';

/** 決裁: the inbox, drafting and the document view, each loaded only when opened. */
export const approvalRoutes: RouteRecordRaw[] = [
  {
    path: 'approvals',
    name: 'approvals',
    component: () => import('./views/InboxView.vue'),
    meta: { titleKey: 'titles.approvals' },
  },
  {
    path: 'approvals/search',
    name: 'approval-search',
    component: () => import('./views/SearchView.vue'),
    meta: { titleKey: 'approvals.titles.search' },
  },
  {
    path: 'approvals/new',
    name: 'approval-new',
    component: () => import('./views/DraftView.vue'),
    meta: { titleKey: 'approvals.titles.new' },
  },
  {
    path: 'approvals/:id/edit',
    name: 'approval-edit',
    component: () => import('./views/DraftView.vue'),
    props: true,
    meta: { titleKey: 'approvals.titles.edit' },
  },
  {
    path: 'approvals/:id',
    name: 'approval-document',
    component: () => import('./views/DocumentView.vue'),
    props: true,
    meta: { titleKey: 'approvals.titles.document' },
  },
];
