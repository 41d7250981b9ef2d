import type {
  AuditEvent,
  AuditType,
  AuditVerify,
  CreateDepartmentRequest,
  CreateMembershipRequest,
  CreatePositionRequest,
  CreateStaffRequest,
  Department,
  Position,
  SessionSummary,
  SetPasswordRequest,
  Staff,
  StaffImportResult,
  StaffListQuery,
  UpdateDepartmentRequest,
  UpdateMembershipRequest,
  UpdatePositionRequest,
  UpdateStaffRequest,
} from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { flattenTree } from '../directory/department-tree';
import * as adminApi from './api';

export { flattenTree, type DepartmentNode } from '../directory/department-tree';

/** The org master data: departments (所属) and positions (職). */
export const useOrgStore = defineStore('admin-org', () => {
  const departments = ref<Department[]>([]);
  const positions = ref<Position[]>([]);
  const loadingDepartments = ref(false);
  const loadingPositions = ref(false);
  const saving = ref(false);

  const departmentTree = computed(() => flattenTree(departments.value));
  const positionsByRank = computed(() =>
    [...positions.value].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code)),
  );
  const departmentById = computed(() => new Map(departments.value.map((d) => [d.id, d])));

  /** The department and everything under it (a department cannot move under one of these). */
  function subtreeIds(rootId: string): Set<string> {
    const out = new Set<string>([rootId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const department of departments.value) {
        if (department.parentId && out.has(department.parentId) && !out.has(department.id)) {
          out.add(department.id);
          grew = true;
        }
      }
    }
    return out;
  }

  async function loadDepartments(): Promise<void> {
    loadingDepartments.value = true;
    try {
      departments.value = (await adminApi.listDepartments()).items;
    } finally {
      loadingDepartments.value = false;
    }
  }

  async function loadPositions(): Promise<void> {
    loadingPositions.value = true;
    try {
      positions.value = (await adminApi.listPositions()).items;
    } finally {
      loadingPositions.value = false;
    }
  }

  async function ensureLoaded(): Promise<void> {
    await Promise.all([
      departments.value.length ? Promise.resolve() : loadDepartments(),
      positions.value.length ? Promise.resolve() : loadPositions(),
    ]);
  }

  async function saveDepartment(
    deptId: string | null,
    body: CreateDepartmentRequest | UpdateDepartmentRequest,
  ): Promise<Department> {
    saving.value = true;
    try {
      const saved = deptId
        ? await adminApi.updateDepartment(deptId, body)
        : await adminApi.createDepartment(body as CreateDepartmentRequest);
      departments.value = [...departments.value.filter((d) => d.id !== saved.id), saved];
      return saved;
    } finally {
      saving.value = false;
    }
  }

  async function savePosition(
    positionId: string | null,
    body: CreatePositionRequest | UpdatePositionRequest,
  ): Promise<Position> {
    saving.value = true;
    try {
      const saved = positionId
        ? await adminApi.updatePosition(positionId, body)
        : await adminApi.createPosition(body as CreatePositionRequest);
      positions.value = [...positions.value.filter((p) => p.id !== saved.id), saved];
      return saved;
    } finally {
      saving.value = false;
    }
  }

  return {
    departments,
    positions,
    loadingDepartments,
    loadingPositions,
    saving,
    departmentTree,
    positionsByRank,
    departmentById,
    subtreeIds,
    loadDepartments,
    loadPositions,
    ensureLoaded,
    saveDepartment,
    savePosition,
  };
});

/** Staff per page of the administrators' list. */
export const STAFF_PAGE_SIZE = 50;

