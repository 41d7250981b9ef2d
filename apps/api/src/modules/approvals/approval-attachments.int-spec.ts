import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApprovalDocument, ApprovalTemplate } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeStep,
  type ApprovalTown,
  makeApprovalTown,
  ok,
  type Person,
} from '../../../../../tests/support/approvals';
import { asError, type TestClient } from '../../../../../tests/support/http';

const fixture = (name: string) => readFile(join(__dirname, '../../../../../tests/fixtures', name));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A few bytes that are a ZIP container by their magic bytes (as every .docx is). */
const zipBytes = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0, 8, 0]), Buffer.alloc(200, 1)]);

describe('approvals: attachments, and documents the database itself keeps from change', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let general: ApprovalTemplate;
  let pdf: Buffer;

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    general = res.body.items.find((tp) => tp.code === 'GENERAL') as ApprovalTemplate;
    pdf = await fixture('helloworld-bad.pdf');
  });
  afterAll(() => t.close());

  const draft = async (who: Person = town.clerk) => {
    const res = await who.client.post<ApprovalDocument>('/api/approvals/documents', {
      templateId: general.id,
      title: '公用車の購入について',
      body: '本文',
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const attach = (client: TestClient, doc: { id: string }, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return client.request<ApprovalDocument>('POST', `/api/approvals/documents/${doc.id}/attachments`, {
      body: form,
    });
  };
  const detach = (client: TestClient, doc: { id: string }, attachmentId: string) =>
    client.delete<ApprovalDocument>(`/api/approvals/documents/${doc.id}/attachments/${attachmentId}`);
  const versionFiles = (doc: ApprovalDocument, version: number) =>
    (
      doc.versions.find((v) => v.version === version)?.content.attachments as {
        sha256: string;
        name: string;
      }[]
    )
      .map((a) => a.name)
      .sort();

  it('lets the drafter add PDFs and office files and remove them before submission; refuses other types and other people', async () => {
    const doc = await draft();
    expect(doc.canAttach).toBe(true);
    const withPdf = await ok(attach(town.clerk.client, doc, pdf, '見積書.pdf'), 201);
    expect(withPdf.attachments).toEqual([
      expect.objectContaining({
        name: '見積書.pdf',
        mimeType: 'application/pdf',
        size: pdf.length,
        sha256: sha256(pdf),
        addedInVersion: 1,
        addedAfterSubmission: false,
        addedByName: expect.stringContaining(town.clerk.familyName),
        removedInVersion: null,
      }),
    ]);
    expect(withPdf.lockVersion).toBe(doc.lockVersion + 1);
    const withDocx = await ok(attach(town.clerk.client, doc, zipBytes, '仕様書.docx'), 201);
    expect(withDocx.attachments[1].mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );

    // A text file, an executable or an empty upload are refused and change nothing.
    const text = await attach(town.clerk.client, doc, Buffer.from('just text'), 'memo.txt');
    expect(text.status).toBe(415);
    expect(asError(text).message).toMatch(/[ぁ-んァ-ン一-龯]/);
    const none = await town.clerk.client.request('POST', `/api/approvals/documents/${doc.id}/attachments`, {
      body: new FormData(),
    });
    expect(none.status).toBe(400);

    // Someone else: a colleague of the same 係 may not add to another's draft; an outsider does not see it.
    expect((await attach(town.clerk2.client, doc, pdf, 'x.pdf')).status).toBe(404);
    expect((await attach(town.outsider.client, doc, pdf, 'x.pdf')).status).toBe(404);
    expect((await detach(town.outsider.client, doc, withDocx.attachments[1].id)).status).toBe(404);

    // Removing before submission removes the row; the file is then nobody's to read.
    const removed = await ok(detach(town.clerk.client, doc, withDocx.attachments[1].id));
    expect(removed.attachments.map((a) => a.name)).toEqual(['見積書.pdf']);
    expect((await detach(town.clerk.client, doc, withDocx.attachments[1].id)).status).toBe(404);
    const current = await town.clerk.client.get<ApprovalDocument>(`/api/approvals/documents/${doc.id}`);
    expect(current.body.attachments).toHaveLength(1);
  });

  it('freezes the files in the version hash at submission; on the route files are only added, by the drafter or the actor, and recorded in the audit chain', async () => {
    const doc = await draft();
    await ok(attach(town.clerk.client, doc, pdf, '見積書.pdf'), 201);
    const drafted = await ok(attach(town.clerk.client, doc, zipBytes, '仕様書.docx'), 201);
    const submitted = await ok(act(town.clerk.client, drafted, { type: 'submit' }));
    const v1 = submitted.versions[0].content.attachments as { sha256: string; fileId: string }[];
    expect(v1.map((a) => a.sha256)).toEqual([sha256(pdf), sha256(zipBytes)]);

    // Files are read through the document's access policy: the 係長 on the route can, an outsider cannot.
    const pdfFile = submitted.attachments[0].fileId;
    const read = await town.leader.client.get(`/api/files/${pdfFile}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('application/pdf');
    expect((await town.outsider.client.get(`/api/files/${pdfFile}`)).status).toBe(404);

    // On the route: no removal (not even by the drafter), additions by the current actor and the drafter only.
    const removal = await detach(town.clerk.client, submitted, submitted.attachments[0].id);
    expect(removal.status).toBe(409);
    expect(asError(removal).code).toBe('approval/attachment_not_removable');
    const chiefView = await town.chief.client.get<ApprovalDocument>(`/api/approvals/documents/${doc.id}`);
    expect(chiefView.body.canAttach).toBe(false);
    expect((await attach(town.chief.client, submitted, pdf, '参考.pdf')).status).toBe(403);
    const added = await ok(
      attach(town.leader.client, submitted, await fixture('tracemonkey.pdf'), '参考.pdf'),
      201,
    );
    const late = added.attachments.find((a) => a.name === '参考.pdf');
    expect(late).toMatchObject({ addedInVersion: 1, addedAfterSubmission: true });
    const audit: { data: { sha256: string; afterSubmission: boolean } }[] = await t.dataSource.query(
      `SELECT data FROM audit_event WHERE type = 'approval.attachment_added' AND subject = $1 ORDER BY id`,
      [doc.id],
    );
    expect(audit.map((a) => a.data.afterSubmission)).toEqual([false, false, true]);
    expect(audit[2].data.sha256).toBe(late?.sha256);

    // An approver holding the older lockVersion is told the document changed, and sees the new file.
    const stale = await act(town.leader.client, submitted, {
      type: 'approve',
      stepId: activeStep(submitted),
    });
    expect(stale.status).toBe(409);
  });

  it('leaves a file out of a new version after a send-back while the earlier version keeps it, copies files into 引用起案, and closes attachments after the decision', async () => {
    const doc = await draft();
    await ok(attach(town.clerk.client, doc, pdf, '旧見積書.pdf'), 201);
    const submitted = await ok(
      act(town.clerk.client, await ok(attach(town.clerk.client, doc, zipBytes, '仕様書.docx'), 201), {
        type: 'submit',
      }),
    );
    const sentBack = await ok(
      act(town.leader.client, submitted, {
        type: 'send_back',
        stepId: activeStep(submitted),
        to: { type: 'drafter' },
        reason: '見積書を差し替えてください',
      }),
    );
    const old = sentBack.attachments.find((a) => a.name === '旧見積書.pdf');
    const left = await ok(detach(town.clerk.client, sentBack, old?.id as string));
    expect(left.attachments.find((a) => a.name === '旧見積書.pdf')?.removedInVersion).toBe(2);
    const replaced = await ok(
      attach(town.clerk.client, left, await fixture('tracemonkey.pdf'), '新見積書.pdf'),
      201,
    );
    expect(replaced.attachments.find((a) => a.name === '新見積書.pdf')?.addedInVersion).toBe(2);
    const resubmitted = await ok(act(town.clerk.client, replaced, { type: 'submit' }));
    expect(resubmitted.currentVersion).toBe(2);
    expect(versionFiles(resubmitted, 1)).toEqual(['仕様書.docx', '旧見積書.pdf']);
    expect(versionFiles(resubmitted, 2)).toEqual(['仕様書.docx', '新見積書.pdf']);
    // The file of version 1 stays readable to the route.
    expect((await town.leader.client.get(`/api/files/${old?.fileId}`)).status).toBe(200);

    // 引用起案 copies the files the document holds now.
    const copy = await ok(
      town.clerk.client.request<ApprovalDocument>('POST', `/api/approvals/documents/${doc.id}/copy`),
      201,
    );
    expect(copy.attachments.map((a) => a.name).sort()).toEqual(['仕様書.docx', '新見積書.pdf']);
    expect(copy.attachments.every((a) => a.addedInVersion === 1 && a.removedInVersion === null)).toBe(true);

    const approved = await ok(
      act(town.leader.client, resubmitted, { type: 'approve', stepId: activeStep(resubmitted) }),
    );
    const decided = await ok(
      act(town.chief.client, approved, { type: 'decide', stepId: activeStep(approved) }),
    );
    expect(decided.canAttach).toBe(false);
    const closed = await attach(town.clerk.client, decided, pdf, '追加.pdf');
    expect(closed.status).toBe(409);
    expect(asError(closed).code).toBe('approval/attachments_closed');
  });

  it('refuses by SQL to change a decided or closed document, its number, its submitted files, or to delete it; formal additions still work', async () => {
    const doc = await draft();
    const withFile = await ok(attach(town.clerk.client, doc, pdf, '見積書.pdf'), 201);
    const submitted = await ok(act(town.clerk.client, withFile, { type: 'submit' }));
    const approved = await ok(
      act(town.leader.client, submitted, { type: 'approve', stepId: activeStep(submitted) }),
    );
    const decided = await ok(
      act(town.chief.client, approved, { type: 'decide', stepId: activeStep(approved) }),
    );
    const sql = (text: string) => t.dataSource.query(text, [doc.id]);

    await expect(sql(`UPDATE approval_document SET title = '改ざん' WHERE id = $1`)).rejects.toThrow(
      /decided document/,
    );
    await expect(sql(`UPDATE approval_document SET amount = 1 WHERE id = $1`)).rejects.toThrow(
      /decided document/,
    );
    await expect(sql(`UPDATE approval_document SET number = '総務第9999号' WHERE id = $1`)).rejects.toThrow(
      /number/,
    );
    await expect(sql(`DELETE FROM approval_document WHERE id = $1`)).rejects.toThrow(/only a draft/);
    await expect(sql(`DELETE FROM approval_attachment WHERE document_id = $1`)).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(
      sql(`UPDATE approval_attachment SET file_id = file_id WHERE document_id = $1`),
    ).rejects.toThrow(/next version/);
    await expect(t.dataSource.query(`TRUNCATE approval_document CASCADE`)).rejects.toThrow(/append-only/);

    const completed = await ok(
      act(town.clerk.client, decided, {
        type: 'enforce',
        enforcedOn: tokyoDate(new Date(decided.decidedAt ?? '')),
        method: '電子メール',
      }),
    );
    expect(completed.status).toBe('completed');
    await expect(sql(`UPDATE approval_document SET status = 'decided' WHERE id = $1`)).rejects.toThrow(
      /closed document/,
    );
    await expect(
      sql(
        `UPDATE approval_document SET state = jsonb_set(state, '{stages,0,steps,0,record,actorId}', '"x"') WHERE id = $1`,
      ),
    ).rejects.toThrow(/closed document/);
    await expect(
      sql(`UPDATE approval_document SET retention_ends_on = '2099-03-31' WHERE id = $1`),
    ).rejects.toThrow(/closed document/);

    // The formal addition the application allows (法令番号 by the document administrator) passes the guard.
    const law = await ok(
      act(town.admin.client, completed, { type: 'record_law_number', lawNumber: '告示第5号' }),
    );
    expect(law.lawNumber).toBe('告示第5号');
    const [row]: { title: string; number: string }[] = await sql(
      `SELECT title, number FROM approval_document WHERE id = $1`,
    );
    expect(row).toEqual({ title: '公用車の購入について', number: decided.number });
  });

  it('describes the attachment endpoints in the OpenAPI document', async () => {
    const spec = await town.clerk.client.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/docs-json',
    );
    const paths = spec.body.paths;
    expect(Object.keys(paths['/api/approvals/documents/{id}/attachments'] ?? {})).toContain('post');
    expect(Object.keys(paths['/api/approvals/documents/{id}/attachments/{attachmentId}'] ?? {})).toContain(
      'delete',
    );
  });
});
