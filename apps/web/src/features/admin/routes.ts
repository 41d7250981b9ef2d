import type { RouteRecordRaw } from 'vue-router';

/** All admin screens come in one chunk, loaded the first time an administrator opens 管理. */
const views = () => import('./views');

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: 'admin',
    component: () => views().then((m) => m.AdminLayout),
    // The admin menu names the 電子決裁 screens (決裁の様式, 専決規程), whose words are approvals' messages.
    meta: { admin: true, messages: ['approvals'] },
    children: [
      { path: '', name: 'admin', redirect: { name: 'admin-staff' } },
      {
        path: 'staff',
        name: 'admin-staff',
        component: () => views().then((m) => m.StaffListView),
        meta: { admin: true, titleKey: 'titles.staff' },
      },
      {
        path: 'staff/import',
        name: 'admin-staff-import',
        component: () => views().then((m) => m.StaffImportView),
        meta: { admin: true, titleKey: 'titles.staffImport' },
      },
      {
        path: 'staff/:id',
        name: 'admin-staff-detail',
        component: () => views().then((m) => m.StaffDetailView),
        props: true,
        meta: { admin: true, titleKey: 'titles.staffDetail' },
      },
      {
        path: 'departments',
        name: 'admin-departments',
        component: () => views().then((m) => m.DepartmentsView),
        meta: { admin: true, titleKey: 'titles.departments' },
      },
      {
        path: 'deputies',
        name: 'admin-deputies',
        component: () => views().then((m) => m.DeputiesView),
        meta: { admin: true, titleKey: 'deputies.title' },
      },
      {
        path: 'positions',
        name: 'admin-positions',
        component: () => views().then((m) => m.PositionsView),
        meta: { admin: true, titleKey: 'titles.positions' },
      },
      {
        path: 'approval-templates',
        name: 'admin-approval-templates',
        component: () => views().then((m) => m.ApprovalTemplatesView),
        meta: { admin: true, titleKey: 'approvals.admin.titles.templates' },
      },
      {
        path: 'decision-authority',
        name: 'admin-decision-authority',
        component: () => views().then((m) => m.DecisionAuthorityView),
        meta: { admin: true, titleKey: 'approvals.admin.titles.authority' },
      },
      {
        path: 'attendance',
        name: 'admin-attendance',
        component: () => views().then((m) => m.AttendanceSettingsView),
        meta: { admin: true, messages: ['attendance'], titleKey: 'attendance.settings.title' },
      },
      {
        path: 'sessions',
        name: 'admin-sessions',
        component: () => views().then((m) => m.SessionsAdminView),
        meta: { admin: true, titleKey: 'titles.sessions' },
      },
      {
        path: 'audit',
        name: 'admin-audit',
        component: () => views().then((m) => m.AuditView),
        meta: { admin: true, titleKey: 'titles.audit' },
      },
    ],
  },
];
