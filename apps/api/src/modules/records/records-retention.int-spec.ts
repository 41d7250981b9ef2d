import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ApprovalDocument,
  ApprovalTemplate,
  AuditVerify,
  Binder,
  BinderDetail,
  DisposalList,
  DisposalLists,
  RetentionDue,
} from '@ringi/contracts';
import { canonicalJson, fiscalYearOf, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeFor,
  makeApprovalTown,
  steps,
  type ApprovalTown,
  type Person,
} from '../../../../../tests/support/approvals';
import { makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import { asError, ok, type TestClient } from '../../../../../tests/support/http';
import { eventually, until } from '../../../../../tests/support/sockets';
import { RecordsRetentionService } from './records-retention.service';

/** A few bytes that are a ZIP container by their magic bytes (as every .docx is). */
const zipBytes = (fill: number) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0, 8, 0]), Buffer.alloc(200, fill)]);

describe('records: the end of retention (延長・移管・廃棄目録)', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let officer: Person;
  let templates: Map<string, ApprovalTemplate>;
  const present = fiscalYearOf(tokyoDate());

  /** A binder of the section made straight in the table: `fiscalYear` with the plan item of `code`. */
  const binder = async (fiscalYear: number, code = '07', title = '照会回答綴'): Promise<Binder> => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO records_binder (plan_item_id, department_id, fiscal_year, code, title, retention, end_action,
                                   retention_ends_on)
       SELECT p.id, $2, $3, p.code, $4, p.retention, p.end_action,
              CASE WHEN p.retention = 'permanent' THEN NULL ELSE make_date($3 + 1 + p.retention::int, 3, 31) END
         FROM records_file_plan_item p WHERE p.code = $1 AND p.department_id IS NULL
       RETURNING id`,
      [code, town.departments.section.id, fiscalYear, title],
    );
    return (await ok(officer.client.get<BinderDetail>(`/api/records/binders/${row!.id}`))).binder;
  };
  const document = (client: TestClient, id: string) =>
    ok(client.get<ApprovalDocument>(`/api/approvals/documents/${id}`));
  /** The 係長 approves, then the 課長 decides (or rejects) the document. */
  const decide = async (id: string, outcome: 'decide' | 'reject' = 'decide') => {
    let doc = await document(town.chief.client, id);
    for (const who of [town.leader, town.chief]) {
      doc = await document(who.client, doc.id);
      const stepId = activeFor(doc, who);
      if (!stepId) continue;
      const kind = steps(doc).find((s) => s.id === stepId)!.kind;
      const action =
        kind !== 'decide'
          ? { type: 'approve', stepId }
          : outcome === 'decide'
            ? { type: 'decide', stepId }
            : { type: 'reject', stepId, reason: '保存の必要があるため' };
      doc = await ok(act(who.client, doc, action));
    }
    return doc;
  };
  const listOf = (id: string) => ok(officer.client.get<DisposalList>(`/api/records/disposal-lists/${id}`));
  /** The list once its status is `status` (it follows its document after commit). */
  const settled = (id: string, status: DisposalList['status']) =>
    eventually(
      () => listOf(id),
      (list) => list.status === status,
    );
  const attach = async (client: TestClient, documentId: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await client.request('POST', `/api/approvals/documents/${documentId}/attachments`, {
      body: form,
    });
    if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    const user = await makeUser(t, {
      department: town.departments.section,
      position: town.positions.clerk,
      role: 'admin',
    });
    officer = { ...user, client: t.client() };
    await officer.client.signIn(user.staffNumber, TEST_PASSWORD);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    templates = new Map(res.body.items.map((tp) => [tp.code, tp]));
  });
  afterAll(() => t.close());

  it('lists the active binders whose retention ends by a day (default: the end of this 年度), not 永年', async () => {
    const old = await binder(2015);
    const current = await binder(present, '00', '庶務一般');
    const permanent = await binder(2015, '01', '例規綴');
    expect(old).toMatchObject({ retention: '1', retentionEndsOn: '2017-03-31', status: 'active' });

    const due = await ok(officer.client.get<RetentionDue>('/api/records/retention/due'));
    expect(due.by).toBe(`${present + 1}-03-31`);
    const ids = due.binders.map((b) => b.id);
    expect(ids).toContain(old.id);
    expect(ids).not.toContain(current.id);
    expect(ids).not.toContain(permanent.id);
    const later = await ok(
      officer.client.get<RetentionDue>(`/api/records/retention/due?by=${present + 7}-03-31`),
    );
    expect(later.binders.map((b) => b.id)).toContain(current.id);
    const earlier = await ok(officer.client.get<RetentionDue>('/api/records/retention/due?by=2016-03-31'));
    expect(earlier.binders.map((b) => b.id)).not.toContain(old.id);
    expect((await officer.client.get('/api/records/retention/due?by=2017-02-30')).status).toBe(400);
  });

  it('extends retention with a reason, only to a later day, also before the end', async () => {
    const b = await binder(2016);
    const same = await officer.client.post(`/api/records/binders/${b.id}/extend`, {
      until: b.retentionEndsOn,
      reason: '訴訟のため',
    });
    expect(same.status).toBe(422);
    expect(asError(same).code).toBe('records/extension_not_later');
    expect(
      (await officer.client.post(`/api/records/binders/${b.id}/extend`, { until: '2030-03-31' })).status,
    ).toBe(400);
    const extended = await ok(
      officer.client.post<Binder>(`/api/records/binders/${b.id}/extend`, {
        until: '2030-03-31',
        reason: '訴訟が続いているため',
      }),
    );
    expect(extended).toMatchObject({
      retentionEndsOn: '2030-03-31',
      extensions: 1,
      extensionReason: '訴訟が続いているため',
      status: 'active',
    });
    const current = await binder(present, '04', '契約関係綴');
    const early = await ok(
      officer.client.post<Binder>(`/api/records/binders/${current.id}/extend`, {
        until: `${present + 20}-03-31`,
        reason: '事業が続くため',
      }),
    );
    expect(early.extensions).toBe(1);
    const permanent = await binder(2014, '01', '例規綴');
    const refused = await officer.client.post(`/api/records/binders/${permanent.id}/extend`, {
      until: '2099-03-31',
      reason: '念のため',
    });
    expect(asError(refused).code).toBe('records/binder_permanent');
  });

  it('transfers a binder only once its retention is over, and closes it when the archives received it', async () => {
    const current = await binder(present, '02', '議会関係綴');
    const early = await officer.client.post(`/api/records/binders/${current.id}/transfer`);
    expect(early.status).toBe(409);
    expect(asError(early).code).toBe('records/binder_not_due');
    const permanent = await binder(2013, '01', '例規綴');
    expect(asError(await officer.client.post(`/api/records/binders/${permanent.id}/transfer`)).code).toBe(
      'records/binder_permanent',
    );
    const notYet = await officer.client.post(`/api/records/binders/${current.id}/transferred`);
    expect(asError(notYet).code).toBe('records/binder_not_active');

    const old = await binder(1990, '02', '議会関係綴');
    expect(await ok(officer.client.post<Binder>(`/api/records/binders/${old.id}/transfer`))).toMatchObject({
      status: 'transfer_pending',
    });
    expect(asError(await officer.client.post(`/api/records/binders/${old.id}/transfer`)).code).toBe(
      'records/binder_not_active',
    );
    expect(await ok(officer.client.post<Binder>(`/api/records/binders/${old.id}/transferred`))).toMatchObject(
      {
        status: 'transferred',
      },
    );
    const extend = await officer.client.post(`/api/records/binders/${old.id}/extend`, {
      until: '2099-03-31',
      reason: '念のため',
    });
    expect(asError(extend).code).toBe('records/binder_not_active');
  });

  it('tells the administrators once per binder when its retention is over', async () => {
    const retention = t.app.get(RecordsRetentionService);
    await retention.daily();
    const old = await binder(2012);
    expect(await retention.daily()).toBe(1);
    expect(await retention.daily()).toBe(0);
    const [{ n }]: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'records.retention_due' AND user_id = $1`,
      [officer.id],
    );
    expect(n).toBeGreaterThanOrEqual(2);
    const clerkNotices: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM notification WHERE kind = 'records.retention_due' AND user_id = $1`,
      [town.clerk.id],
    );
    expect(clerkNotices).toEqual([]);
    expect(old.status).toBe('active');
  });

  it('destroys the files of a disposal list once its 起案 is decided, keeping the records and a manifest', async () => {
    const b = await binder(2009, '07', '照会回答綴（廃棄）');
    // A decided document of the binder with an attachment, and a receipt with a file of the same bytes.
    const draft = await ok(
      town.clerk.client.post<ApprovalDocument>('/api/approvals/documents', {
        templateId: templates.get('GENERAL')!.id,
        title: '照会への回答について',
        body: '本文',
      }),
      201,
    );
    const bytes = zipBytes(7);
    await attach(town.clerk.client, draft.id, bytes, '回答案.docx');
    const fresh = await document(town.clerk.client, draft.id);
    const decidedDoc = await decide((await ok(act(town.clerk.client, fresh, { type: 'submit' }))).id);
    expect(decidedDoc.status).toMatch(/decided|completed/);
    await t.dataSource.query(`UPDATE approval_document SET binder_id = $2 WHERE id = $1`, [draft.id, b.id]);
    const [{ file_id: fileId, sha256 }]: { file_id: string; sha256: string }[] = await t.dataSource.query(
      `SELECT a.file_id, f.sha256 FROM approval_attachment a JOIN stored_file f ON f.id = a.file_id
        WHERE a.document_id = $1`,
      [draft.id],
    );
    expect(sha256.trim()).toBe(createHash('sha256').update(bytes).digest('hex'));
    const [receipt]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO records_receipt (client_id, department_id, fiscal_year, serial, number, subject, received_on,
                                    sender, medium, binder_id, registered_by)
       VALUES (gen_random_uuid(), $1, 2015, 1, '総務収第1号', '県からの照会', '2015-06-01', '県庁', 'paper', $2, $3)
       RETURNING id`,
      [town.departments.section.id, b.id, town.clerk.id],
    );
    const [receiptFile]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO stored_file (sha256, size_bytes, mime_type, name, purpose, owner_id)
       SELECT sha256, size_bytes, mime_type, '照会文.docx', purpose, owner_id FROM stored_file WHERE id = $1
       RETURNING id`,
      [fileId],
    );
    await t.dataSource.query(
      `INSERT INTO records_receipt_file (receipt_id, file_id, position, added_by) VALUES ($1, $2, 1, $3)`,
      [receipt!.id, receiptFile!.id, town.clerk.id],
    );
    const blob = join(t.dataDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256.trim());
    await expect(stat(blob)).resolves.toBeTruthy();
    expect((await officer.client.get(`/api/files/${fileId}`)).status).toBe(200);

    // Not due, permanent or unknown binders are refused, and nothing is listed.
    const current = await binder(present, '07', '照会回答綴（現年度）');
    const refused = await officer.client.post('/api/records/disposal-lists', {
      title: '廃棄目録',
      binderIds: [b.id, current.id],
    });
    expect(asError(refused).code).toBe('records/binder_not_due');
    // A binder the file plan sends to the archives (議会: 移管) is transferred, never put on a disposal list.
    const forArchives = await binder(1985, '02', '議会関係綴（移管）');
    const archived = await officer.client.post('/api/records/disposal-lists', {
      title: '廃棄目録',
      binderIds: [forArchives.id],
    });
    expect(asError(archived).code).toBe('records/binder_for_transfer');
    expect((await ok(officer.client.get<BinderDetail>(`/api/records/binders/${b.id}`))).binder.status).toBe(
      'active',
    );

    const list = await ok(
      officer.client.post<DisposalList>('/api/records/disposal-lists', {
        title: `${present}年度 廃棄目録`,
        binderIds: [b.id],
      }),
      201,
    );
    expect(list).toMatchObject({ status: 'draft', executedAt: null, filesDestroyed: 0 });
    expect(list.binders.map((x) => [x.id, x.status])).toEqual([[b.id, 'disposal_listed']]);
    const listDoc = await document(officer.client, list.documentId);
    expect(listDoc.body).toContain('照会回答綴（廃棄）');
    expect(listDoc.body).toContain('2009年度');
    // Listed binders cannot be listed again.
    const twice = await officer.client.post('/api/records/disposal-lists', {
      title: '二重',
      binderIds: [b.id],
    });
    expect(asError(twice).code).toBe('records/binder_not_active');

    await ok(act(officer.client, listDoc, { type: 'submit' }));
    expect((await listOf(list.id)).status).toBe('in_progress');
    await decide(list.documentId);
    const done = await settled(list.id, 'executed');
    expect(done).toMatchObject({ status: 'executed', filesDestroyed: 2 });
    expect(done.binders[0]).toMatchObject({
      id: b.id,
      status: 'disposed',
      documentCount: 1,
      receiptCount: 1,
    });

    // The files answer 410, the bytes are gone; the document, the receipt and the file rows stay.
    const gone = await officer.client.get(`/api/files/${fileId}`);
    expect(gone.status).toBe(410);
    expect(asError(gone).code).toBe('files/disposed');
    // The bytes are removed from disk after the commit, a moment after the list shows executed.
    await until(
      async () =>
        !(await stat(blob).then(
          () => true,
          () => false,
        )),
      'the bytes removed',
      30_000,
    );
    expect((await document(officer.client, draft.id)).title).toBe('照会への回答について');
    const detail = await ok(officer.client.get<BinderDetail>(`/api/records/binders/${b.id}`));
    expect(detail.entries.map((e) => e.kind).sort()).toEqual(['document', 'receipt']);

    const [row]: { manifest: Record<string, unknown> & { files: { id: string }[] } }[] =
      await t.dataSource.query(`SELECT manifest FROM records_disposal_list WHERE id = $1`, [list.id]);
    expect(row!.manifest).toMatchObject({
      binders: [expect.objectContaining({ id: b.id, title: '照会回答綴（廃棄）', fiscalYear: 2009 })],
      documents: [expect.objectContaining({ id: draft.id, title: '照会への回答について' })],
      receipts: [
        expect.objectContaining({ id: receipt!.id, number: '総務収第1号', subject: '県からの照会' }),
      ],
    });
    expect(row!.manifest.files.map((f) => f.id).sort()).toEqual([fileId, receiptFile!.id].sort());
    const [event]: { data: { manifestSha256: string; files: number } }[] = await t.dataSource.query(
      `SELECT data FROM audit_event WHERE type = 'records.disposed' AND subject = $1`,
      [list.id],
    );
    expect(event!.data).toMatchObject({
      files: 2,
      manifestSha256: createHash('sha256').update(canonicalJson(row!.manifest)).digest('hex'),
    });
    expect(await ok(officer.client.get<AuditVerify>('/api/admin/audit/verify'))).toMatchObject({ ok: true });

    // Once only: the daily job finds nothing more to do.
    await t.app.get(RecordsRetentionService).daily();
    const [{ n }]: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE type = 'records.disposed' AND subject = $1`,
      [list.id],
    );
    expect(n).toBe(1);
    const lists = await ok(officer.client.get<DisposalLists>('/api/records/disposal-lists'));
    expect(lists.items.map((l) => l.id)).toContain(list.id);
  });

  it('frees the binders of a rejected disposal list', async () => {
    const b = await binder(2014, '07', '照会回答綴（否決）');
    const list = await ok(
      officer.client.post<DisposalList>('/api/records/disposal-lists', {
        title: '否決される目録',
        binderIds: [b.id],
      }),
      201,
    );
    await ok(act(officer.client, await document(officer.client, list.documentId), { type: 'submit' }));
    await decide(list.documentId, 'reject');
    const rejected = await settled(list.id, 'rejected');
    expect(rejected.status).toBe('rejected');
    const freed = await eventually(
      () => ok(officer.client.get<BinderDetail>(`/api/records/binders/${b.id}`)),
      (now) => now.binder.status === 'active',
    );
    expect(freed.binder.status).toBe('active');
  });

  it('refuses every retention endpoint to staff (403) and unknown ids (404), changing nothing', async () => {
    const b = await binder(2011);
    const client = town.clerk.client;
    const forbidden = [
      await client.get('/api/records/retention/due'),
      await client.post(`/api/records/binders/${b.id}/extend`, { until: '2099-03-31', reason: '延長' }),
      await client.post(`/api/records/binders/${b.id}/transfer`),
      await client.post(`/api/records/binders/${b.id}/transferred`),
      await client.get('/api/records/disposal-lists'),
      await client.post('/api/records/disposal-lists', { title: '目録', binderIds: [b.id] }),
      await client.get('/api/records/disposal-lists/00000000-0000-4000-8000-000000000000'),
    ];
    for (const res of forbidden) {
      expect(res.status).toBe(403);
      expect(asError(res).code).toBe('records/not_records_officer');
    }
    expect((await ok(officer.client.get<BinderDetail>(`/api/records/binders/${b.id}`))).binder).toEqual(b);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const res of [
      await officer.client.post(`/api/records/binders/${unknown}/extend`, {
        until: '2099-03-31',
        reason: '延長',
      }),
      await officer.client.post(`/api/records/binders/${unknown}/transfer`),
      await officer.client.post('/api/records/disposal-lists', { title: '目録', binderIds: [unknown] }),
      await officer.client.get(`/api/records/disposal-lists/${unknown}`),
    ])
      expect(res.status).toBe(404);
    const english = t.client({ locale: 'en' });
    english.sessionToken = client.sessionToken;
    expect(asError(await english.get('/api/records/retention/due')).message).toBe(
      'Only the records officer (an administrator) can do this.',
    );
  });
});
