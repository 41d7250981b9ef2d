import * as fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import type { ApprovalDocument, ApprovalTemplate } from '@ringi/contracts';
import {
  buildExportModel,
  familyName,
  formatSize,
  formatYen,
  safeFilename,
  sealDate,
  tokyoDateTime,
  wrapText,
} from './approval-export.layout';
import { contentDisposition } from '../../core/http/content-disposition';
import { exportFontBytes } from '../../core/pdf/japanese-font';
import { renderExportPdf } from './approval-export.pdf';

const U = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const template: Pick<ApprovalTemplate, 'kind' | 'form'> = {
  kind: 'decision',
  form: {
    v: 1,
    fields: [
      { key: 'budgetItem', label: '予算科目', labelEn: 'Budget item', type: 'text', required: true },
      { key: 'travelCost', label: '旅費', labelEn: 'Travel cost', type: 'amount', required: false },
      { key: 'startDate', label: '出発日', labelEn: 'From', type: 'date', required: false },
    ],
  },
};

function step(
  id: string,
  kind: 'approve' | 'decide' | 'review',
  label: string,
  actor: { id: string; name: string } | null,
  extra: Partial<ApprovalDocument['stages'][number]['steps'][number]> = {},
): ApprovalDocument['stages'][number]['steps'][number] {
  return {
    id,
    kind,
    assignee: { type: 'position', positionId: U(8), departmentId: U(9) },
    assigneeLabel: label,
    status: actor ? (kind === 'decide' ? 'decided' : 'approved') : 'waiting',
    holders: actor ? [actor] : [],
    activatedAt: '2026-11-20T00:00:00.000Z',
    record: actor
      ? {
          actorId: actor.id,
          capacity: 'self',
          onBehalfOf: [],
          at: '2026-11-20T01:05:00.000Z',
          comment: null,
        }
      : null,
    actorName: actor?.name ?? null,
    addedFor: null,
    ...extra,
  };
}

function decidedDocument(): ApprovalDocument {
  const leader = { id: U(2), name: '鈴木 一郎' };
  const chief = { id: U(3), name: '佐藤 花子' };
  const deputy = { id: U(4), name: '高橋 次郎' };
  return {
    id: U(1),
    templateId: U(5),
    templateName: '支出伺',
    title: '庁舎清掃業務の委託について',
    status: 'decided',
    number: '総務第12号',
    fiscalYear: 2026,
    drafterId: U(6),
    drafterName: '山田 太郎',
    departmentId: U(7),
    departmentName: '総務係',
    amount: 1234567,
    updatedAt: '2026-11-20T02:00:00.000Z',
    body: '次のとおり委託したい。\n\n1. 期間 令和8年12月1日から',
    fields: { budgetItem: '委託料', travelCost: 12000, startDate: '2026-12-01' },
    disclosure: 'partial',
    classification: '総務・庁舎管理',
    retention: '5',
    plannedEnforcementOn: '2026-12-01',
    counterparty: '株式会社デモ清掃',
    consultations: [],
    reviewers: [],
    currentVersion: 1,
    lockVersion: 4,
    submittedAt: '2026-11-19T23:30:00.000Z',
    decidedAt: '2026-11-20T01:05:00.000Z',
    completedAt: null,
    retentionEndsOn: null,
    enforcement: null,
    lawNumber: null,
    stages: [
      { id: 'sg1', mode: 'all', steps: [step('st2', 'approve', '総務係 係長', leader)] },
      {
        id: 'sg3',
        mode: 'all',
        steps: [
          step('st4', 'decide', '総務課 課長', deputy, {
            holders: [chief],
            record: {
              actorId: deputy.id,
              capacity: 'deputy',
              onBehalfOf: [chief.id],
              at: '2026-11-20T01:05:00.000Z',
              comment: null,
            },
          }),
        ],
      },
      {
        id: 'sg5',
        mode: 'all',
        steps: [
          step('st6', 'review', '総務課 課長', null, { status: 'active', holders: [chief], addedFor: 'st4' }),
        ],
      },
    ],
    attachments: [
      {
        id: U(8),
        fileId: U(9),
        name: '見積書.pdf',
        mimeType: 'application/pdf',
        size: 123456,
        sha256: 'a'.repeat(64),
        addedInVersion: 1,
        addedAfterSubmission: false,
        addedAt: '2026-11-19T23:00:00.000Z',
        addedById: U(6),
        addedByName: '山田 太郎',
        removedInVersion: null,
      },
    ],
    canAttach: false,
    allowedActions: [],
    actions: [
      {
        id: '1',
        type: 'submit',
        actorId: U(6),
        actorName: '山田 太郎',
        onBehalfOf: [],
        stepId: null,
        comment: null,
        version: 1,
        at: '2026-11-19T23:30:00.000Z',
      },
      {
        id: '2',
        type: 'approve',
        actorId: leader.id,
        actorName: leader.name,
        onBehalfOf: [],
        stepId: 'st2',
        comment: '確認しました',
        version: 1,
        at: '2026-11-20T00:30:00.000Z',
      },
      {
        id: '3',
        type: 'decide',
        actorId: deputy.id,
        actorName: deputy.name,
        onBehalfOf: [chief.id],
        stepId: 'st4',
        comment: null,
        version: 1,
        at: '2026-11-20T01:05:00.000Z',
      },
    ],
    versions: [{ version: 1, hash: 'b'.repeat(64), createdAt: '2026-11-19T23:30:00.000Z', content: {} }],
    secret: false,
    secretUntil: null,
    binderId: null,
    binderTitle: null,
    paper: null,
    receipts: [],
  };
}

