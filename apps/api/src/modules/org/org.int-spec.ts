import { encode } from 'iconv-lite';
import { io } from 'socket.io-client';
import {
  SOCKET_PATH,
  type Department,
  type DirectoryList,
  type Me,
  type Staff,
  type StaffImportResult,
  type StaffList,
} from '@ringi/contracts';
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
  return uploadFile(client, bytes, dryRun, 'staff.csv');
}

function uploadFile(client: TestClient, bytes: Buffer | string, dryRun: boolean, name: string) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: 'text/csv' }),
    name,
  );
  return client.request<StaffImportResult>('POST', `/api/org/staff/import?dryRun=${dryRun}`, { body: form });
}

describe('org chart administration', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const signedIn = await signedInClient(t, { role: 'admin' });
    admin = signedIn.client;
    adminId = signedIn.user.id;
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

    it('keeps names exactly as written (①, ～, 塚 U+FA10, 晴 U+FA12) and normalises only what is matched', async () => {
      const names = [
        { staffNumber: 'C-020', familyName: '\uFA10田', givenName: '\uFA12美' },
        { staffNumber: 'C-021', familyName: '①子', givenName: '～花' },
      ];
      const csv = [
        HEADER,
        `C-020,\uFA10田,\uFA12美,ツカダ,ハルミ,${deptCode},${posCode},2025-04-01,,`,
        // Full-width staff number and date, half-width katakana: these are matched, so they are normalised.
        `Ｃ－０２１,①子,～花,ﾏﾙｲﾁｺ,ﾊﾅ,${deptCode},${posCode},２０２５／４／１,,`,
      ].join('\r\n');
      const res = await uploadCsv(admin, csv, false);
      expect(res.status).toBe(200);
      expect(res.body.createdStaff).toBe(2);

      for (const expected of names) {
        const list = await admin.get<StaffList>(`/api/org/staff?q=${expected.staffNumber}`);
        expect(list.body.items).toHaveLength(1);
        const staff = (await admin.get<Staff>(`/api/org/staff/${list.body.items[0].id}`)).body;
        expect(Buffer.from(staff.familyName, 'utf8')).toEqual(Buffer.from(expected.familyName, 'utf8'));
        expect(Buffer.from(staff.givenName, 'utf8')).toEqual(Buffer.from(expected.givenName, 'utf8'));
      }
      const [stored] = await t.dataSource.query(
        `SELECT family_name, given_name, family_name_kana, given_name_kana,
                to_char(m.valid_from, 'YYYY-MM-DD') AS valid_from
           FROM app_user u JOIN membership m ON m.user_id = u.id WHERE staff_number = 'C-021'`,
      );
      expect(stored).toEqual({
        family_name: '①子',
        given_name: '～花',
        family_name_kana: 'マルイチコ',
        given_name_kana: 'ハナ',
        valid_from: '2025-04-01',
      });
    });

    it('reads Excel’s 「Unicode テキスト」 (UTF-16LE with BOM, tab-separated) and UTF-16BE', async () => {
      const tsv = (staffNumber: string, family: string) =>
        [
          HEADER.replaceAll(',', '\t'),
          [staffNumber, family, '葵', 'ニシムラ', 'アオイ', deptCode, posCode, '2025-04-01', '', ''].join(
            '\t',
          ),
        ].join('\r\n') + '\r\n';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv('C-030', '西村'), 'utf16le')]);
      const leRes = await uploadFile(admin, le, false, 'staff.txt');
      expect(leRes.status).toBe(200);
      expect(leRes.body).toMatchObject({ encoding: 'utf-16le', createdStaff: 1, createdMemberships: 1 });

      const be = Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from(tsv('C-031', '東村'), 'utf16le').swap16(),
      ]);
      const beRes = await uploadFile(admin, be, false, 'staff.txt');
      expect(beRes.status).toBe(200);
      expect(beRes.body).toMatchObject({ encoding: 'utf-16be', createdStaff: 1 });

      const names = await t.dataSource.query(
        `SELECT family_name FROM app_user WHERE staff_number IN ('C-030', 'C-031') ORDER BY staff_number`,
      );
      expect(names).toEqual([{ family_name: '西村' }, { family_name: '東村' }]);
    });

    it('says in one line what an Excel workbook is and how to save it as CSV', async () => {
      const xlsx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]);
      const res = await uploadFile(admin, xlsx, true, '職員.xlsx');
      expect(res.status).toBe(422);
      expect(asError(res).details).toHaveLength(1);
      expect(asError(res).details?.[0].message).toContain('Excel のブック（.xlsx）');
      expect(asError(res).details?.[0].message).toContain('「CSV UTF-8（コンマ区切り）」');
    });

    it('says in one line that the header is missing instead of listing every column', async () => {
      const res = await uploadCsv(admin, 'a;b;c\r\n1;2;3\r\n', true);
      expect(res.status).toBe(422);
      expect(asError(res).details).toEqual([
        { line: 1, message: expect.stringContaining('「CSV UTF-8（コンマ区切り）」') },
      ]);
    });

    describe('a broken quote', () => {
      // Line 2's note spans lines 2–3; the quote opened on line 5 is never closed.
      const csv = () =>
        [
          `${HEADER},備考`,
          `C-040,大野,健,オオノ,ケン,${deptCode},${posCode},2025-04-01,,,"一行目`,
          `二行目"`,
          `C-041,岩田,誠,イワタ,マコト,${deptCode},${posCode},2025-04-01,,,`,
          `C-042,"上田,学,ウエダ,マナブ,${deptCode},${posCode},2025-04-01,,,`,
          `C-043,今井,守,イマイ,マモル,${deptCode},${posCode},2025-04-01,,,`,
        ].join('\r\n');

      it('is reported on the line where the quote opens, in plain Japanese', async () => {
        const res = await uploadCsv(admin, csv(), true);
        expect(res.status).toBe(422);
        expect(asError(res).details).toEqual([
          {
            line: 5,
            message:
              '「"」で始まる項目が閉じられていません。項目の終わりにも「"」を書くか、項目の中の「"」を「""」と2つ重ねて書いてください。',
          },
        ]);
        const words = [asError(res).message, ...(asError(res).details ?? []).map((d) => d.message)];
        // No parser English: the only Latin letters are the word CSV itself.
        expect(words.join('\n').replaceAll('CSV', '')).not.toMatch(/[A-Za-z]/);
      });

      it('is reported in English to an English-speaking administrator', async () => {
        const client = t.client({ locale: 'en' });
        client.sessionToken = admin.sessionToken;
        const res = await uploadCsv(client, csv(), true);
        expect(asError(res).details).toEqual([
          { line: 5, message: expect.stringMatching(/^A cell that starts/) },
        ]);
      });

      it('after a closing quote is reported on its line', async () => {
        const bad = [HEADER, `C-044,"上田"学,ウエダ,マナブ,${deptCode},${posCode},2025-04-01,,`].join('\n');
        const res = await uploadCsv(admin, bad, true);
        expect(asError(res).details).toEqual([
          { line: 2, message: expect.stringContaining('「""」と2つ重ねて') },
        ]);
      });
    });

    it('is for administrators only', async () => {
      const { client } = await signedInClient(t);
      expect((await uploadCsv(client, `${HEADER}\r\n`, true)).status).toBe(403);
    });
  });

  describe('staff list and directory', () => {
    it('pages the staff list of a town with more than 1,000 staff and tells the total', async () => {
      await t.dataSource.query(
        `INSERT INTO app_user (staff_number, family_name, given_name, family_name_kana, given_name_kana)
         SELECT 'BULK-' || lpad(g::text, 5, '0'), '多田', '職員' || g, 'タダ', 'ショクイン'
           FROM generate_series(1, 1200) g`,
      );
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE active`);
      expect(n).toBeGreaterThan(1200);

      const pages = Math.ceil(n / 100);
      const seen = new Set<string>();
      for (let page = 1; page <= pages; page += 1) {
        const res = await admin.get<StaffList>(`/api/org/staff?page=${page}&pageSize=100`);
        expect(res.status).toBe(200);
        expect([res.body.total, res.body.page, res.body.pageSize]).toEqual([n, page, 100]);
        expect(res.body.items).toHaveLength(page < pages ? 100 : n - 100 * (pages - 1));
        for (const item of res.body.items) seen.add(item.id);
      }
      expect(seen.size).toBe(n);

      const found = await admin.get<StaffList>('/api/org/staff?q=BULK-011&pageSize=20');
      expect([found.body.total, found.body.items.length]).toEqual([100, 20]);
      const beyond = await admin.get<StaffList>('/api/org/staff?q=BULK-011&page=9&pageSize=20');
      expect([beyond.body.total, beyond.body.items.length]).toEqual([100, 0]);
      expect((await admin.get('/api/org/staff?pageSize=1000')).status).toBe(400);
    });

    it('gives every member of staff a directory of active colleagues without administrative fields', async () => {
      const { client } = await signedInClient(t);
      const department = await makeDepartment(t, { name: '住民課' });
      const position = await makePosition(t, { name: '係長' });
      const colleague = await makeUser(t, { department, position });
      const gone = await makeUser(t, { department, position });
      expect((await admin.patch(`/api/org/staff/${gone.id}`, { active: false })).status).toBe(200);

      const res = await client.get<DirectoryList>(`/api/org/directory?departmentId=${department.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        total: 1,
        page: 1,
        pageSize: 50,
        items: [
          {
            id: colleague.id,
            familyName: '試験',
            givenName: '太郎',
            familyNameKana: 'シケン',
            givenNameKana: 'タロウ',
            photoFileId: null,
            assignments: [
              {
                departmentId: department.id,
                departmentName: '住民課',
                positionName: '係長',
                isPrimary: true,
              },
            ],
          },
        ],
      });

      const everyone = await client.get<DirectoryList>('/api/org/directory?pageSize=100');
      expect(everyone.body.items.map((i) => i.id)).not.toContain(gone.id);
      for (const field of ['role', 'email', 'hasPassword', 'lockedUntil', 'active', 'staffNumber'])
        expect(everyone.text).not.toContain(`"${field}"`);
    });

    it('finds colleagues by name or by reading, typed in hiragana or with the usual form of a variant kanji', async () => {
      const { client } = await signedInClient(t);
      const created = await admin.post<Staff>('/api/org/staff', {
        staffNumber: 'D-001',
        familyName: '\uFA10本',
        givenName: '\uFA12子',
        familyNameKana: 'ツカモト',
        givenNameKana: 'ハルコ',
      });
      expect(created.status).toBe(201);
      for (const q of ['塚本', '\uFA10本', 'つかもと はるこ', 'ツカモトハル', '晴子']) {
        const res = await client.get<DirectoryList>(`/api/org/directory?q=${encodeURIComponent(q)}`);
        expect([q, res.body.items.map((i) => i.id)]).toEqual([q, [created.body.id]]);
      }
    });

    it('keeps the staff list and a person’s details for administrators: 403 for staff', async () => {
      const { client, user } = await signedInClient(t);
      const list = await client.get('/api/org/staff');
      expect(list.status).toBe(403);
      expect(asError(list).code).toBe('auth/forbidden');
      expect((await client.get(`/api/org/staff/${user.id}`)).status).toBe(403);
      expect((await client.get('/api/org/staff-csv-template')).status).toBe(403);
    });
  });

  describe('passwords and administrators', () => {
    it('signs a person out everywhere, sockets included, when an administrator sets their password', async () => {
      const { client, user } = await signedInClient(t);
      const tablet = t.client();
      await tablet.signIn(user.staffNumber, TEST_PASSWORD);
      const socket = io(t.url, {
        path: SOCKET_PATH,
        transports: ['websocket'],
        extraHeaders: { cookie: tablet.cookie, origin: t.url },
        reconnection: false,
        forceNew: true,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

      const res = await admin.put(`/api/org/staff/${user.id}/password`, { password: 'a-brand-new-password' });
      expect(res.status).toBe(204);
      // The socket closes by itself (jest's timeout bounds the wait).
      expect(typeof (await closed)).toBe('string');
      expect((await client.get('/api/me')).status).toBe(401);
      expect((await tablet.get('/api/me')).status).toBe(401);
      const [event] = await t.dataSource.query(
        `SELECT data FROM audit_event WHERE type = 'org.staff_password_set' AND subject = $1`,
        [user.id],
      );
      expect(event.data).toEqual({ endedSessions: 2 });
      expect((await admin.get('/api/me')).status).toBe(200);
      expect((await t.client().signIn(user.staffNumber, 'a-brand-new-password')).status).toBe(200);
    });

    it('refuses to demote or deactivate the last active administrator with 409 and changes nothing', async () => {
      await t.dataSource.query(`UPDATE app_user SET role = 'staff' WHERE role = 'admin' AND id <> $1`, [
        adminId,
      ]);
      for (const patch of [{ role: 'staff' }, { active: false }, { role: 'staff', active: false }]) {
        const res = await admin.patch(`/api/org/staff/${adminId}`, patch);
        expect(res.status).toBe(409);
        expect(asError(res)).toEqual({
          code: 'org/last_admin',
          message: 'この変更をすると、管理者が一人もいなくなります。先に別の職員を管理者にしてください。',
        });
      }
      const [me] = await t.dataSource.query('SELECT role, active FROM app_user WHERE id = $1', [adminId]);
      expect(me).toEqual({ role: 'admin', active: true });
      expect((await admin.get('/api/me')).status).toBe(200);
    });

    it('lets one of two administrators be demoted or deactivated', async () => {
      const other = await makeUser(t, { role: 'admin' });
      expect((await admin.patch(`/api/org/staff/${other.id}`, { role: 'staff' })).status).toBe(200);
      const third = await makeUser(t, { role: 'admin' });
      expect((await admin.patch(`/api/org/staff/${third.id}`, { active: false })).status).toBe(200);
    });

    it('lets only one of two administrators demoting each other at the same moment succeed', async () => {
      const other = await signedInClient(t, { role: 'admin' });
      const results = await Promise.all([
        admin.patch(`/api/org/staff/${other.user.id}`, { role: 'staff' }),
        other.client.patch(`/api/org/staff/${adminId}`, { role: 'staff' }),
      ]);
      // One wins. The other is refused: 409 (the last administrator) when both were checked before either
      // committed, or 403 when the winner's change came first (the loser is no longer an administrator).
      const [won, lost] = results.map((r) => r.status).sort();
      expect(won).toBe(200);
      expect([403, 409]).toContain(lost);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND active`,
      );
      expect(n).toBe(1);
      // Whoever won, the rest of this file's administrator stays one.
      await t.dataSource.query(`UPDATE app_user SET role = 'admin' WHERE id = $1`, [adminId]);
    });
  });

  it('describes the response of every org operation in the OpenAPI document', async () => {
    type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    const doc = await t.client().get<{ paths: Record<string, Record<string, Operation>> }>('/api/docs-json');
    const operations = Object.entries(doc.body.paths)
      .filter(([path]) => path.startsWith('/api/org/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(16);
    const undescribed = operations
      .filter(({ op }) => {
        const success = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
        return (
          !success.length ||
          success.some(
            ([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema),
          )
        );
      })
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(undescribed).toEqual([]);
  });
});
