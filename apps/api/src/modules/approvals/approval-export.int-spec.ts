import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApprovalDocument, ApprovalTemplate } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeFor,
  type ApprovalTown,
  makeApprovalTown,
  ok,
  type Person,
  steps,
} from '../../../../../tests/support/approvals';
import { asError } from '../../../../../tests/support/http';
import { pdfText } from '../../../../../tests/support/pdf';

describe('approvals: 決裁文書 PDF export', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let templates: Map<string, ApprovalTemplate>;

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    // Everyone of the test town is 試験 太郎: give the approvers names of their own.
    for (const [who, family, given] of [
      [town.leader, '鈴木', '一郎'],
      [town.chief, '佐藤', '花子'],
    ] as const)
      await t.dataSource.query('UPDATE app_user SET family_name = $2, given_name = $3 WHERE id = $1', [
        who.id,
        family,
        given,
      ]);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    templates = new Map(res.body.items.map((tp) => [tp.code, tp]));
  });
  afterAll(() => t.close());

  const draft = async (body: Record<string, unknown>, code: string) => {
    const res = await town.clerk.client.post<ApprovalDocument>('/api/approvals/documents', {
      templateId: templates.get(code)?.id,
      ...body,
    });
    if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };
  const exportUrl = (doc: ApprovalDocument) => `${t.url}/api/approvals/documents/${doc.id}/export.pdf`;
  /** The export as bytes (the test client reads answers as text). */
  const download = async (who: Person, doc: ApprovalDocument) => {
    const res = await fetch(exportUrl(doc), {
      headers: { cookie: who.client.cookie, 'accept-language': 'ja' },
    });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('exports a decided document with its facts, route with names and seals, comments and the embedded font', async () => {
    const doc = await draft(
      {
        title: '庁舎清掃業務の委託について',
        body: '次のとおり委託したい。\n期間は一年とする。',
        amount: 120000,
        counterparty: '株式会社デモ清掃',
        fields: { budgetItem: '委託料', paymentMethod: '口座振替' },
      },
      'EXPENDITURE',
    );
    // A file attached to the draft goes into the PDF's list with its sha256.
    const form = new FormData();
    const pdf = await readFile(join(__dirname, '../../../../../tests/fixtures/helloworld-bad.pdf'));
    form.append('file', new Blob([new Uint8Array(pdf)]), '見積書.pdf');
    const attached = await town.clerk.client.request<ApprovalDocument>(
      'POST',
      `/api/approvals/documents/${doc.id}/attachments`,
      { body: form },
    );
    expect(attached.status).toBe(201);
    expect(attached.body.attachments).toHaveLength(1);
    // A draft, and a document on its route, cannot be exported yet.
    const early = await town.clerk.client.get(`/api/approvals/documents/${doc.id}/export.pdf`);
    expect(early.status).toBe(409);
    expect(asError(early)).toMatchObject({
      code: 'approval/export_not_decided',
      message: '決裁が済んだ文書だけPDFで出力できます。',
    });
    const submitted = await ok(act(town.clerk.client, attached.body, { type: 'submit' }));
    const onRoute = await town.leader.client.get(`/api/approvals/documents/${doc.id}/export.pdf`);
    expect(onRoute.status).toBe(409);
    expect(asError(onRoute).code).toBe('approval/export_not_decided');

    const approved = await ok(
      act(town.leader.client, submitted, {
        type: 'approve',
        stepId: activeFor(submitted, town.leader),
        comment: '内容を確認しました',
      }),
    );
    const decided = await ok(
      act(town.chief.client, approved, { type: 'decide', stepId: activeFor(approved, town.chief) }),
    );
    expect(decided.status).toBe('decided');
    expect(decided.number).toMatch(/^総務第[0-9]+号$/);
    const number = decided.number as string;

    // Someone the document is not shown to is told it does not exist.
    expect((await town.outsider.client.get(`/api/approvals/documents/${doc.id}/export.pdf`)).status).toBe(
      404,
    );
    const missing = await town.clerk.client.get(
      '/api/approvals/documents/00000000-0000-4000-8000-000000000000/export.pdf',
    );
    expect(asError(missing).code).toBe('approval/document_not_found');

    const { res, bytes } = await download(town.clerk, decided);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="ringi-document.pdf"; filename*=UTF-8''${encodeURIComponent(`${number}_決裁文書.pdf`)}`,
    );
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The Japanese font travels inside the file (a TrueType subset), so the text is real text everywhere.
    expect(bytes.toString('latin1')).toContain('/FontFile2');
    // The export itself is on record: who, which document, which version.
    const exported: { actor_id: string; data: { version: number } }[] = await t.dataSource.query(
      `SELECT actor_id, data FROM audit_event WHERE type = 'approval.exported' AND subject = $1`,
      [decided.id],
    );
    expect(exported.map((e) => [e.actor_id, e.data.version])).toEqual([
      [town.clerk.id, decided.currentVersion],
    ]);

    const pages = await pdfText(bytes);
    const text = pages.join('\n');
    const names = steps(decided).map((s) => s.actorName);
    expect(names).toEqual(['鈴木 一郎', '佐藤 花子']);
    for (const expected of [
      '決裁文書',
      '庁舎清掃業務の委託について',
      number,
      ...names.map(String),
      '総務係 係長',
      '総務課 課長',
      '内容を確認しました',
      '株式会社デモ清掃',
      '¥120,000',
      '委託料',
      '回議欄',
      '期間は一年とする。',
      `出力日時 ${tokyoDate()}`,
    ])
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    // The attachment with its full sha256, and the hash of the version that was decided.
    const [file] = decided.attachments;
    expect(file).toMatchObject({ name: '見積書.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(text).toContain('見積書.pdf');
    expect(text).toContain(`sha256 ${file.sha256}`);
    const version = decided.versions.find((v) => v.version === decided.currentVersion);
    expect(text).toContain(`ハッシュ sha256: ${version?.hash}`);
    // The seals: each approver's family name inside the ring, with the date.
    const sealDate = tokyoDate(new Date(decided.decidedAt ?? '')).replace(/-0?/g, '.');
    expect(text).toContain(sealDate);
    expect(pages.at(-1)).toContain(`${pages.length} / ${pages.length}`);

    // The approvers may export it too; so may the administrator.
    expect((await download(town.chief, decided)).res.status).toBe(200);
    expect((await download(town.admin, decided)).res.status).toBe(200);
  });

  it('exports a circulated 供覧 as 供覧文書, and answers in English for an English reader', async () => {
    const doc = await draft(
      { title: '県からの通知の供覧', fields: { sender: '県庁総務課', receivedOn: tokyoDate() } },
      'CIRCULATION',
    );
    const submitted = await ok(act(town.clerk.client, doc, { type: 'submit' }));
    const en = t.client({ locale: 'en' });
    en.sessionToken = town.leader.client.sessionToken;
    const early = await en.get(`/api/approvals/documents/${doc.id}/export.pdf`);
    expect(asError(early)).toMatchObject({
      code: 'approval/export_not_decided',
      message: 'Only a decided document can be exported as a PDF.',
    });
    const one = await ok(
      act(town.leader.client, submitted, { type: 'acknowledge', stepId: activeFor(submitted, town.leader) }),
    );
    const two = await ok(
      act(town.chief.client, one, { type: 'acknowledge', stepId: activeFor(one, town.chief) }),
    );
    expect(two.status).toBe('circulated');
    const { res, bytes } = await download(town.clerk, two);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      encodeURIComponent(`${two.number as string}_供覧文書.pdf`),
    );
    const text = (await pdfText(bytes)).join('\n');
    expect(text).toContain('供覧文書');
    expect(text).toContain('県からの通知の供覧');
    expect(text).toContain('県庁総務課');
    expect(text).toContain('供覧完了日');
  });
});