/** Staff (職員), their assignments (発令) and the CSV import. */
export const useStaffStore = defineStore('admin-staff', () => {
  const items = ref<Staff[]>([]);
  const at = ref<string | null>(null);
  /** How many staff match the filters in all, and which page of them `items` is. */
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(STAFF_PAGE_SIZE);
  const loadingList = ref(false);
  const current = ref<Staff | null>(null);
  const loadingCurrent = ref(false);
  const saving = ref(false);
  const importing = ref(false);

  async function loadList(query: StaffListQuery): Promise<void> {
    loadingList.value = true;
    try {
      const list = await adminApi.listStaff({ pageSize: STAFF_PAGE_SIZE, ...query });
      items.value = list.items;
      at.value = list.at;
      total.value = list.total;
      page.value = list.page;
      pageSize.value = list.pageSize;
    } finally {
      loadingList.value = false;
    }
  }

  async function load(staffId: string): Promise<void> {
    loadingCurrent.value = true;
    try {
      if (current.value?.id !== staffId) current.value = null;
      current.value = await adminApi.getStaff(staffId);
    } finally {
      loadingCurrent.value = false;
    }
  }

  async function run(action: () => Promise<Staff>): Promise<Staff> {
    saving.value = true;
    try {
      const staff = await action();
      current.value = staff;
      items.value = items.value.map((item) => (item.id === staff.id ? staff : item));
      return staff;
    } finally {
      saving.value = false;
    }
  }

  const create = (body: CreateStaffRequest) => run(() => adminApi.createStaff(body));
  const update = (staffId: string, body: UpdateStaffRequest) =>
    run(() => adminApi.updateStaff(staffId, body));
  const addMembership = (staffId: string, body: CreateMembershipRequest) =>
    run(() => adminApi.createMembership(staffId, body));
  const updateMembership = (membershipId: string, body: UpdateMembershipRequest) =>
    run(() => adminApi.updateMembership(membershipId, body));
  const deleteMembership = (membershipId: string) => run(() => adminApi.deleteMembership(membershipId));

  async function setPassword(staffId: string, body: SetPasswordRequest): Promise<void> {
    saving.value = true;
    try {
      await adminApi.setStaffPassword(staffId, body);
      // Setting a password also unlocks: read the person again so the badges are right.
      current.value = await adminApi.getStaff(staffId);
    } finally {
      saving.value = false;
    }
  }

  async function revokeSessions(staffId: string): Promise<number> {
    saving.value = true;
    try {
      return (await adminApi.revokeStaffSessions(staffId)).revoked;
    } finally {
      saving.value = false;
    }
  }

  async function importCsv(file: File, dryRun: boolean): Promise<StaffImportResult> {
    importing.value = true;
    try {
      return await adminApi.importStaff(file, dryRun);
    } finally {
      importing.value = false;
    }
  }

  return {
    items,
    at,
    total,
    page,
    pageSize,
    loadingList,
    current,
    loadingCurrent,
    saving,
    importing,
    loadList,
    load,
    create,
    update,
    addMembership,
    updateMembership,
    deleteMembership,
    setPassword,
    revokeSessions,
    importCsv,
  };
});

/** Every signed-in device in the town, for signing one out. */
export const useAdminSessionsStore = defineStore('admin-sessions', () => {
  const items = ref<SessionSummary[]>([]);
  const loading = ref(false);
  const revoking = ref<string | null>(null);

  const sorted = computed(() => [...items.value].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt)));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = (await adminApi.listSessions()).items;
    } finally {
      loading.value = false;
    }
  }

  async function revoke(sessionId: string): Promise<void> {
    revoking.value = sessionId;
    try {
      await adminApi.revokeSession(sessionId);
      items.value = items.value.filter((session) => session.id !== sessionId);
    } finally {
      revoking.value = null;
    }
  }

  return { items, loading, revoking, sorted, load, revoke };
});

/** The audit trail (監査ログ), newest first, read page by page. */
export const useAuditStore = defineStore('admin-audit', () => {
  const items = ref<AuditEvent[]>([]);
  const nextBefore = ref<number | null>(null);
  const type = ref<AuditType | null>(null);
  const loading = ref(false);
  const verifying = ref(false);
  const verification = ref<AuditVerify | null>(null);

  const hasMore = computed(() => nextBefore.value !== null);

  async function loadFirst(filter: AuditType | null = type.value): Promise<void> {
    loading.value = true;
    try {
      type.value = filter;
      const page = await adminApi.listAudit({ type: filter ?? undefined });
      items.value = page.items;
      nextBefore.value = page.nextBefore;
    } finally {
      loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (nextBefore.value === null) return;
    loading.value = true;
    try {
      const page = await adminApi.listAudit({ before: nextBefore.value, type: type.value ?? undefined });
      const known = new Set(items.value.map((item) => item.id));
      items.value = [...items.value, ...page.items.filter((item) => !known.has(item.id))];
      nextBefore.value = page.nextBefore;
    } finally {
      loading.value = false;
    }
  }

  async function verify(): Promise<AuditVerify> {
    verifying.value = true;
    try {
      verification.value = await adminApi.verifyAudit();
      return verification.value;
    } finally {
      verifying.value = false;
    }
  }

  return { items, nextBefore, type, loading, verifying, verification, hasMore, loadFirst, loadMore, verify };
});
