/** The admin chunk: every admin screen, imported together by features/admin/routes.ts. */
export { default as AdminLayout } from './AdminLayout.vue';
export { default as ApprovalTemplatesView } from './ApprovalTemplatesView.vue';
export { default as AttendanceSettingsView } from './AttendanceSettingsView.vue';
export { default as AuditView } from './AuditView.vue';
export { default as DecisionAuthorityView } from './DecisionAuthorityView.vue';
export { default as DepartmentsView } from './DepartmentsView.vue';
export { default as DeputiesView } from './DeputiesView.vue';
export { default as PositionsView } from './PositionsView.vue';
export { default as SessionsAdminView } from './SessionsAdminView.vue';
export { default as StaffDetailView } from './StaffDetailView.vue';
export { default as StaffImportView } from './StaffImportView.vue';
export { default as StaffListView } from './StaffListView.vue';