describe('決裁文書 export: wording', () => {
  const at = new Date('2026-11-22T01:05:00Z');

  it('formats yen, sizes, Japan times, family names and seal dates', () => {
    expect(formatYen(1234567)).toBe('¥1,234,567');
    expect(formatYen(0)).toBe('¥0');
    expect(formatSize(512)).toBe('512 バイト');
    expect(formatSize(123456)).toBe('120.6 KB\n123,456 バイト');
    expect(tokyoDateTime('2026-03-31T15:30:00Z')).toBe('2026-04-01 00:30');
    expect(familyName('山田 太郎')).toBe('山田');
    expect(familyName(null)).toBe('');
    expect(sealDate('2026-11-01T16:00:00Z')).toBe('2026.11.2');
  });

  it('turns the document into facts, fields, route rows with seals and 代決, history and attachments', () => {
    const m = buildExportModel(decidedDocument(), template, at);
    expect(m.heading).toBe('決裁文書');
    expect(m.filename).toBe('総務第12号_決裁文書.pdf');
    expect(m.footer).toBe('Ringi 電子決裁\u3000出力日時 2026-11-22 10:05');
    expect(Object.fromEntries(m.facts)).toMatchObject({
      文書番号: '総務第12号',
      年度: '令和8年度（2026年度）',
      件名: '庁舎清掃業務の委託について',
      起案者: '山田 太郎（総務係）',
      起案日: '令和8年11月20日 08:30',
      決裁日: '令和8年11月20日 10:05',
      施行日: '未施行（施行予定日 令和8年12月1日）',
      公開区分: '部分公開',
      保存年限: '5年',
      保存期間満了日: '完結の後に定まります',
    });
    expect(m.fields).toEqual([
      ['取引先', '株式会社デモ清掃'],
      ['金額', '¥1,234,567'],
      ['予算科目', '委託料'],
      ['旅費', '¥12,000'],
      ['出発日', '令和8年12月1日'],
    ]);
    expect(m.route).toEqual([
      {
        kind: '承認',
        position: '総務係 係長',
        person: '鈴木 一郎',
        outcome: '承認',
        at: '2026-11-20 10:05',
        note: '',
        seal: { name: '鈴木', date: '2026.11.20' },
      },
      expect.objectContaining({
        kind: '決裁',
        person: '高橋 次郎',
        note: '代決（佐藤 花子に代わり）',
        seal: { name: '高橋', date: '2026.11.20' },
      }),
      expect.objectContaining({
        kind: '後閲',
        person: '佐藤 花子',
        outcome: '処理待ち',
        note: '代決の後閲',
        seal: null,
      }),
    ]);
    expect(m.history.map((h) => [h.type, h.actor, h.comment])).toEqual([
      ['起案', '山田 太郎', ''],
      ['承認', '鈴木 一郎', '確認しました'],
      ['決裁', '高橋 次郎（佐藤 花子に代わり）', ''],
    ]);
    expect(m.attachments).toEqual([
      { name: '見積書.pdf', size: '120.6 KB\n123,456 バイト', sha256: 'a'.repeat(64), note: '第1版' },
    ]);
    expect(m.versionLine).toBe(`文書の版 1\u3000ハッシュ sha256: ${'b'.repeat(64)}`);
  });

  it('names a circulation 供覧文書 and an unnumbered document by its title', () => {
    const doc = {
      ...decidedDocument(),
      number: null,
      status: 'circulated' as const,
      title: 'お知らせ/回覧:第2回',
    };
    const m = buildExportModel(doc, { ...template, kind: 'circulation' }, at);
    expect(m.heading).toBe('供覧文書');
    expect(m.number).toBe('未採番');
    expect(m.filename).toBe('お知らせ 回覧 第2回_供覧文書.pdf');
    expect(m.facts.map(([l]) => l)).toContain('供覧完了日');
    expect(m.facts.map(([l]) => l)).not.toContain('施行日');
  });

  it('writes the download header with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('総務第12号_決裁文書.pdf')).toBe(
      `attachment; filename="ringi-document.pdf"; filename*=UTF-8''${encodeURIComponent('総務第12号_決裁文書.pdf')}`,
    );
    expect(contentDisposition("a'(b).pdf")).toBe(
      `attachment; filename="a'(b).pdf"; filename*=UTF-8''a%27%28b%29.pdf`,
    );
    expect(safeFilename('  \u0000../..\\x  ')).toBe('.. .. x');
    expect(safeFilename('')).toBe('文書');
  });

  it('wraps Japanese anywhere, Latin words at spaces, keeps line breaks and 禁則 punctuation', () => {
    const one = () => 1;
    expect(wrapText('あいうえおかきくけこ', 4, one)).toEqual(['あいうえ', 'おかきく', 'けこ']);
    expect(wrapText('hello big world', 9, one)).toEqual(['hello big', 'world']);
    expect(wrapText('あいう\n\nえお', 10, one)).toEqual(['あいう', '', 'えお']);
    expect(wrapText('あいうえ。お', 4, one)).toEqual(['あいうえ。', 'お']);
    expect(wrapText('a\tb\u0007c', 10, one)).toEqual(['a    bc']);
  });
});

