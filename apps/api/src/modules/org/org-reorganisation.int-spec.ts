import type { Department, DepartmentHistory, Staff, StaffList } from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  makeDepartment,
  makePosition,
  makeUser,
  signedInClient,
} from '../../../../../tests/support/factories';
import { OrgChartService } from './org-chart.service';

describe('effective-dated departments (reorganisations entered ahead)', () => {
  let t: TestApp;
  let chart: OrgChartService;
  let admin: Awaited<ReturnType<typeof signedInClient>>['client'];
  const today = tokyoDate();
  const april = addDays(today, 40);
  beforeAll(async () => {
    t = await startTestApp();
    chart = t.app.get(OrgChartService);
    admin = (await signedInClient(t, { role: 'admin' })).client;
  });
  afterAll(() => t.close());

  it('renames and moves a department from a day entered ahead: the chain and names answer as on each day', async () => {
    const old = await makeDepartment(t, { name: '企画財政課', kind: 'division' });
    const other = await makeDepartment(t, { name: '総務課', kind: 'division' });
    const section = await makeDepartment(t, { name: '財政係', kind: 'section', parentId: old.id });

    const renamed = await admin.post<DepartmentHistory>(`/api/org/departments/${old.id}/changes`, {
      validFrom: april,
      name: '企画課',
      nameKana: 'キカクカ',
      numberPrefix: '企画',
    });
    expect(renamed.status).toBe(201);
    expect(renamed.body.items.map((v) => [v.name, v.validFrom, v.validTo])).toEqual([
      ['企画財政課', '1900-01-01', addDays(april, -1)],
      ['企画課', april, null],
    ]);
    const moved = await admin.post<DepartmentHistory>(`/api/org/departments/${section.id}/changes`, {
      validFrom: april,
      parentId: other.id,
    });
    expect(moved.status).toBe(201);

    expect((await chart.departmentChain(section.id, today)).map((d) => d.name)).toEqual([
      '財政係',
      '企画財政課',
    ]);
    expect((await chart.departmentChain(section.id, april)).map((d) => d.name)).toEqual(['財政係', '総務課']);
    expect(await chart.departmentOn(old.id, addDays(april, -1))).toMatchObject({
      name: '企画財政課',
      numberPrefix: '企画財政課',
    });
    expect(await chart.departmentOn(old.id, april)).toMatchObject({ name: '企画課', numberPrefix: '企画' });

    // Today's list still shows today's name; the audit log records the change.
    const list = await admin.get<{ items: Department[] }>('/api/org/departments');
    expect(list.body.items.find((d) => d.id === old.id)).toMatchObject({
      name: '企画財政課',
      state: 'current',
    });
    const [event] = await t.dataSource.query(
      `SELECT data FROM audit_event WHERE type = 'org.department_reorganised' AND subject = $1`,
      [old.id],
    );
    expect(event.data).toMatchObject({ validFrom: april, name: '企画課', numberPrefix: '企画' });
  });

  it('creates a department from a day ahead (新設): absent before it, present from it', async () => {
    const res = await admin.post<Department>('/api/org/departments', {
      parentId: null,
      code: 'NEW-KODOMO',
      name: 'こども家庭課',
      nameKana: 'コドモカテイカ',
      kind: 'division',
      numberPrefix: 'こども',
      validFrom: april,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'future',
      validFrom: april,
      validTo: null,
      numberPrefix: 'こども',
    });
    expect(await chart.departmentOn(res.body.id, today)).toBeNull();
    expect(await chart.departmentChain(res.body.id, today)).toEqual([]);
    expect(await chart.departmentOn(res.body.id, april)).toMatchObject({ numberPrefix: 'こども' });
  });

  it('abolishes (統合) a department from a day: it and its positions are absent from then, its people are left for the administrator to move', async () => {
    const merged = await makeDepartment(t, { name: '会計課', kind: 'division' });
    const chief = await makePosition(t, { name: '課長', rank: 5 });
    const person = await makeUser(t, { department: merged, position: chief });

    const res = await admin.post<DepartmentHistory>(`/api/org/departments/${merged.id}/abolition`, {
      from: april,
    });
    expect(res.status).toBe(201);
    expect(res.body.items.at(-1)?.validTo).toBe(addDays(april, -1));
    expect(res.body.strandedMemberships).toBe(1);

    expect(await chart.holdersOf(chief.id, merged.id, today)).toEqual([person.id]);
    expect(await chart.holdersOf(chief.id, merged.id, april)).toEqual([]);
    expect(await chart.departmentOn(merged.id, april)).toBeNull();
    // Nothing moved silently: the assignment is as it was.
    const [membership] = await t.dataSource.query(`SELECT valid_to FROM membership WHERE user_id = $1`, [
      person.id,
    ]);
    expect(membership.valid_to).toBeNull();
    expect(
      (
        await t.dataSource.query(
          `SELECT 1 FROM audit_event WHERE type = 'org.department_abolished' AND subject = $1`,
          [merged.id],
        )
      ).length,
    ).toBe(1);
  });

  it('refuses to abolish a department with departments still under it with 409', async () => {
    const parent = await makeDepartment(t, { kind: 'division' });
    await makeDepartment(t, { kind: 'section', parentId: parent.id });
    const res = await admin.post(`/api/org/departments/${parent.id}/abolition`, { from: april });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'org/department_has_children' });
  });

  it('refuses a move under a department that does not exist that day, or under itself, and an empty change', async () => {
    const parent = await makeDepartment(t, { kind: 'division' });
    const child = await makeDepartment(t, { kind: 'section', parentId: parent.id });
    const later = await admin.post<Department>('/api/org/departments', {
      parentId: null,
      code: 'LATER-1',
      name: '新しい課',
      nameKana: 'アタラシイカ',
      kind: 'division',
      validFrom: april,
    });
    const early = await admin.post(`/api/org/departments/${child.id}/changes`, {
      validFrom: today,
      parentId: later.body.id,
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'org/department_not_in_effect' });
    const underFuture = await admin.post('/api/org/departments', {
      parentId: later.body.id,
      code: 'LATER-CHILD',
      name: '新しい係',
      nameKana: 'アタラシイカカリ',
      kind: 'section',
    });
    expect(underFuture.status).toBe(409);
    expect(underFuture.body).toMatchObject({ code: 'org/department_not_in_effect' });
    const fromApril = await admin.post<Department>('/api/org/departments', {
      parentId: later.body.id,
      code: 'LATER-CHILD',
      name: '新しい係',
      nameKana: 'アタラシイカカリ',
      kind: 'section',
      validFrom: april,
    });
    expect(fromApril.status).toBe(201);
    expect((await chart.departmentChain(fromApril.body.id, april)).map((d) => d.name)).toEqual([
      '新しい係',
      '新しい課',
    ]);
    const cycle = await admin.post(`/api/org/departments/${parent.id}/changes`, {
      validFrom: april,
      parentId: child.id,
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body).toMatchObject({ code: 'org/department_cycle' });
    const empty = await admin.post(`/api/org/departments/${parent.id}/changes`, { validFrom: april });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'org/department_change_empty' });
  });

  it('names an assignment’s department as it is in the assignment’s time, and lists staff under a department by that day’s tree', async () => {
    const division = await makeDepartment(t, { name: '税務課', kind: 'division' });
    const other = await makeDepartment(t, { name: '住民課', kind: 'division' });
    const section = await makeDepartment(t, { name: '収納係', kind: 'section', parentId: other.id });
    const clerk = await makePosition(t);
    const person = await makeUser(t, { department: section, position: clerk });
    await admin.post(`/api/org/departments/${section.id}/changes`, {
      validFrom: april,
      name: '収税係',
      nameKana: 'シュウゼイカカリ',
      parentId: division.id,
    });
    const future = await admin.post<Staff>(`/api/org/staff/${person.id}/memberships`, {
      departmentId: section.id,
      positionId: clerk.id,
      isPrimary: false,
      validFrom: april,
    });
    expect(future.status).toBe(201);
    expect(future.body.memberships.map((m) => [m.validFrom, m.departmentName]).sort()).toEqual([
      [today, '収納係'],
      [april, '収税係'],
    ]);
    const before = await admin.get<StaffList>(`/api/org/staff?departmentId=${division.id}&at=${today}`);
    expect(before.body.items.map((s) => s.id)).not.toContain(person.id);
    const after = await admin.get<StaffList>(`/api/org/staff?departmentId=${division.id}&at=${april}`);
    expect(after.body.items.map((s) => s.id)).toContain(person.id);
  });

  it('refuses overlapping periods of one department in SQL', async () => {
    const d = await makeDepartment(t);
    await expect(
      t.dataSource.query(
        `INSERT INTO department_version (department_id, valid_from, name, name_kana, kind) VALUES ($1, $2, 'x', 'エックス', 'division')`,
        [d.id, april],
      ),
    ).rejects.toThrow(/department_version_no_overlap/);
  });

  it('refuses reorganisations by staff with 403 and changes nothing', async () => {
    const { client } = await signedInClient(t);
    const d = await makeDepartment(t);
    expect(
      (await client.post(`/api/org/departments/${d.id}/changes`, { validFrom: april, name: 'x' })).status,
    ).toBe(403);
    expect((await client.post(`/api/org/departments/${d.id}/abolition`, { from: april })).status).toBe(403);
    expect((await client.get(`/api/org/departments/${d.id}/history`)).status).toBe(200);
    expect(await chart.departmentOn(d.id, april)).toMatchObject({ name: 'テスト課' });
  });
});
