import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Meeting, MeetingList, NotificationList } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeDepartment, makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import { asError, type TestClient, type TestResponse } from '../../../../../tests/support/http';

const fixture = (name: string) => readFile(join(__dirname, '../../../../../tests/fixtures', name));

interface Person {
  id: string;
  client: TestClient;
}

/** A small town: an organiser, a presenter, an attendee, a department taking part as a whole, outsiders. */
async function person(
  t: TestApp,
  options: Parameters<typeof makeUser>[1] = {},
  locale: 'ja' | 'en' = 'ja',
): Promise<Person> {
  const user = await makeUser(t, options);
  const client = t.client({ locale });
  await client.signIn(user.staffNumber, TEST_PASSWORD);
  return { id: user.id, client };
}

async function ok<T>(res: Promise<TestResponse<T>>, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

const upload = (client: TestClient, path: string, bytes: Buffer, name: string, title?: string) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  if (title) form.append('title', title);
  return client.request<Meeting>('POST', path, { body: form });
};

describe('meetings: lifecycle, agenda, materials and their versions, access', () => {
  let t: TestApp;
  let organiser: Person;
  let presenter: Person;
  let attendee: Person;
  let deptMemberA: Person;
  let deptMemberB: Person;
  let outsider: Person;
  let admin: Person;
  let departmentId: string;
  let pdf: Buffer;
  let pdf2: Buffer;

  beforeAll(async () => {
    t = await startTestApp();
    const planning = await makeDepartment(t, { name: '企画課' });
    departmentId = planning.id;
    [organiser, presenter, attendee, deptMemberA, deptMemberB, outsider, admin] = [
      await person(t),
      await person(t),
      await person(t, {}, 'en'),
      await person(t, { department: planning }),
      await person(t, { department: planning }),
      await person(t),
      await person(t, { role: 'admin' }),
    ];
    pdf = await fixture('vertical.pdf');
    pdf2 = await fixture('noembed-sjis.pdf');
  });
  afterAll(() => t.close());

  const create = (who: Person = organiser, patch: Record<string, unknown> = {}) =>
    ok(
      who.client.post<Meeting>('/api/meetings', {
        title: '令和8年度 第1回庁議',
        kind: 'executive_council',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000 + 3_600_000).toISOString(),
        place: '第1会議室',
        ...patch,
      }),
      201,
    );

  /** A meeting with a presenter's item (with one material), the attendee and the department taking part. */
  const prepared = async () => {
    let m = await create();
    m = await ok(
      organiser.client.post<Meeting>(`/api/meetings/${m.id}/participants`, {
        userId: presenter.id,
        role: 'presenter',
      }),
      201,
    );
    m = await ok(
      organiser.client.post<Meeting>(`/api/meetings/${m.id}/participants`, {
        userId: attendee.id,
        role: 'attendee',
      }),
      201,
    );
    m = await ok(
      organiser.client.post<Meeting>(`/api/meetings/${m.id}/participants`, {
        departmentId,
        role: 'observer',
      }),
      201,
    );
    m = await ok(
      organiser.client.post<Meeting>(`/api/meetings/${m.id}/agenda`, {
        title: '予算編成方針について',
        presenterId: presenter.id,
        durationMinutes: 20,
      }),
      201,
    );
    m = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: 'その他' }), 201);
    m = await ok(
      upload(
        organiser.client,
        `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/materials`,
        pdf,
        'hoshin.pdf',
        '方針案',
      ),
      201,
    );
    return m;
  };

  it('runs a meeting: create, agenda, materials, distribute (each participant told, a department’s members too), start, close', async () => {
    const m = await prepared();
    expect(m).toMatchObject({
      status: 'draft',
      organiserId: organiser.id,
      canEdit: true,
      kind: 'executive_council',
    });
    expect(m.participants.map((p) => p.role)).toEqual(['presenter', 'attendee', 'observer']);
    expect(m.participants[2]).toMatchObject({ type: 'department', departmentId, name: '企画課' });
    expect(m.agenda.map((a) => [a.position, a.title])).toEqual([
      [0, '予算編成方針について'],
      [1, 'その他'],
    ]);
    expect(m.agenda[0].materials).toEqual([
      expect.objectContaining({
        title: '方針案',
        position: 0,
        versions: [
          expect.objectContaining({ version: 1, name: 'hoshin.pdf', size: pdf.length, supersededAt: null }),
        ],
      }),
    ]);

    const distributed = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/distribute`));
    expect(distributed.status).toBe('distributed');
    expect(distributed.distributedAt).not.toBeNull();
    for (const p of [presenter, attendee, deptMemberA, deptMemberB]) {
      const list = await eventually(
        () => ok(p.client.get<NotificationList>('/api/me/notifications')),
        (l) => l.items.some((n) => n.kind === 'meeting.distributed'),
      );
      const n = list.items.find((i) => i.kind === 'meeting.distributed');
      expect(n).toMatchObject({ link: `/meetings/${m.id}` });
      expect(n?.title.ja).toContain('令和8年度 第1回庁議');
      expect(n?.title.en).toContain('distributed');
    }
    const outsiders = await ok(outsider.client.get<NotificationList>('/api/me/notifications'));
    expect(outsiders.items.filter((n) => n.kind === 'meeting.distributed')).toEqual([]);
    const own = await ok(organiser.client.get<NotificationList>('/api/me/notifications'));
    expect(own.items.filter((n) => n.kind === 'meeting.distributed')).toEqual([]);

    // Someone added after distribution is told too.
    const late = await person(t);
    await ok(
      organiser.client.post(`/api/meetings/${m.id}/participants`, { userId: late.id, role: 'attendee' }),
      201,
    );
    await eventually(
      () => ok(late.client.get<NotificationList>('/api/me/notifications')),
      (l) => l.items.some((n) => n.kind === 'meeting.distributed' && n.link === `/meetings/${m.id}`),
    ).then((l) => expect(l.items.map((n) => n.kind)).toContain('meeting.distributed'));

    expect(asError(await organiser.client.post(`/api/meetings/${m.id}/distribute`)).code).toBe(
      'meeting/invalid_transition',
    );
    const started = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/start`));
    expect(started.status).toBe('in_session');
    const closed = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/close`));
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed.closedAt).not.toBeNull();
    // A closed meeting is not changed any more.
    const res = await organiser.client.patch(`/api/meetings/${m.id}`, {
      title: 'x',
      lockVersion: closed.lockVersion,
    });
    expect(res.status).toBe(409);
    expect(asError(res).code).toBe('meeting/not_editable');

    const audit: { type: string }[] = await t.dataSource.query(
      `SELECT type FROM audit_event WHERE subject = $1 ORDER BY id`,
      [m.id],
    );
    expect(audit.map((a) => a.type)).toEqual([
      'meeting.created',
      'meeting.participant_added',
      'meeting.participant_added',
      'meeting.participant_added',
      'meeting.agenda_item_added',
      'meeting.agenda_item_added',
      'meeting.material_added',
      'meeting.distributed',
      'meeting.participant_added',
      'meeting.started',
      'meeting.closed',
    ]);
  });

  it('lists my meetings (as organiser, participant, through my department) and all for administrators; upcoming and past', async () => {
    const m = await prepared();
    const past = await create(organiser, {
      title: '先月の課長会議',
      kind: 'section_chiefs',
      startsAt: '2026-01-05T01:00:00Z',
      endsAt: '2026-01-05T02:00:00Z',
    });
    const ids = async (who: Person, when = 'upcoming') =>
      (await ok(who.client.get<MeetingList>(`/api/meetings?when=${when}&pageSize=100`))).items.map(
        (i) => i.id,
      );
    expect(await ids(organiser)).toContain(m.id);
    expect(await ids(organiser)).not.toContain(past.id);
    expect(await ids(organiser, 'past')).toContain(past.id);
    expect(await ids(attendee)).toContain(m.id);
    expect(await ids(deptMemberB)).toContain(m.id);
    expect(await ids(presenter)).toContain(m.id);
    expect(await ids(outsider)).toEqual([]);
    expect(await ids(admin, 'all')).toEqual(expect.arrayContaining([m.id, past.id]));
    const paged = await ok(organiser.client.get<MeetingList>('/api/meetings?when=all&pageSize=1&page=2'));
    expect(paged).toMatchObject({ page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(2);
  });

  it('replaces a material with a new version and keeps the old one, superseded and readable to participants', async () => {
    const m = await prepared();
    await ok(organiser.client.post(`/api/meetings/${m.id}/distribute`));
    const material = m.agenda[0].materials[0];
    // The item's presenter may replace its material.
    const replaced = await ok(
      upload(
        presenter.client,
        `/api/meetings/${m.id}/materials/${material.id}/versions`,
        pdf2,
        'hoshin-v2.pdf',
      ),
      201,
    );
    const versions = replaced.agenda[0].materials[0].versions;
    expect(versions.map((v) => [v.version, v.name, v.supersededAt === null])).toEqual([
      [2, 'hoshin-v2.pdf', true],
      [1, 'hoshin.pdf', false],
    ]);
    expect(versions[1].supersededAt).toEqual(expect.any(String));
    for (const v of versions) {
      const res = await deptMemberA.client.get(`/api/files/${v.fileId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const range = await attendee.client.request('GET', `/api/files/${v.fileId}`, {
        headers: { range: 'bytes=0-9' },
      });
      expect(range.status).toBe(206);
      expect(range.text).toHaveLength(10);
      expect((await outsider.client.get(`/api/files/${v.fileId}`)).status).toBe(404);
    }
    // After distribution a material is replaced, not removed.
    const removal = await organiser.client.delete(`/api/meetings/${m.id}/materials/${material.id}`);
    expect(removal.status).toBe(409);
    expect(asError(removal).code).toBe('meeting/material_not_removable');
    // Only PDFs.
    const png = await upload(
      organiser.client,
      `/api/meetings/${m.id}/materials/${material.id}/versions`,
      await fixture('photo.png'),
      'photo.png',
    );
    expect(png.status).toBe(415);
    // Each PDF is opened by pdf.js in a separate process before it is stored: a broken one and a
    // password-protected one are refused in plain words; an accepted one has its page count.
    const path = `/api/meetings/${m.id}/materials/${material.id}/versions`;
    const broken = await upload(
      organiser.client,
      path,
      await fixture('pdfs/truncated.pdf'),
      '壊れた資料.pdf',
    );
    expect([broken.status, asError(broken).code]).toEqual([422, 'files/pdf_unreadable']);
    expect(asError(broken).message).toMatch(/壊れ/);
    const locked = await upload(
      organiser.client,
      path,
      await fixture('pdfs/password-required.pdf'),
      '鍵.pdf',
    );
    expect([locked.status, asError(locked).code]).toEqual([422, 'files/pdf_password']);
    expect(asError(locked).message).toMatch(/パスワード/);
    const accepted = await upload(
      organiser.client,
      path,
      await fixture('pdfs/tracemonkey.pdf'),
      '論文.pdf',
      '論文',
    );
    expect(accepted.status).toBe(201);
    const current = accepted.body.agenda.flatMap((i) => i.materials).find((x) => x.id === material.id)
      ?.versions[0];
    expect(current).toMatchObject({ name: '論文.pdf', pageCount: 14 });
  });

  it('removes a material before distribution, and an agenda item (the others move up)', async () => {
    const m = await prepared();
    const material = m.agenda[0].materials[0];
    const without = await ok(
      organiser.client.delete<Meeting>(`/api/meetings/${m.id}/materials/${material.id}`),
    );
    expect(without.agenda[0].materials).toEqual([]);
    const fewer = await ok(
      organiser.client.delete<Meeting>(`/api/meetings/${m.id}/agenda/${m.agenda[0].id}`),
    );
    expect(fewer.agenda.map((a) => [a.position, a.title])).toEqual([[0, 'その他']]);
  });

  it('reorders the agenda by the whole ordered list; a stale list gets 409', async () => {
    let m = await prepared();
    m = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '報告事項' }), 201);
    const [a, b, c] = m.agenda.map((i) => i.id);
    const reordered = await ok(
      organiser.client.put<Meeting>(`/api/meetings/${m.id}/agenda/order`, { itemIds: [c, a, b] }),
    );
    expect(reordered.agenda.map((i) => [i.position, i.id])).toEqual([
      [0, c],
      [1, a],
      [2, b],
    ]);
    for (const stale of [
      [a, b],
      [a, b, c, a],
      [a, b, outsider.id],
    ]) {
      const res = await organiser.client.put(`/api/meetings/${m.id}/agenda/order`, { itemIds: stale });
      expect(res.status).toBe(409);
      expect(asError(res).code).toBe('meeting/agenda_order_stale');
    }
    const updated = await ok(
      organiser.client.patch<Meeting>(`/api/meetings/${m.id}/agenda/${a}`, {
        title: '予算編成方針（修正）',
        durationMinutes: 30,
      }),
    );
    expect(updated.agenda[1]).toMatchObject({ id: a, title: '予算編成方針（修正）', durationMinutes: 30 });
  });

  it('updates a meeting with its lockVersion; a stale one gets 409; bad input 400 in Japanese', async () => {
    const m = await create();
    const updated = await ok(
      organiser.client.patch<Meeting>(`/api/meetings/${m.id}`, {
        place: '大会議室',
        lockVersion: m.lockVersion,
      }),
    );
    expect(updated).toMatchObject({ place: '大会議室', lockVersion: m.lockVersion + 1 });
    const stale = await organiser.client.patch(`/api/meetings/${m.id}`, {
      place: '別室',
      lockVersion: m.lockVersion,
    });
    expect(stale.status).toBe(409);
    expect(asError(stale).code).toBe('meeting/changed');

    const badKind = await organiser.client.post('/api/meetings', {
      title: '会議',
      kind: 'party',
      startsAt: '2026-12-01T01:00:00Z',
      endsAt: '2026-12-01T02:00:00Z',
    });
    expect(badKind.status).toBe(400);
    expect(asError(badKind).message).toMatch(/[ぁ-んァ-ン一-龥]/);
    const backwards = await organiser.client.post('/api/meetings', {
      title: '会議',
      kind: 'other',
      startsAt: '2026-12-01T02:00:00Z',
      endsAt: '2026-12-01T01:00:00Z',
    });
    expect(backwards.status).toBe(400);
    expect(asError(backwards)).toMatchObject({
      code: 'meeting/time_range_invalid',
      message: '終了日時は開始日時より後にしてください。',
    });
    const both = await organiser.client.post(`/api/meetings/${m.id}/participants`, {
      userId: attendee.id,
      departmentId,
      role: 'attendee',
    });
    expect(both.status).toBe(400);
    const badRole = await organiser.client.post(`/api/meetings/${m.id}/participants`, {
      userId: attendee.id,
      role: 'boss',
    });
    expect(badRole.status).toBe(400);
    const unknown = await organiser.client.post(`/api/meetings/${m.id}/participants`, {
      userId: m.id,
      role: 'attendee',
    });
    expect(unknown.status).toBe(422);
    expect(asError(unknown).code).toBe('meeting/unknown_participant');
    const item = await ok(
      organiser.client.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '議題' }),
      201,
    );
    const noFile = await organiser.client.request(
      'POST',
      `/api/meetings/${m.id}/agenda/${item.agenda[0].id}/materials`,
      { body: new FormData() },
    );
    expect(noFile.status).toBe(400);
    expect(asError(noFile).code).toBe('files/missing');
    const longTitle = await upload(
      organiser.client,
      `/api/meetings/${m.id}/agenda/${item.agenda[0].id}/materials`,
      pdf,
      'a.pdf',
      'あ'.repeat(201),
    );
    expect(longTitle.status).toBe(400);
  });

  describe('access', () => {
    let m: Meeting;
    let itemId: string;
    let materialId: string;
    let participantId: string;
    let fileId: string;

    beforeAll(async () => {
      m = await prepared();
      itemId = m.agenda[0].id;
      materialId = m.agenda[0].materials[0].id;
      fileId = m.agenda[0].materials[0].versions[0].fileId;
      participantId = m.participants.find((p) => p.userId === attendee.id)?.id as string;
    });

    /** Every endpoint of a meeting, with a body that would otherwise be accepted. */
    const everything = (): [string, string, (c: TestClient) => Promise<TestResponse>][] => [
      ['get', 'GET /:id', (c) => c.get(`/api/meetings/${m.id}`)],
      [
        'update',
        'PATCH /:id',
        (c) => c.patch(`/api/meetings/${m.id}`, { title: '乗っ取り', lockVersion: m.lockVersion }),
      ],
      [
        'addParticipant',
        'POST /:id/participants',
        (c) => c.post(`/api/meetings/${m.id}/participants`, { userId: outsider.id, role: 'attendee' }),
      ],
      [
        'removeParticipant',
        'DELETE /:id/participants/:pid',
        (c) => c.delete(`/api/meetings/${m.id}/participants/${participantId}`),
      ],
      ['addAgendaItem', 'POST /:id/agenda', (c) => c.post(`/api/meetings/${m.id}/agenda`, { title: '追加' })],
      [
        'reorder',
        'PUT /:id/agenda/order',
        (c) =>
          c.put(`/api/meetings/${m.id}/agenda/order`, { itemIds: [...m.agenda.map((a) => a.id)].reverse() }),
      ],
      [
        'updateAgendaItem',
        'PATCH /:id/agenda/:itemId',
        (c) => c.patch(`/api/meetings/${m.id}/agenda/${itemId}`, { title: '変更' }),
      ],
      [
        'removeAgendaItem',
        'DELETE /:id/agenda/:itemId',
        (c) => c.delete(`/api/meetings/${m.id}/agenda/${itemId}`),
      ],
      [
        'addMaterial',
        'POST /:id/agenda/:itemId/materials',
        (c) => upload(c, `/api/meetings/${m.id}/agenda/${itemId}/materials`, pdf, 'x.pdf'),
      ],
      [
        'replaceMaterial',
        'POST /:id/materials/:mid/versions',
        (c) => upload(c, `/api/meetings/${m.id}/materials/${materialId}/versions`, pdf2, 'y.pdf'),
      ],
      [
        'removeMaterial',
        'DELETE /:id/materials/:mid',
        (c) => c.delete(`/api/meetings/${m.id}/materials/${materialId}`),
      ],
      ['distribute', 'POST /:id/distribute', (c) => c.post(`/api/meetings/${m.id}/distribute`)],
      ['start', 'POST /:id/start', (c) => c.post(`/api/meetings/${m.id}/start`)],
      ['close', 'POST /:id/close', (c) => c.post(`/api/meetings/${m.id}/close`)],
      ['file', 'GET /api/files/:id', (c) => c.get(`/api/files/${fileId}`)],
    ];

    it('answers 404 to a non-participant on every endpoint and every file, and changes nothing', async () => {
      for (const [, label, call] of everything()) {
        const res = await call(outsider.client);
        expect([label, res.status]).toEqual([label, 404]);
      }
      const after = await ok(organiser.client.get<Meeting>(`/api/meetings/${m.id}`));
      expect(after.lockVersion).toBe(m.lockVersion);
      expect(after.status).toBe('draft');
    });

    it('lets a participant read but refuses every change with 403 (a presenter only uploads for their own item)', async () => {
      const readOnly = new Set(['get', 'file']);
      for (const who of [attendee, deptMemberA]) {
        for (const [name, label, call] of everything()) {
          const res = await call(who.client);
          if (readOnly.has(name)) expect([label, res.status]).toEqual([label, 200]);
          else expect([label, res.status]).toEqual([label, 403]);
        }
        expect((await ok(who.client.get<Meeting>(`/api/meetings/${m.id}`))).canEdit).toBe(false);
      }
      const after = await ok(organiser.client.get<Meeting>(`/api/meetings/${m.id}`));
      expect(after.lockVersion).toBe(m.lockVersion);
      // The presenter uploads to their item, not to another.
      const other = m.agenda[1].id;
      const refused = await upload(
        presenter.client,
        `/api/meetings/${m.id}/agenda/${other}/materials`,
        pdf,
        'z.pdf',
      );
      expect(refused.status).toBe(403);
      expect(asError(refused).code).toBe('meeting/not_allowed_to_upload');
      await ok(
        upload(presenter.client, `/api/meetings/${m.id}/agenda/${itemId}/materials`, pdf, 'z.pdf'),
        201,
      );
      expect(
        (await presenter.client.patch(`/api/meetings/${m.id}/agenda/${itemId}`, { title: 'x' })).status,
      ).toBe(403);
    });

    it('withdraws access at once when a participant is removed (the meeting and its files answer 404)', async () => {
      const meeting = await prepared();
      const file = meeting.agenda[0].materials[0].versions[0].fileId;
      expect((await attendee.client.get(`/api/files/${file}`)).status).toBe(200);
      const row = meeting.participants.find((p) => p.userId === attendee.id);
      await ok(organiser.client.delete(`/api/meetings/${meeting.id}/participants/${row?.id}`));
      expect((await attendee.client.get(`/api/meetings/${meeting.id}`)).status).toBe(404);
      expect((await attendee.client.get(`/api/files/${file}`)).status).toBe(404);
      const gone = await organiser.client.delete(`/api/meetings/${meeting.id}/participants/${row?.id}`);
      expect(asError(gone).code).toBe('meeting/participant_not_found');
    });

    it('lets an administrator do what the organiser does', async () => {
      const res = await admin.client.patch<Meeting>(`/api/meetings/${m.id}/agenda/${itemId}`, {
        durationMinutes: 15,
      });
      expect(res.status).toBe(200);
      expect(res.body.canEdit).toBe(true);
    });

    it('lets a chair start and close, but not distribute', async () => {
      const chair = await person(t);
      const meeting = await create();
      await ok(
        organiser.client.post(`/api/meetings/${meeting.id}/participants`, {
          userId: chair.id,
          role: 'chair',
        }),
        201,
      );
      expect((await chair.client.post(`/api/meetings/${meeting.id}/distribute`)).status).toBe(403);
      await ok(organiser.client.post(`/api/meetings/${meeting.id}/distribute`));
      expect((await ok(chair.client.post<Meeting>(`/api/meetings/${meeting.id}/start`))).status).toBe(
        'in_session',
      );
      expect((await ok(chair.client.post<Meeting>(`/api/meetings/${meeting.id}/close`))).status).toBe(
        'closed',
      );
    });
  });
});
