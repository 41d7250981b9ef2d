import type { RouteRecordRaw } from 'vue-router';
import { registerFeatureMessages } from '../../app/i18n';

registerFeatureMessages('approvals', {
  ja: () => import('./locales/ja').then((m) => m.approvalsJa),
  en: () => import('./locales/en').then((m) => m.approvalsEn),
});

/** 決裁: the inbox, search, drafting and the document view, each loaded only when opened, with its messages. */
export const approvalRoutes: RouteRecordRaw[] = [
  {
    path: 'approvals',
    name: 'approvals',
    component: () => import('./views/InboxView.vue'),
    meta: { messages: ['approvals'], titleKey: 'titles.approvals' },
  },
  {
    path: 'approvals/search',
    name: 'approval-search',
    component: () => import('./views/SearchView.vue'),
    meta: { messages: ['approvals'], titleKey: 'approvals.titles.search' },
  },
  {
    path: 'approvals/new',
    name: 'approval-new',
    component: () => import('./views/DraftView.vue'),
    meta: { messages: ['approvals', 'records'], titleKey: 'approvals.titles.new' },
  },
  {
    path: 'approvals/:id/edit',
    name: 'approval-edit',
    component: () => import('./views/DraftView.vue'),
    props: true,
    meta: { messages: ['approvals', 'records'], titleKey: 'approvals.titles.edit' },
  },
  {
    path: 'approvals/:id',
    name: 'approval-document',
    component: () => import('./views/DocumentView.vue'),
    props: true,
    // The document shows what records management knows of it (秘文書, 簿冊, 書面決定, 収受): records' words.
    meta: { messages: ['approvals', 'records'], titleKey: 'approvals.titles.document' },
  },
];
