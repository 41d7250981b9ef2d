import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  AuditVerify,
  Meeting,
  MeetingDisposal,
  MeetingList,
  MeetingMinutes,
  MeetingSearchList,
} from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import { asError, type TestClient, type TestResponse } from '../../../../../tests/support/http';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { MeetingDisposalService } from './meeting-disposal.service';

const fixture = (name: string) => readFile(join(__dirname, '../../../../../tests/fixtures', name));

interface Person {
  id: string;
  client: TestClient;
}

async function ok<T>(res: Promise<TestResponse<T>>, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

const pdfForm = (bytes: Buffer, name: string) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return form;
};

/** The fixture with a comment after its end: the same PDF to pdf.js, other bytes (a blob of its own). */
const unique = (pdf: Buffer) => Buffer.concat([pdf, Buffer.from(`%${Math.random()}\n`)]);

describe('meetings after the meeting: minutes, search, disposal', () => {
  let t: TestApp;
  let organiser: Person;
  let chair: Person;
  let attendee: Person;
  let outsider: Person;
  let admin: Person;
  let yosan: Buffer;
  let plain: Buffer;

  const person = async (options: Parameters<typeof makeUser>[1] = {}, locale: 'ja' | 'en' = 'ja') => {
    const user = await makeUser(t, options);
    const client = t.client({ locale });
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    return { id: user.id, client };
  };

  beforeAll(async () => {
    t = await startTestApp();
    organiser = await person();
    chair = await person();
    attendee = await person();
    outsider = await person();
    admin = await person({ role: 'admin' });
    yosan = await fixture('yosan.pdf');
    plain = await fixture('tracemonkey.pdf');
  });
  afterAll(() => t.close());

  /** A meeting with a chair and an attendee, one agenda item and a material (`pdf`). */
  const meeting = async (
    title: string,
    pdf: Buffer,
    options: { startsAt?: string; disposeAfter?: string | null } = {},
  ) => {
    const startsAt = options.startsAt ?? new Date(Date.now() + 86_400_000).toISOString();
    let m = await ok(
      organiser.client.post<Meeting>('/api/meetings', {
        title,
        kind: 'section_chiefs',
        startsAt,
        endsAt: new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
        disposeAfter: options.disposeAfter ?? null,
      }),
      201,
    );
    for (const [who, role] of [
      [chair, 'chair'],
      [attendee, 'attendee'],
    ] as const)
      await ok(organiser.client.post(`/api/meetings/${m.id}/participants`, { userId: who.id, role }), 201);
    m = await ok(
      organiser.client.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '予算について' }),
      201,
    );
    m = await ok(
      organiser.client.request<Meeting>('POST', `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/materials`, {
        body: pdfForm(pdf, 'shiryo.pdf'),
      }),
      201,
    );
    return m;
  };

  const tableCounts = async () => {
    const [row]: Record<string, number>[] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM meeting_minutes)::int AS minutes, (SELECT count(*) FROM stored_file)::int AS files,
              (SELECT count(*) FROM audit_event)::int AS audit`,
    );
    return row;
  };

  describe('minutes (議事録)', () => {
    it('lets the organiser write text after the meeting is closed, the chair too, and every participant read it', async () => {
      const m = await meeting('第3回課長会議', plain);
      const empty = await ok(attendee.client.get<MeetingMinutes>(`/api/meetings/${m.id}/minutes`));
      expect(empty).toMatchObject({ text: '', file: null, version: 0, updatedAt: null, canWrite: false });
      await ok(organiser.client.post(`/api/meetings/${m.id}/distribute`));
      await ok(organiser.client.post(`/api/meetings/${m.id}/close`));

      const saved = await ok(
        organiser.client.put<MeetingMinutes>(`/api/meetings/${m.id}/minutes`, {
          text: '1 開会\n2 予算編成方針について 原案どおり了承',
          version: 0,
        }),
      );
      expect(saved).toMatchObject({ version: 1, canWrite: true, updatedByName: '試験 太郎' });
      const read = await ok(attendee.client.get<MeetingMinutes>(`/api/meetings/${m.id}/minutes`));
      expect(read.text).toBe('1 開会\n2 予算編成方針について 原案どおり了承');
      expect(read.canWrite).toBe(false);

      const byChair = await ok(
        chair.client.put<MeetingMinutes>(`/api/meetings/${m.id}/minutes`, { text: '訂正済み', version: 1 }),
      );
      expect(byChair).toMatchObject({ text: '訂正済み', version: 2, canWrite: true });

      // The organiser's screen still shows version 1: refused, nothing overwritten.
      const stale = await organiser.client.put(`/api/meetings/${m.id}/minutes`, { text: '古い', version: 1 });
      expect(stale.status).toBe(409);
      expect(asError(stale).code).toBe('meeting/minutes_changed');
      expect((await ok(attendee.client.get<MeetingMinutes>(`/api/meetings/${m.id}/minutes`))).text).toBe(
        '訂正済み',
      );

      const audit: { type: string; data: { sha256: string } }[] = await t.dataSource.query(
        `SELECT type, data FROM audit_event WHERE subject = $1 AND type LIKE 'meeting.minutes%' ORDER BY id`,
        [m.id],
      );
      expect(audit.map((a) => a.type)).toEqual(['meeting.minutes_saved', 'meeting.minutes_saved']);
      expect(audit[1].data.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('attaches a PDF (checked like materials), replaces it, removes it; the file is readable only by those who see the meeting', async () => {
      const m = await meeting('第4回課長会議', plain);
      const url = `/api/meetings/${m.id}/minutes/file`;
      const first = await ok(
        organiser.client.request<MeetingMinutes>('POST', url, { body: pdfForm(unique(yosan), '議事録.pdf') }),
        201,
      );
      expect(first.file).toMatchObject({ name: '議事録.pdf', pageCount: 2 });
      const fileId = first.file?.id as string;
      expect((await attendee.client.request('GET', `/api/files/${fileId}`)).status).toBe(200);
      expect((await outsider.client.request('GET', `/api/files/${fileId}`)).status).toBe(404);

      const second = await ok(
        chair.client.request<MeetingMinutes>('POST', url, { body: pdfForm(unique(yosan), 'giji.pdf') }),
        201,
      );
      expect(second.file?.name).toBe('giji.pdf');
      expect(second.version).toBe(2);
      // The replaced PDF is gone.
      expect((await organiser.client.request('GET', `/api/files/${fileId}`)).status).toBe(404);
      const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM stored_file WHERE id = $1`, [fileId]);
      expect(rows).toEqual([]);

      const broken = await organiser.client.request('POST', url, {
        body: pdfForm(await fixture('truncated.pdf'), 'broken.pdf'),
      });
      expect(broken.status).toBe(422);
      expect(asError(broken).code).toBe('files/pdf_unreadable');

      const removed = await ok(organiser.client.delete<MeetingMinutes>(url));
      expect(removed).toMatchObject({ file: null, version: 3 });
      const again = await organiser.client.delete(url);
      expect(again.status).toBe(404);
      expect(asError(again).code).toBe('meeting/minutes_file_not_found');
    });

    it('refuses the wrong people and bad input, changing nothing', async () => {
      const m = await meeting('第5回課長会議', plain);
      const before = await tableCounts();
      const url = `/api/meetings/${m.id}/minutes`;

      for (const res of [
        await outsider.client.get(url),
        await outsider.client.put(url, { text: 'x', version: 0 }),
        await outsider.client.request('POST', `${url}/file`, { body: pdfForm(yosan, 'a.pdf') }),
        await outsider.client.delete(`${url}/file`),
      ]) {
        expect(res.status).toBe(404);
        expect(asError(res).code).toBe('meeting/not_found');
      }
      for (const res of [
        await attendee.client.put(url, { text: 'x', version: 0 }),
        await attendee.client.request('POST', `${url}/file`, { body: pdfForm(yosan, 'a.pdf') }),
        await attendee.client.delete(`${url}/file`),
      ]) {
        expect(res.status).toBe(403);
        expect(asError(res).code).toBe('meeting/not_allowed_to_write_minutes');
      }
      for (const body of [
        { text: 'x'.repeat(100_001), version: 0 },
        { text: 'x' },
        { text: 'x', version: -1 },
        { text: 'x', version: 0, extra: true },
      ]) {
        const res = await organiser.client.put(url, body);
        expect(res.status).toBe(400);
        expect(asError(res).code).toBe('request/validation_failed');
        expect(asError(res).message).toMatch(/[ぁ-んァ-ン一-龥]/);
      }
      const bad = await organiser.client.get(`/api/meetings/not-a-uuid/minutes`);
      expect(bad.status).toBe(400);
      expect(await tableCounts()).toEqual(before);
    });
  });

  describe('search', () => {
    let yosanMeeting: Meeting;
    let otherMeeting: Meeting;

    beforeAll(async () => {
      yosanMeeting = await meeting('令和8年度 第1回庁議', yosan, { startsAt: '2026-04-10T01:00:00.000Z' });
      otherMeeting = await meeting('防災会議', plain, { startsAt: '2026-05-20T01:00:00.000Z' });
    });

    const search = (who: Person, query: Record<string, string>) =>
      ok(who.client.get<MeetingSearchList>(`/api/meetings/search?${new URLSearchParams(query).toString()}`));

    it('finds 予算 inside a material, saying which material and page with a snippet', async () => {
      const found = await search(attendee, { q: '予算' });
      const item = found.items.find((i) => i.meeting.id === yosanMeeting.id);
      expect(item).toBeDefined();
      expect(item?.titleMatched).toBe(false);
      expect(item?.hitCount).toBe(2);
      const material = yosanMeeting.agenda[0].materials[0];
      expect(item?.hits.map((h) => [h.materialId, h.page])).toEqual([
        [material.id, 1],
        [material.id, 2],
      ]);
      expect(item?.hits[0].snippet.match).toBe('予算');
      expect(item?.hits[0].snippet.before).toContain('令和8年度');
      expect(item?.hits[0].snippet.after).toContain('編成方針');
      expect(found.items.some((i) => i.meeting.id === otherMeeting.id)).toBe(false);
    });

    it('finds one-character words, several words together, titles, full-width and upper-case variants', async () => {
      const ids = async (query: Record<string, string>) =>
        (await search(organiser, query)).items.map((i) => i.meeting.id);
      expect(await ids({ q: '歳' })).toContain(yosanMeeting.id);
      expect(await ids({ q: '執行状況 毎月' })).toContain(yosanMeeting.id);
      // Both words, but never together on one page.
      expect(await ids({ q: '執行状況 防災対策' })).not.toContain(yosanMeeting.id);
      expect(await ids({ q: '防災会議' })).toEqual(expect.arrayContaining([otherMeeting.id]));
      // tracemonkey.pdf: "Trace-based Just-in-Time Type Specialization", asked in full-width capitals.
      const trace = await search(organiser, { q: 'ＴＲＡＣＥ' });
      expect(trace.items.find((i) => i.meeting.id === otherMeeting.id)?.hits[0].snippet.match).toMatch(
        /trace/i,
      );
      expect(await ids({ q: '存在しない語句' })).toEqual([]);
    });

    it('filters by the day the meeting starts (Japan time) and refuses a reversed range', async () => {
      const april = (await search(organiser, { from: '2026-04-10', to: '2026-04-10' })).items.map(
        (i) => i.meeting.id,
      );
      expect(april).toContain(yosanMeeting.id);
      expect(april).not.toContain(otherMeeting.id);
      const withWord = await search(organiser, { q: '予算', from: '2026-05-01' });
      expect(withWord.items.map((i) => i.meeting.id)).not.toContain(yosanMeeting.id);
      const res = await organiser.client.get('/api/meetings/search?from=2026-05-01&to=2026-04-01');
      expect(res.status).toBe(400);
      expect(asError(res).code).toBe('meeting/search_range_invalid');
      expect(asError(res).message).toContain('日付');
      // Paged: the total is the same on every page, past the end too.
      const all = await search(organiser, { q: '会議' });
      const first = await search(organiser, { q: '会議', pageSize: '1' });
      const beyond = await search(organiser, { q: '会議', pageSize: '1', page: '99' });
      expect(all.total).toBeGreaterThan(1);
      expect([first.total, beyond.total, first.items.length, beyond.items.length]).toEqual([
        all.total,
        all.total,
        1,
        0,
      ]);
      const tooLong = await organiser.client.get(`/api/meetings/search?q=${'予'.repeat(101)}`);
      expect(tooLong.status).toBe(400);
    });

    it('never shows a meeting the person may not see, and searches only current versions', async () => {
      expect((await search(outsider, { q: '予算' })).items).toEqual([]);
      expect((await search(outsider, { q: '庁議' })).items).toEqual([]);
      const adminFound = await search(admin, { q: '予算' });
      expect(adminFound.items.map((i) => i.meeting.id)).toContain(yosanMeeting.id);

      const m = await meeting('差し替えの会議', unique(yosan));
      await ok(
        organiser.client.request(
          'POST',
          `/api/meetings/${m.id}/materials/${m.agenda[0].materials[0].id}/versions`,
          { body: pdfForm(plain, 'new.pdf') },
        ),
        201,
      );
      const after = await search(organiser, { q: '予算編成' });
      expect(after.items.map((i) => i.meeting.id)).not.toContain(m.id);
    });

    it('uses the GIN index on the page texts for a two-character word', async () => {
      await t.dataSource.query(`ANALYZE stored_file_text`);
      const plan: { 'QUERY PLAN': string }[] = await t.app.get(UnitOfWork).run(async ({ em }) => {
        await em.query(`SET LOCAL enable_seqscan = off`);
        return em.query(
          `EXPLAIN SELECT file_id, page FROM stored_file_text t
            WHERE t.grams @> ringi_search_grams('予算')
              AND strpos(t.norm, ringi_search_norm('予算')) > 0`,
        );
      });
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('stored_file_text_grams_idx');
    });
  });

  describe('disposal (廃棄)', () => {
    const yesterday = () => addDays(tokyoDate(), -1);

    /** How many notifications link to the meeting, once `until` holds (or after five seconds). */
    const notificationsOf = async (meetingId: string, until: (n: number) => boolean) => {
      let n = -1;
      for (let i = 0; i < 50; i++) {
        const [row]: { n: number }[] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM notification WHERE starts_with(link, $1)`,
          [`/meetings/${meetingId}`],
        );
        n = row.n;
        if (until(n)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return n;
    };

    /** A meeting past its retention period, with minutes (text and PDF), a note and a presentation. */
    const expired = async (title: string) => {
      const pdf = unique(yosan);
      const m = await meeting(title, pdf, { disposeAfter: yesterday() });
      await ok(organiser.client.put(`/api/meetings/${m.id}/minutes`, { text: '議事録本文', version: 0 }));
      await ok(
        organiser.client.request('POST', `/api/meetings/${m.id}/minutes/file`, {
          body: pdfForm(unique(yosan), 'minutes.pdf'),
        }),
        201,
      );
      const version = m.agenda[0].materials[0].versions[0];
      await t.dataSource.query(
        `INSERT INTO meeting_presentation (meeting_id, material_id, version_id, page, presenter_id)
         VALUES ($1, $2, $3, 1, $4)`,
        [m.id, m.agenda[0].materials[0].id, version.id, organiser.id],
      );
      await t.dataSource.query(
        `INSERT INTO meeting_note (meeting_id, material_id, version_id, author_id, page, kind, body, anchor)
         VALUES ($1, $2, $3, $4, 1, 'bookmark', '{"kind":"bookmark"}', '{}')`,
        [m.id, m.agenda[0].materials[0].id, version.id, attendee.id],
      );
      // Distributed: the participants hold notifications that name it.
      await ok(organiser.client.post(`/api/meetings/${m.id}/distribute`));
      expect(await notificationsOf(m.id, (n) => n > 0)).toBeGreaterThan(0);
      const minutes = await ok(organiser.client.get<MeetingMinutes>(`/api/meetings/${m.id}/minutes`));
      return { m, fileIds: [version.fileId, minutes.file?.id as string], sha256: version.sha256 };
    };

    const assertGone = async (m: Meeting, fileIds: string[], sha256: string) => {
      for (const who of [organiser, attendee, admin]) {
        const res = await who.client.get(`/api/meetings/${m.id}`);
        expect(res.status).toBe(404);
        expect(asError(res).code).toBe('meeting/not_found');
        expect((await who.client.get(`/api/meetings/${m.id}/minutes`)).status).toBe(404);
        for (const f of fileIds)
          expect((await who.client.request('GET', `/api/files/${f}`)).status).toBe(404);
        const list = await ok(who.client.get<MeetingList>('/api/meetings?when=all&pageSize=100'));
        expect(list.items.map((i) => i.id)).not.toContain(m.id);
        const found = await ok(
          who.client.get<MeetingSearchList>(`/api/meetings/search?q=${encodeURIComponent(m.title)}`),
        );
        expect(found.items.map((i) => i.meeting.id)).not.toContain(m.id);
      }
      const [left]: Record<string, number>[] = await t.dataSource.query(
        `SELECT (SELECT count(*) FROM meeting_agenda_item WHERE meeting_id = $1)::int AS agenda,
                (SELECT count(*) FROM meeting_participant WHERE meeting_id = $1)::int AS participants,
                (SELECT count(*) FROM meeting_minutes WHERE meeting_id = $1)::int AS minutes,
                (SELECT count(*) FROM meeting_presentation WHERE meeting_id = $1)::int AS presentation,
                (SELECT count(*) FROM stored_file WHERE id = ANY($2::uuid[]))::int AS files,
                (SELECT count(*) FROM stored_file_text WHERE file_id = ANY($2::uuid[]))::int AS texts`,
        [m.id, fileIds],
      );
      expect(left).toEqual({ agenda: 0, participants: 0, minutes: 0, presentation: 0, files: 0, texts: 0 });
      const notes: unknown[] = await t.dataSource.query(`SELECT 1 FROM meeting_note WHERE meeting_id = $1`, [
        m.id,
      ]);
      expect(notes).toEqual([]);
      // Its notifications are withdrawn (after commit): none would lead anywhere.
      expect(await notificationsOf(m.id, (n) => n === 0)).toBe(0);
      // The bytes nobody else refers to are deleted (after commit).
      const blob = join(t.dataDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
      for (let i = 0; i < 50 && existsSync(blob); i++) await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(blob)).toBe(false);
      // Recorded in the audit chain, which still verifies.
      const events: { type: string; actor_id: string | null; data: Record<string, unknown> }[] =
        await t.dataSource.query(
          `SELECT type, actor_id, data FROM audit_event WHERE subject = $1 AND type = 'meeting.disposed'`,
          [m.id],
        );
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({
        title: m.title,
        materials: 1,
        versions: 1,
        files: 2,
        minutes: true,
      });
      expect((await ok(admin.client.get<AuditVerify>('/api/admin/audit/verify'))).ok).toBe(true);
      return events[0];
    };

    it('lets an administrator dispose of a meeting past its date, after which nothing of it is readable', async () => {
      const { m, fileIds, sha256 } = await expired('廃棄する会議');
      const done = await ok(admin.client.post<MeetingDisposal>(`/api/meetings/${m.id}/dispose`));
      expect(done.meetingId).toBe(m.id);
      const event = await assertGone(m, fileIds, sha256);
      expect(event.actor_id).toBe(admin.id);
      expect(event.data.by).toBe('administrator');
      const again = await admin.client.post(`/api/meetings/${m.id}/dispose`);
      expect(again.status).toBe(404);
    });

    it('disposes of due meetings from the job queue, once each, and leaves the others', async () => {
      const due = await expired('期限切れの会議');
      const today = await meeting('今日まで保存する会議', plain, { disposeAfter: tokyoDate() });
      const kept = await meeting('保存期間なしの会議', plain);
      const disposal = t.app.get(MeetingDisposalService);
      const queued = await disposal.queueDue();
      expect(queued.map((q) => q.meetingId)).toContain(due.m.id);
      expect(queued.map((q) => q.meetingId)).not.toContain(today.id);
      expect(queued.map((q) => q.meetingId)).not.toContain(kept.id);
      const twice = await disposal.queueDue();
      expect(twice.find((q) => q.meetingId === due.m.id)?.jobId ?? null).toBeNull();
      for (let i = 0; i < 100; i++) {
        if ((await organiser.client.get(`/api/meetings/${due.m.id}`)).status === 404) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const event = await assertGone(due.m, due.fileIds, due.sha256);
      expect(event.actor_id).toBeNull();
      expect(event.data.by).toBe('schedule');
      expect((await organiser.client.get(`/api/meetings/${today.id}`)).status).toBe(200);
      expect((await organiser.client.get(`/api/meetings/${kept.id}`)).status).toBe(200);
    });

    it('refuses the wrong people and meetings not yet due, changing nothing', async () => {
      const { m } = await expired('まだ残る会議');
      const notYet = await meeting('保存中の会議', plain, { disposeAfter: tokyoDate() });
      const before = await tableCounts();
      const outsiderRes = await outsider.client.post(`/api/meetings/${m.id}/dispose`);
      expect(outsiderRes.status).toBe(404);
      expect(asError(outsiderRes).code).toBe('meeting/not_found');
      for (const who of [organiser, chair, attendee]) {
        const res = await who.client.post(`/api/meetings/${m.id}/dispose`);
        expect(res.status).toBe(403);
        expect(asError(res).code).toBe('meeting/not_allowed_to_dispose');
        expect(asError(res).message).toContain('管理者');
      }
      const early = await admin.client.post(`/api/meetings/${notYet.id}/dispose`);
      expect(early.status).toBe(409);
      expect(asError(early).code).toBe('meeting/not_disposable_yet');
      const bad = await admin.client.post(`/api/meetings/not-a-uuid/dispose`);
      expect(bad.status).toBe(400);
      expect(asError(bad).message).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(await tableCounts()).toEqual(before);
      expect((await organiser.client.get(`/api/meetings/${m.id}`)).status).toBe(200);
    });
  });
});
