import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ApprovalDocument,
  ApprovalTemplate,
  ApprovalSearchResult,
  PaperDecisionResult,
  PendingReplies,
  Receipt,
  ReceiptList,
} from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  activeFor,
  act,
  makeApprovalTown,
  ok,
  type ApprovalTown,
} from '../../../../../tests/support/approvals';
import { asError, ok as okBody, type TestClient } from '../../../../../tests/support/http';
import { until } from '../../../../../tests/support/sockets';
import { AuditService } from '../../core/audit/audit.service';
import { RecordsDocumentsService } from './records-documents.service';

const fixture = (name: string) => readFile(join(__dirname, '../../../../../tests/fixtures', name));

describe('records: receipts (収受), secrecy and paper decisions', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let pdf: Buffer;
  let templates: ApprovalTemplate[];
  const today = tokyoDate();

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    pdf = await fixture('tracemonkey.pdf');
    templates = (
      await okBody(town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates'))
    ).items;
  });
  afterAll(() => t.close());

  const receive = (client: TestClient, patch: Record<string, unknown> = {}) =>
    client.post<Receipt>('/api/records/receipts', {
      subject: '令和8年度 防災訓練の実施について（照会）',
      receivedOn: today,
      sender: '県危機管理課',
      senderNumber: '危第123号',
      replyRequired: true,
      replyDueOn: addDays(today, 7),
      clientId: randomUUID(),
      ...patch,
    });
  const attach = (client: TestClient, id: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return client.request<Receipt>('POST', `/api/records/receipts/${id}/files`, { body: form });
  };

  it('numbers receipts gap-free per 課 and 年度 under concurrent registration, and a resend takes no number', async () => {
    const clientId = randomUUID();
    const answers = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) =>
        receive(i % 2 ? town.clerk.client : town.clerk2.client, {
          subject: `照会 ${i}`,
          replyRequired: false,
        }),
      ),
      receive(town.clerk.client, { clientId, replyRequired: false }),
      receive(town.clerk.client, { clientId, replyRequired: false }),
    ]);
    for (const a of answers) expect(a.status).toBe(201);
    // The resend answered the same receipt.
    expect(answers[12].body.id).toBe(answers[13].body.id);
    const serials = [...new Set(answers.map((a) => a.body.serial))].sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    // The register is the 課's (総務課), with its prefix: a 係's clerk files into it.
    expect(answers[0].body.departmentId).toBe(town.departments.division.id);
    expect(answers[0].body.number).toMatch(/^総務収第\d+号$/);
    // Another 課 starts at 1; a receipt of the previous 年度 (received on March 31) counts in that year.
    const finance = await okBody(receive(town.outsider.client, { replyRequired: false }), 201);
    expect(finance.serial).toBe(1);
    const lastYear = await okBody(
      receive(town.clerk.client, { receivedOn: '2026-03-31', replyRequired: false }),
      201,
    );
    expect(lastYear).toMatchObject({ fiscalYear: 2025, serial: 1 });
    const april = await okBody(
      receive(town.clerk.client, { receivedOn: '2026-04-01', replyRequired: false }),
      201,
    );
    expect(april.fiscalYear).toBe(2026);
    // A receipt is never deleted, and its number never changes (the database refuses).
    await expect(t.dataSource.query(`DELETE FROM records_receipt WHERE id = $1`, [april.id])).rejects.toThrow(
      /never deleted/,
    );
    await expect(
      t.dataSource.query(`UPDATE records_receipt SET serial = 999 WHERE id = $1`, [april.id]),
    ).rejects.toThrow(/never change/);
  });

  it('refuses bad input plainly and records nothing', async () => {
    const count = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM records_receipt`))[0].n as number;
    const before = await count();
    const future = await receive(town.clerk.client, { receivedOn: addDays(today, 2) });
    expect(future.status).toBe(422);
    expect(asError(future).message).toContain('未来');
    const noDeadline = await receive(town.clerk.client, { replyDueOn: null });
    expect(noDeadline.status).toBe(400);
    expect(JSON.stringify(asError(noDeadline).details)).toContain('回答期限');
    const untilWithoutSecret = await receive(town.clerk.client, { secretUntil: addDays(today, 3) });
    expect(untilWithoutSecret.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('starts a 供覧 and a reply 起案 from a receipt, linked both ways, files carried over; deciding the reply answers it', async () => {
    const receipt = await okBody(receive(town.clerk.client), 201);
    const withFile = await okBody(attach(town.clerk.client, receipt.id, pdf, 'scan.pdf'), 201);
    expect(withFile.files).toHaveLength(1);
    // It shows on the home page of the 課's staff until answered.
    const pending = await okBody(
      town.leader.client.get<PendingReplies>('/api/records/receipts/pending-replies'),
    );
    expect(pending.items.map((r) => r.id)).toContain(receipt.id);
    expect(
      (await okBody(town.outsider.client.get<PendingReplies>('/api/records/receipts/pending-replies'))).items,
    ).toEqual([]);

    const circulation = await okBody(
      town.clerk.client.post<{ documentId: string }>(`/api/records/receipts/${receipt.id}/start`, {
        kind: 'circulation',
      }),
      201,
    );
    const circ = await okBody(
      town.clerk.client.get<ApprovalDocument>(`/api/approvals/documents/${circulation.documentId}`),
    );
    expect(circ.templateName).toBe('供覧');
    expect(circ.fields).toMatchObject({ sender: '県危機管理課', receivedOn: today });
    expect(circ.attachments.map((a) => a.sha256)).toEqual(withFile.files.map((f) => f.sha256));
    expect(circ.receipts).toEqual([{ id: receipt.id, number: receipt.number, subject: receipt.subject }]);

    const reply = await okBody(
      town.clerk.client.post<{ documentId: string }>(`/api/records/receipts/${receipt.id}/start`, {
        kind: 'reply',
      }),
      201,
    );
    let doc = await okBody(
      town.clerk.client.get<ApprovalDocument>(`/api/approvals/documents/${reply.documentId}`),
    );
    expect(doc.title).toContain('（回答）');
    expect(doc.body).toContain(receipt.number);
    doc = await ok(act(town.clerk.client, doc, { type: 'submit' }));
    doc = await ok(act(town.leader.client, doc, { type: 'approve', stepId: activeFor(doc, town.leader) }));
    doc = await ok(act(town.chief.client, doc, { type: 'decide', stepId: activeFor(doc, town.chief) }));
    expect(doc.status).toBe('decided');
    const read = () => okBody(town.clerk.client.get<Receipt>(`/api/records/receipts/${receipt.id}`));
    await until(
      async () => (await read()).replyStatus === 'answered',
      'the decided 起案 answers the receipt',
    );
    const answered = await read();
    expect(answered).toMatchObject({ replyStatus: 'answered', repliedOn: today });
    // Every record is filed: the receipt in the 課's 庶務一般 of the 年度, the decided reply by its 分類 (none: the
    // same general binder of its department).
    expect(answered.binderTitle).toBe('庶務一般');
    await until(
      async () =>
        !!(await okBody(town.clerk.client.get<ApprovalDocument>(`/api/approvals/documents/${doc.id}`)))
          .binderId,
      'the decided reply is filed',
    );
    expect(answered.links.map((l) => [l.kind, l.documentId])).toEqual([
      ['circulation', circulation.documentId],
      ['reply', reply.documentId],
    ]);
    expect(
      (
        await okBody(town.leader.client.get<PendingReplies>('/api/records/receipts/pending-replies'))
      ).items.map((r) => r.id),
    ).not.toContain(receipt.id);
  });

  it('keeps a secret receipt and secret document from everyone but their route and administrators, everywhere', async () => {
    const secret = await okBody(
      receive(town.clerk.client, { subject: '人事異動の内示について', secret: true, replyRequired: false }),
      201,
    );
    const withFile = await okBody(attach(town.clerk.client, secret.id, pdf, 'naiji.pdf'), 201);
    const fileId = withFile.files[0].id;
    const open = await okBody(
      receive(town.clerk.client, { subject: '公開の照会', replyRequired: false }),
      201,
    );

    // A colleague of the same 課 sees the open one, not the secret one: by id, in the register, its file.
    expect((await town.clerk2.client.get(`/api/records/receipts/${open.id}`)).status).toBe(200);
    expect((await town.clerk2.client.get(`/api/records/receipts/${secret.id}`)).status).toBe(404);
    const list = await okBody(town.clerk2.client.get<ReceiptList>('/api/records/receipts?pageSize=100'));
    expect(list.items.map((r) => r.id)).toContain(open.id);
    expect(list.items.map((r) => r.id)).not.toContain(secret.id);
    expect((await town.clerk2.client.get(`/api/files/${fileId}`)).status).toBe(404);
    expect(
      (await town.clerk2.client.post(`/api/records/receipts/${secret.id}/start`, { kind: 'reply' })).status,
    ).toBe(404);
    // Another 課 sees neither.
    expect((await town.outsider.client.get(`/api/records/receipts/${open.id}`)).status).toBe(404);
    expect(
      (await town.outsider.client.patch(`/api/records/receipts/${open.id}`, { subject: 'x' })).status,
    ).toBe(404);
    // The receiver and an administrator do.
    expect((await town.clerk.client.get(`/api/files/${fileId}`)).status).toBe(200);
    expect((await town.admin.client.get(`/api/records/receipts/${secret.id}`)).status).toBe(200);

    // The 起案 made from it is secret too: its route sees it (and so the receipt), the department does not.
    const { documentId } = await okBody(
      town.clerk.client.post<{ documentId: string }>(`/api/records/receipts/${secret.id}/start`, {
        kind: 'reply',
      }),
      201,
    );
    let doc = await okBody(town.clerk.client.get<ApprovalDocument>(`/api/approvals/documents/${documentId}`));
    expect(doc.secret).toBe(true);
    doc = await ok(act(town.clerk.client, doc, { type: 'submit' }));
    const attachmentFile = doc.attachments[0].fileId;
    // The 係長 is on the route: the document, the receipt and its file are open to them.
    expect((await town.leader.client.get(`/api/approvals/documents/${documentId}`)).status).toBe(200);
    expect((await town.leader.client.get(`/api/records/receipts/${secret.id}`)).status).toBe(200);
    expect((await town.leader.client.get(`/api/files/${fileId}`)).status).toBe(200);
    // A colleague is not: not by id, not in search, not its attachment; a general document of theirs would be.
    expect((await town.clerk2.client.get(`/api/approvals/documents/${documentId}`)).status).toBe(404);
    const search = await okBody(
      town.clerk2.client.get<ApprovalSearchResult>(
        `/api/approvals/search?title=${encodeURIComponent('人事異動')}`,
      ),
    );
    expect(search.items.map((d) => d.id)).not.toContain(documentId);
    expect((await town.clerk2.client.get(`/api/files/${attachmentFile}`)).status).toBe(404);
    expect((await town.clerk2.client.get(`/api/records/receipts/${secret.id}`)).status).toBe(404);

    // Only the drafter (or an administrator) changes the secrecy; 時限秘 past its day opens by itself.
    expect(
      (await town.leader.client.put(`/api/records/documents/${documentId}/secrecy`, { secret: false }))
        .status,
    ).toBe(403);
    expect(
      (await town.clerk2.client.put(`/api/records/documents/${documentId}/secrecy`, { secret: false }))
        .status,
    ).toBe(404);
    await okBody(
      town.clerk.client.put(`/api/records/documents/${documentId}/secrecy`, {
        secret: true,
        secretUntil: addDays(today, 1),
      }),
    );
    expect((await town.clerk2.client.get(`/api/approvals/documents/${documentId}`)).status).toBe(404);
    // The day after its last secret day, it is open to the department (the policy reads the date) ...
    await t.dataSource.query(`UPDATE approval_document SET secret_until = $2 WHERE id = $1`, [
      documentId,
      addDays(today, -1),
    ]);
    await t.dataSource.query(`UPDATE records_receipt SET secret_until = $2 WHERE id = $1`, [
      secret.id,
      addDays(today, -1),
    ]);
    expect((await town.clerk2.client.get(`/api/approvals/documents/${documentId}`)).status).toBe(200);
    expect((await town.clerk2.client.get(`/api/records/receipts/${secret.id}`)).status).toBe(200);
    // ... and the night job clears the mark and records it in the audit chain.
    expect(await t.app.get(RecordsDocumentsService).openExpiredSecrecy(today)).toBe(2);
    const opened = await okBody(town.clerk2.client.get<Receipt>(`/api/records/receipts/${secret.id}`));
    expect(opened).toMatchObject({ secret: false, secretUntil: null });
    expect((await t.app.get(AuditService).verify()).ok).toBe(true);
  });

  it('answers every receipt operation as if nothing were there to someone of another 課', async () => {
    const receipt = await okBody(receive(town.clerk.client), 201);
    const outsider = town.outsider.client;
    const general = templates.find((x) => x.code === 'GENERAL') as ApprovalTemplate;
    const paperForm = new FormData();
    paperForm.append('file', new Blob([new Uint8Array(pdf)]), 'kessai.pdf');
    paperForm.append(
      'data',
      JSON.stringify({
        templateId: general.id,
        title: '他課の収受への回答',
        decidedOn: today,
        decidedBy: '財政課長',
        reason: '紙で決裁した',
        receiptId: receipt.id,
        clientId: randomUUID(),
      }),
    );
    const answers = await Promise.all([
      outsider.get(`/api/records/receipts/${receipt.id}`),
      outsider.patch(`/api/records/receipts/${receipt.id}`, { subject: '書き換え' }),
      attach(outsider, receipt.id, pdf, 'x.pdf'),
      outsider.post(`/api/records/receipts/${receipt.id}/start`, { kind: 'circulation' }),
      outsider.put(`/api/records/receipts/${receipt.id}/reply`, { repliedOn: today }),
      outsider.request('POST', '/api/records/paper-decisions', { body: paperForm }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(asError(answers[0]).code).toBe('records/receipt_not_found');
    // Nothing changed, and the outsider's register shows nothing of 総務課's.
    const after = await okBody(town.clerk.client.get<Receipt>(`/api/records/receipts/${receipt.id}`));
    expect(after).toMatchObject({ subject: receipt.subject, repliedOn: null, files: [], links: [] });
    const list = await okBody(outsider.get<ReceiptList>('/api/records/receipts?pageSize=100'));
    expect(list.items.every((r) => r.departmentId === town.departments.finance.id)).toBe(true);
    // A colleague of the same 課 may correct it; an administrator too.
    await okBody(
      town.clerk2.client.patch(`/api/records/receipts/${receipt.id}`, { senderNumber: '危第124号' }),
    );
    await okBody(town.admin.client.put(`/api/records/receipts/${receipt.id}/reply`, { repliedOn: today }));
  });

  it('registers a paper decision with its scan and reason, taking the next document number', async () => {
    const general = templates.find((x) => x.code === 'GENERAL') as ApprovalTemplate;
    const receipt = await okBody(receive(town.clerk.client), 201);
    const paper = (data: Record<string, unknown>, bytes: Buffer | null = pdf) => {
      const form = new FormData();
      if (bytes) form.append('file', new Blob([new Uint8Array(bytes)]), 'kessai.pdf');
      form.append('data', JSON.stringify(data));
      return town.clerk.client.request<PaperDecisionResult>('POST', '/api/records/paper-decisions', {
        body: form,
      });
    };
    const facts = {
      templateId: general.id,
      title: '大判図面による道路改良工事の設計について',
      decidedOn: addDays(today, -3),
      decidedBy: '町長 山田一郎',
      reason: 'A0判の図面を綴じた冊子のため、紙で決裁した。',
      receiptId: receipt.id,
      clientId: randomUUID(),
    };
    expect((await paper({ ...facts, decidedOn: addDays(today, 1) })).status).toBe(422);
    expect((await paper({ ...facts, reason: '' })).status).toBe(400);
    expect((await paper({ ...facts }, null)).status).toBe(400);
    const first = await okBody(paper(facts), 201);
    const again = await okBody(paper(facts), 201);
    expect(again).toEqual({ ...first, already: true });
    expect(first.number).toMatch(/^総務第\d+号$/);

    const doc = await okBody(
      town.clerk.client.get<ApprovalDocument>(`/api/approvals/documents/${first.documentId}`),
    );
    expect(doc).toMatchObject({
      status: 'completed',
      paper: { reason: facts.reason, decidedBy: '町長 山田一郎' },
      receipts: [{ id: receipt.id }],
    });
    expect(doc.attachments).toHaveLength(1);
    expect(doc.versions).toHaveLength(1);
    expect(doc.binderTitle).toBe('庶務一般');
    // The receipt it answers is answered.
    expect(
      (await okBody(town.clerk.client.get<Receipt>(`/api/records/receipts/${receipt.id}`))).replyStatus,
    ).toBe('answered');
    // The next electronic decision of the 課 takes the number after it: no hole, no double.
    const numbers: { number: string }[] = await t.dataSource.query(
      `SELECT number FROM approval_document WHERE number LIKE '総務第%' ORDER BY number`,
    );
    const serials = numbers.map((n) => Number(/第(\d+)号/.exec(n.number)?.[1])).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1));
  });
});
