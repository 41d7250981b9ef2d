import type { RouteRecordRaw } from 'vue-router';
import { registerFeatureMessages } from '../../app/i18n';

registerFeatureMessages('records', {
  ja: () => import('./locales/ja').then((m) => m.recordsJa),
  en: () => import('./locales/en').then((m) => m.recordsEn),
});
registerFeatureMessages('recordsBinders', {
  ja: () => import('./locales/binders-ja').then((m) => m.recordsBindersJa),
  en: () => import('./locales/binders-en').then((m) => m.recordsBindersEn),
});
registerFeatureMessages('recordsDashboard', {
  ja: () => import('./locales/dashboard-ja').then((m) => m.recordsDashboardJa),
  en: () => import('./locales/dashboard-en').then((m) => m.recordsDashboardEn),
});

const messages = ['records', 'recordsBinders', 'recordsDashboard'];

/**
 * 文書管理: the receipt register (収受簿), binders (簿冊), paper decisions (書面決定), the end of retention and the
 * file plan (records officers), and the dashboard (電子決裁率).
 */
export const recordsRoutes: RouteRecordRaw[] = [
  {
    path: 'records',
    component: () => import('./views/RecordsLayout.vue'),
    meta: { messages },
    children: [
      { path: '', name: 'records', redirect: { name: 'records-receipts' } },
      {
        path: 'receipts',
        name: 'records-receipts',
        component: () => import('./views/ReceiptsView.vue'),
        meta: { messages, titleKey: 'records.receipts.title' },
      },
      {
        path: 'receipts/:id',
        name: 'records-receipt',
        component: () => import('./views/ReceiptView.vue'),
        props: true,
        meta: { messages, titleKey: 'records.receipt.title' },
      },
      {
        path: 'paper-decisions/new',
        name: 'records-paper-decision',
        component: () => import('./views/PaperDecisionView.vue'),
        meta: { messages, titleKey: 'records.paper.title' },
      },
      {
        path: 'binders',
        name: 'records-binders',
        component: () => import('./views/BindersView.vue'),
        meta: { messages, titleKey: 'recordsBinders.binders.title' },
      },
      {
        path: 'binders/:id',
        name: 'records-binder',
        component: () => import('./views/BinderView.vue'),
        props: true,
        meta: { messages, titleKey: 'recordsBinders.binder.title' },
      },
      {
        path: 'retention',
        name: 'records-retention',
        component: () => import('./views/RetentionView.vue'),
        meta: { admin: true, messages, titleKey: 'recordsBinders.retention.title' },
      },
      {
        path: 'file-plan',
        name: 'records-file-plan',
        component: () => import('./views/FilePlanView.vue'),
        meta: { admin: true, messages, titleKey: 'recordsBinders.filePlan.title' },
      },
      {
        path: 'dashboard',
        name: 'records-dashboard',
        component: () => import('./views/DashboardView.vue'),
        meta: { messages, titleKey: 'recordsDashboard.title' },
      },
    ],
  },
];
