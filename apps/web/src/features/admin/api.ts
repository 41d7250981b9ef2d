import type {
  AbolishDepartmentRequest,
  CreateDeputyRequest,
  Deputy,
  DepartmentChangeRequest,
  DepartmentHistory,
  DeputyList,
  EndDeputyRequest,
  AuditList,
  AuditQuery,
  AuditVerify,
  CreateDepartmentRequest,
  CreateMembershipRequest,
  CreatePositionRequest,
  CreateStaffRequest,
  Department,
  DepartmentList,
  Position,
  PositionList,
  RevokedCount,
  SessionList,
  SetPasswordRequest,
  Staff,
  StaffImportResult,
  StaffList,
  StaffListQuery,
  UpdateDepartmentRequest,
  UpdateMembershipRequest,
  UpdatePositionRequest,
  UpdateStaffRequest,
} from '@ringi/contracts';
import { http } from '../../app/http';

const id = (value: string): string => encodeURIComponent(value);
const formWith = (file: File): FormData => {
  const form = new FormData();
  form.append('file', file);
  return form;
};

// Departments and positions (forms show their own errors, hence `quiet`).
export const listDepartments = () => http.get<DepartmentList>('/api/org/departments');
export const createDepartment = (body: CreateDepartmentRequest) =>
  http.post<Department>('/api/org/departments', body, { quiet: true });
export const updateDepartment = (deptId: string, body: UpdateDepartmentRequest) =>
  http.patch<Department>(`/api/org/departments/${id(deptId)}`, body, { quiet: true });
export const departmentHistory = (deptId: string) =>
  http.get<DepartmentHistory>(`/api/org/departments/${id(deptId)}/history`);
export const changeDepartment = (deptId: string, body: DepartmentChangeRequest) =>
  http.post<DepartmentHistory>(`/api/org/departments/${id(deptId)}/changes`, body, { quiet: true });
export const abolishDepartment = (deptId: string, body: AbolishDepartmentRequest) =>
  http.post<DepartmentHistory>(`/api/org/departments/${id(deptId)}/abolition`, body, { quiet: true });
export const listPositions = () => http.get<PositionList>('/api/org/positions');
export const createPosition = (body: CreatePositionRequest) =>
  http.post<Position>('/api/org/positions', body, { quiet: true });
export const updatePosition = (positionId: string, body: UpdatePositionRequest) =>
  http.patch<Position>(`/api/org/positions/${id(positionId)}`, body, { quiet: true });

// Staff and their assignments (発令).
export const listStaff = (query: StaffListQuery) =>
  http.get<StaffList>('/api/org/staff', { query: { ...query } });
export const getStaff = (staffId: string) => http.get<Staff>(`/api/org/staff/${id(staffId)}`);
export const createStaff = (body: CreateStaffRequest) =>
  http.post<Staff>('/api/org/staff', body, { quiet: true });
export const updateStaff = (staffId: string, body: UpdateStaffRequest) =>
  http.patch<Staff>(`/api/org/staff/${id(staffId)}`, body, { quiet: true });
export const setStaffPassword = (staffId: string, body: SetPasswordRequest) =>
  http.put<void>(`/api/org/staff/${id(staffId)}/password`, body, { quiet: true });
export const createMembership = (staffId: string, body: CreateMembershipRequest) =>
  http.post<Staff>(`/api/org/staff/${id(staffId)}/memberships`, body, { quiet: true });
export const updateMembership = (membershipId: string, body: UpdateMembershipRequest) =>
  http.patch<Staff>(`/api/org/memberships/${id(membershipId)}`, body, { quiet: true });
export const deleteMembership = (membershipId: string) =>
  http.delete<Staff>(`/api/org/memberships/${id(membershipId)}`);
export const importStaff = (file: File, dryRun: boolean) =>
  http.post<StaffImportResult>('/api/org/staff/import', formWith(file), { query: { dryRun }, quiet: true });

// Deputies (代決者) of anyone.
export const listDeputies = (includePast: boolean) =>
  http.get<DeputyList>('/api/org/deputies', { query: { includePast: String(includePast) } });
export const createDeputy = (body: CreateDeputyRequest) =>
  http.post<Deputy>('/api/org/deputies', body, { quiet: true });
export const endDeputy = (deputyId: string, body: EndDeputyRequest) =>
  http.post<Deputy>(`/api/org/deputies/${id(deputyId)}/end`, body);
export const deleteDeputy = (deputyId: string) => http.delete<void>(`/api/org/deputies/${id(deputyId)}`);

// Sessions and the audit trail.
export const listSessions = () => http.get<SessionList>('/api/admin/sessions');
export const revokeSession = (sessionId: string) => http.delete<void>(`/api/admin/sessions/${id(sessionId)}`);
export const revokeStaffSessions = (staffId: string) =>
  http.post<RevokedCount>(`/api/admin/staff/${id(staffId)}/revoke-sessions`);
export const listAudit = (query: AuditQuery) =>
  http.get<AuditList>('/api/admin/audit', { query: { ...query } });
export const verifyAudit = () => http.get<AuditVerify>('/api/admin/audit/verify');

export const STAFF_CSV_TEMPLATE_URL = '/api/org/staff-csv-template';
