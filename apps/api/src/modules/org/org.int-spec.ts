import { encode } from 'iconv-lite';
import type { Department, Me, Staff, StaffImportResult, StaffList } from '@ringi/contracts';
import { addDays, fiscalYearOf, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  TEST_PASSWORD,
  makeDepartment,
  makePosition,
  makeUser,
  signedInClient,
} from '../../../../../tests/support/factories';
import { asError, type TestClient } from '../../../../../tests/support/http';

const HEADER = '職員番号,氏,名,氏カナ,名カナ,所属コード,職コード,発令日,兼務,メール';

function uploadCsv(client: TestClient, bytes: Buffer | string, dryRun: boolean) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: 'text/csv' }),
    'staff.csv',
  );
  return client.request<StaffImportResult>('POST', `/api/org/staff/import?dryRun=${dryRun}`, { body: form });
}

describe('org chart administration', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = (await signedInClient(t, { role: 'admin' })).client;
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  describe('departments', () => {
    it('builds a tree of 課 and 係 and refuses a duplicate code and a cycle', async () => {
      const division = await admin.post<Department>('/api/org/departments', {
        parentId: null,
        code: 'KANKYO',
        name: '環境課',
        nameKana: 'カンキョウカ',
        kind: 'division',
      });
      expect(division.status).toBe(201);
      const section = await admin.post<Department>('/api/org/departments', {
        parentId: division.body.id,
        code: 'KANKYO-GOMI',
        name: 'ごみ対策係',
        nameKana: 'ゴミタイサクカカリ',
        kind: 'section',
      });
      expect(section.body.parentId).toBe(division.body.id);

      const dup = await admin.post('/api/org/departments', {
        parentId: null,
        code: 'KANKYO',
        name: '重複',
        nameKana: 'チョウフク',
        kind: 'division',
      });
      expect(dup.status).toBe(409);
      expect(asError(dup).message).toBe('その所属コードは既に使われています。');

      const cycle = await admin.patch(`/api/org/departments/${division.body.id}`, {
        parentId: section.body.id,
      });
      expect(cycle.status).toBe(400);
      expect(asError(cycle).code).toBe('org/department_cycle');
    });

    it('rejects kana that is not katakana with a message on the field, in Japanese', async () => {
      const res = await admin.post('/api/org/departments', {
        parentId: null,
        code: 'X1',
        name: '課',
        nameKana: 'かんきょう',
        kind: 'division',
      });
      expect(res.status).toBe(400);
      expect(asError(res).details?.[0].path).toEqual(['nameKana']);
    });

    it('lets staff read the org chart but not change it', async () => {
      const { client } = await signedInClient(t);
      expect((await client.get('/api/org/departments')).status).toBe(200);
      const res = await client.post('/api/org/departments', {
        parentId: null,
        code: 'NOPE',
        name: '不可',
        nameKana: 'フカ',
        kind: 'division',
      });
      expect(res.status).toBe(403);
      expect(asError(res).code).toBe('auth/forbidden');
    });
  });

  describe('staff and effective-dated assignments', () => {
    it('creates staff and refuses a staff number twice', async () => {
      const body = {
        staffNumber: 'S-100',
        familyName: '青木',
        givenName: '直人',
        familyNameKana: 'アオキ',
        givenNameKana: 'ナオト',
        initialPassword: 'first-password-1',
      };
      const res = await admin.post<Staff>('/api/org/staff', body);
      expect(res.status).toBe(201);
      expect(res.body.hasPassword).toBe(true);
      expect((await t.client().signIn('S-100', 'first-password-1')).status).toBe(200);
      expect((await admin.post('/api/org/staff', body)).status).toBe(409);
    });

    it('takes an April 1 transfer entered in March into effect by itself', async () => {
      const from = await makeDepartment(t, { name: '税務課' });
      const to = await makeDepartment(t, { name: '企画財政課' });
      const position = await makePosition(t);
      const user = await makeUser(t, { department: from, position });
      const nextApril = `${fiscalYearOf(tokyoDate()) + 1}-04-01`;

      const res = await admin.post<Staff>(`/api/org/staff/${user.id}/memberships`, {
        departmentId: to.id,
        positionId: position.id,
        isPrimary: true,
        validFrom: nextApril,
      });
      expect(res.status).toBe(201);
      const states = Object.fromEntries(
        res.body.memberships.map((m) => [m.departmentName, [m.state, m.validTo]]),
      );
      expect(states).toEqual({ 税務課: ['current', addDays(nextApril, -1)], 企画財政課: ['future', null] });

      const before = await admin.get<StaffList>(
        `/api/org/staff?departmentId=${to.id}&at=${addDays(nextApril, -1)}`,
      );
      expect(before.body.items.map((s) => s.id)).not.toContain(user.id);
      const after = await admin.get<StaffList>(`/api/org/staff?departmentId=${to.id}&at=${nextApril}`);
      expect(after.body.items.map((s) => s.id)).toEqual([user.id]);

      const client = t.client();
      await client.signIn(user.staffNumber, TEST_PASSWORD);
      expect((await client.get<Me>('/api/me')).body.memberships.map((m) => m.departmentName)).toEqual([
        '税務課',
      ]);
    });

    it('allows concurrent posts (兼務) beside the primary one', async () => {
      const user = await makeUser(t);
      const other = await makeDepartment(t, { name: '議会事務局' });
      const res = await admin.post<Staff>(`/api/org/staff/${user.id}/memberships`, {
        departmentId: other.id,
        positionId: user.position.id,
        isPrimary: false,
        validFrom: tokyoDate(),
      });
      expect(res.status).toBe(201);
      expect(res.body.memberships.filter((m) => m.state === 'current')).toHaveLength(2);
    });

    it('refuses two primary assignments on the same days with 409 and changes nothing', async () => {
      const user = await makeUser(t);
      const dept = await makeDepartment(t);
      const before = await count('membership');
      const res = await admin.post(`/api/org/staff/${user.id}/memberships`, {
        departmentId: dept.id,
        positionId: user.position.id,
        isPrimary: true,
        validFrom: addDays(tokyoDate(), -30),
      });
      expect(res.status).toBe(409);
      expect(asError(res).code).toBe('org/membership_overlap');
      expect(await count('membership')).toBe(before);
    });

    it('refuses an end date before the start date', async () => {
      const user = await makeUser(t);
      const staff = await admin.get<Staff>(`/api/org/staff/${user.id}`);
      const res = await admin.patch(`/api/org/memberships/${staff.body.memberships[0].id}`, {
        validTo: '2000-01-01',
      });
      expect(res.status).toBe(400);
      expect(asError(res).code).toBe('org/membership_dates');
    });

    it('signs out a person everywhere when their account is disabled', async () => {
      const { client, user } = await signedInClient(t);
      expect((await admin.patch(`/api/org/staff/${user.id}`, { active: false })).status).toBe(200);
      expect((await client.get('/api/me')).status).toBe(401);
    });
  });

  describe('staff CSV import', () => {
    let deptCode: string;
    let posCode: string;
    beforeAll(async () => {
      deptCode = (await makeDepartment(t)).code;
      posCode = (await makePosition(t)).code;
    });

    it('imports a UTF-8 file with BOM from Excel, and importing it again changes nothing', async () => {
      const csv = `\uFEFF${HEADER}\r\nC-001,小川,花子,オガワ,ハナコ,${deptCode},${posCode},2025/4/1,,hanako@example.lg.jp\r\nC-001,小川,花子,オガワ,ハナコ,${deptCode},${posCode},2025-04-01,兼務,\r\n`;
      const dry = await uploadCsv(admin, csv, true);
      expect(dry.body).toMatchObject({
        dryRun: true,
        rows: 2,
        createdStaff: 1,
        createdMemberships: 2,
        encoding: 'utf-8',
      });
      expect((await admin.get<StaffList>('/api/org/staff?q=C-001')).body.items).toHaveLength(0);

      const real = await uploadCsv(admin, csv, false);
      expect(real.status).toBe(200);
      expect(real.body).toMatchObject({ dryRun: false, createdStaff: 1, createdMemberships: 2 });
      const again = await uploadCsv(admin, csv, false);
      expect(again.body).toMatchObject({ createdStaff: 0, updatedStaff: 1, createdMemberships: 0 });
    });

    it('imports a Shift_JIS file with half-width katakana as Excel writes it', async () => {
      const csv = `${HEADER}\r\nC-002,松田,健,ﾏﾂﾀﾞ,ｹﾝ,${deptCode},${posCode},2025-04-01,,\r\n`;
      const res = await uploadCsv(admin, encode(csv, 'Shift_JIS'), false);
      expect(res.status).toBe(200);
      expect(res.body.encoding).toBe('shift_jis');
      const staff = (await admin.get<StaffList>('/api/org/staff?q=C-002')).body.items[0];
      expect([staff.familyName, staff.familyNameKana, staff.givenNameKana]).toEqual([
        '松田',
        'マツダ',
        'ケン',
      ]);
    });

    it('reports every broken row by line number and imports nothing', async () => {
      const csv = [
        HEADER,
        `C-010,石井,勇,イシイ,イサム,${deptCode},${posCode},2025-04-01,,`,
        `C-011,岡田,恵,おかだ,メグミ,${deptCode},${posCode},2025-04-01,,`,
        `C-012,村上,翼,ムラカミ,ツバサ,NO-SUCH,${posCode},2025-13-01,,`,
      ].join('\n');
      const before = await count('app_user');
      const res = await uploadCsv(admin, csv, false);
      expect(res.status).toBe(422);
      expect(asError(res).code).toBe('org/import_invalid');
      const lines = asError(res).details?.map((d) => d.line);
      expect(lines).toEqual([3, 4, 4]);
      expect(asError(res).details?.map((d) => d.message)).toEqual([
        '「氏カナ」: カタカナで書いてください（例：ヤマダ）。',
        '「発令日」: 日付は 2026-04-01 または 2026/4/1 の形で書いてください。',
        '所属コード「NO-SUCH」は登録されていません。',
      ]);
      expect(await count('app_user')).toBe(before);
    });

    it('refuses a file without the required columns', async () => {
      const res = await uploadCsv(admin, '名前,メール\r\n山田,a@b.jp\r\n', true);
      expect(res.status).toBe(422);
      expect(asError(res).details?.every((d) => d.line === 1)).toBe(true);
    });

    it('is for administrators only', async () => {
      const { client } = await signedInClient(t);
      expect((await uploadCsv(client, `${HEADER}\r\n`, true)).status).toBe(403);
    });
  });
});