describe('決裁文書 export: PDF', () => {
  const pages = (pdf: Uint8Array) =>
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b/g)?.length ?? 0;

  it('draws every section on A4 pages with the font embedded, and more pages for a long body', async () => {
    const fonts = await exportFontBytes();
    expect(await exportFontBytes()).toBe(fonts);
    const doc = decidedDocument();
    const short = await renderExportPdf(buildExportModel(doc, template, new Date()), fonts);
    const text = Buffer.from(short).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('/FontFile2');
    expect(text).toContain('/MediaBox [ 0 0 595.28 841.89 ]');
    expect(pages(short)).toBeLessThanOrEqual(2);

    const long = { ...doc, body: '長い本文の行です。'.repeat(40).concat('\n').repeat(60) };
    const many = await renderExportPdf(buildExportModel(long, template, new Date()), fonts);
    expect(pages(many)).toBeGreaterThan(5);
  });

  it('embeds subsets whose every glyph can be read (each glyph padded to an even length for the short loca)', async () => {
    const pdf = await renderExportPdf(
      buildExportModel(decidedDocument(), template, new Date()),
      await exportFontBytes(),
    );
    const loaded = await PDFDocument.load(pdf);
    const files = loaded.context
      .enumerateIndirectObjects()
      .map(([, obj]) => obj)
      .filter((obj): obj is PDFDict => obj instanceof PDFDict && obj.has(PDFName.of('FontFile2')))
      .map((dict) => loaded.context.lookup(dict.get(PDFName.of('FontFile2'))) as PDFRawStream);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const font = fontkit.create(Buffer.from(decodePDFRawStream(file).decode()));
      expect(font.numGlyphs).toBeGreaterThan(30);
      for (let id = 1; id < font.numGlyphs; id++) {
        // A glyph read one byte off throws here (or comes out as nonsense outside the em square).
        const { bbox } = font.getGlyph(id).path;
        expect({ id, sane: bbox.minY >= -1000 && bbox.maxY <= 1500 && bbox.maxX <= 1500 }).toEqual({
          id,
          sane: true,
        });
      }
    }
  });
});
