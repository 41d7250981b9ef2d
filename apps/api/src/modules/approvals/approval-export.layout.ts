import type { ApprovalDocument, ApprovalTemplate } from '@ringi/contracts';
import { formatFiscalYear, formatWarekiDate, tokyoDate } from '@ringi/domain';

/**
 * What the 決裁文書 PDF says, as plain text: the document turned into labelled facts, the route table (回議欄)
 * with its seals, the history and the attachments. No PDF here (see approval-export.pdf.ts), so the wording is
 * tested on its own. The PDF is an official record of the town and is always written in Japanese.
 */

type Step = ApprovalDocument['stages'][number]['steps'][number];
type StepStatus = Step['status'];

/** A document may be exported once its route is done. */
export const EXPORTABLE_STATUSES: readonly ApprovalDocument['status'][] = [
  'decided',
  'completed',
  'circulated',
];

const STEP_KIND: Record<Step['kind'], string> = {
  approve: '承認',
  decide: '決裁',
  consult: '合議',
  review: '後閲',
  acknowledge: '確認',
};
const STEP_STATUS: Record<StepStatus, string> = {
  waiting: '未着',
  active: '処理待ち',
  approved: '承認',
  decided: '決裁',
  acknowledged: '確認',
  sent_back: '差戻し',
  rejected: '否決',
  skipped: '省略',
};
const DOCUMENT_STATUS: Record<ApprovalDocument['status'], string> = {
  draft: '下書き',
  in_progress: '回議中',
  sent_back: '差戻し',
  withdrawn: '引戻し',
  rejected: '否決',
  decided: '決裁済み',
  completed: '完結',
  circulated: '供覧済み',
  discarded: '取下げ',
};
const ACTION_TYPE: Record<string, string> = {
  submit: '起案',
  approve: '承認',
  decide: '決裁',
  acknowledge: '確認',
  send_back: '差戻し',
  reject: '否決',
  comment: 'コメント',
  withdraw: '引戻し',
  enforce: '施行',
  discard: '取下げ',
  record_law_number: '法令番号の記録',
  set_route: 'ルートの変更',
};
const RETENTION: Record<ApprovalDocument['retention'], string> = {
  '1': '1年',
  '3': '3年',
  '5': '5年',
  '10': '10年',
  '30': '30年',
  permanent: '永年',
};
const DISCLOSURE: Record<ApprovalDocument['disclosure'], string> = {
  public: '公開',
  partial: '部分公開',
  private: '非公開',
};
/** Steps that carry a seal (印影) once acted on, as on the screen (RouteTable.vue). */
const SEALED: readonly StepStatus[] = ['approved', 'decided', 'acknowledged'];
const NONE = '―';

export type Fact = readonly [label: string, value: string];

export interface RouteRow {
  /** 区分: 承認, 決裁, 合議 …, with （全員）/（いずれか） for a stage of several steps. */
  kind: string;
  /** 職 (e.g. 総務課 課長) and, on the next line, the person. */
  position: string;
  person: string;
  /** 処理: the step's status. */
  outcome: string;
  /** 日時 in Japan time, or empty. */
  at: string;
  /** 備考: 代決（○○に代わり）, 引き上げ, 代決の後閲. */
  note: string;
  /** The seal: family name and short date, for approved, decided and acknowledged steps. */
  seal: { name: string; date: string } | null;
}

export interface HistoryRow {
  at: string;
  type: string;
  actor: string;
  comment: string;
}

export interface AttachmentRow {
  name: string;
  size: string;
  sha256: string;
  note: string;
}

export interface ExportModel {
  /** 決裁文書, or 供覧文書 for a circulation. */
  heading: string;
  /** The document number, or 未採番. */
  number: string;
  title: string;
  /** Section 1: the document's facts. */
  facts: Fact[];
  /** Section 2: 取引先 and amount, then the template's fields with their labels. */
  fields: Fact[];
  body: string;
  route: RouteRow[];
  history: HistoryRow[];
  attachments: AttachmentRow[];
  /** 文書の版 3 ハッシュ sha256: … */
  versionLine: string;
  /** Left part of every page's footer: Ringi 電子決裁 出力日時 2026-11-22 10:05. */
  footer: string;
  /** File name for the download (without a path): 総務第12号_決裁文書.pdf. */
  filename: string;
  exportedAt: Date;
}

/** ¥1,234,567 */
export function formatYen(amount: number): string {
  return `¥${Math.trunc(amount).toLocaleString('en-US')}`;
}

/** `512 バイト`, or `120.6 KB` with the exact byte count on the next line. */
export function formatSize(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} バイト`;
  if (bytes < 1024) return exact;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB'];
  return `${value.toFixed(1)} ${unit}\n${exact}`;
}

/** `2026-11-22 10:05` in Japan time. */
export function tokyoDateTime(iso: string | Date): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(at.getTime())) return '';
  const hm = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${tokyoDate(at)} ${hm}`;
}

/** `令和8年11月22日 10:05` in Japan time. */
function warekiDateTime(iso: string): string {
  const at = tokyoDateTime(iso);
  return at ? `${wareki(at.slice(0, 10))} ${at.slice(11)}` : NONE;
}

/** `令和8年6月10日`, or the date as given when it has no era (before 1873) or is not a date. */
function wareki(date: string): string {
  try {
    return formatWarekiDate(date);
  } catch {
    return date;
  }
}

/** The family name of `山田 太郎` (names are stored family first, space-separated). */
export function familyName(name: string | null): string {
  return (name ?? '').trim().split(/\s+/)[0] ?? '';
}

/** The seal's date, as the screen writes it: `2026.11.2`. */
export function sealDate(iso: string): string {
  const [y, m, d] = tokyoDate(new Date(iso)).split('-');
  return `${y}.${Number(m)}.${Number(d)}`;
}

/** A safe file name: no path separators, quotes or control characters, at most 120 characters. */
export function safeFilename(name: string): string {
  const cleaned = Array.from(
    name
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Cf}\\/:*?"<>|]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
    .slice(0, 120)
    .join('')
    .trim();
  return cleaned || '文書';
}

function fieldValue(
  def: ApprovalTemplate['form']['fields'][number] | undefined,
  value: string | number,
): string {
  if (def?.type === 'amount' && typeof value === 'number') return formatYen(value);
  if (def?.type === 'number' && typeof value === 'number') return value.toLocaleString('en-US');
  if (def?.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return wareki(value);
  return String(value);
}

/** Everyone the document names, by id: holders, actors. */
function namesOf(doc: ApprovalDocument): Map<string, string> {
  const names = new Map<string, string>();
  for (const step of doc.stages.flatMap((s) => s.steps)) {
    for (const h of step.holders) if (h.name) names.set(h.id, h.name);
    if (step.record && step.actorName) names.set(step.record.actorId, step.actorName);
  }
  for (const a of doc.actions) if (a.actorName) names.set(a.actorId, a.actorName);
  return names;
}

function onBehalfOf(ids: readonly string[], names: Map<string, string>): string {
  return ids
    .map((id) => names.get(id))
    .filter((n): n is string => !!n)
    .join('、');
}

function routeRows(doc: ApprovalDocument, names: Map<string, string>): RouteRow[] {
  return doc.stages.flatMap((stage) =>
    stage.steps.map((step): RouteRow => {
      const mode = stage.steps.length > 1 ? (stage.mode === 'all' ? '（全員）' : '（いずれか）') : '';
      const person =
        step.actorName ??
        step.holders
          .map((h) => h.name)
          .filter(Boolean)
          .join('、');
      const notes: string[] = [];
      if (step.record?.capacity === 'deputy') {
        const whom = onBehalfOf(step.record.onBehalfOf, names);
        notes.push(whom ? `代決（${whom}に代わり）` : '代決');
      } else if (step.record?.capacity === 'superior') notes.push('引き上げ');
      if (step.addedFor) notes.push('代決の後閲');
      const sealed = step.record && SEALED.includes(step.status);
      return {
        kind: `${STEP_KIND[step.kind]}${mode}`,
        position: step.assigneeLabel,
        person: person === step.assigneeLabel ? '' : person,
        outcome: STEP_STATUS[step.status],
        at: step.record ? tokyoDateTime(step.record.at) : '',
        note: notes.join('\n'),
        seal:
          sealed && step.record ? { name: familyName(step.actorName), date: sealDate(step.record.at) } : null,
      };
    }),
  );
}

function historyRows(doc: ApprovalDocument, names: Map<string, string>): HistoryRow[] {
  return doc.actions.map((a) => {
    const whom = onBehalfOf(a.onBehalfOf, names);
    return {
      at: tokyoDateTime(a.at),
      type: ACTION_TYPE[a.type] ?? a.type,
      actor: whom ? `${a.actorName}（${whom}に代わり）` : a.actorName,
      comment: a.comment ?? '',
    };
  });
}

function attachmentRows(doc: ApprovalDocument): AttachmentRow[] {
  return doc.attachments.map((f) => {
    const notes = [`第${f.addedInVersion}版`];
    if (f.addedAfterSubmission) notes.push('回議中に追加');
    if (f.removedInVersion !== null) notes.push(`第${f.removedInVersion}版で除外`);
    return { name: f.name, size: formatSize(f.size), sha256: f.sha256, note: notes.join('\n') };
  });
}

/** The document as the PDF will say it. `template` gives the fields' labels and whether it is a 供覧. */
export function buildExportModel(
  doc: ApprovalDocument,
  template: Pick<ApprovalTemplate, 'kind' | 'form'> | null,
  exportedAt: Date,
): ExportModel {
  const circulation = template?.kind === 'circulation';
  const heading = circulation ? '供覧文書' : '決裁文書';
  const number = doc.number ?? '未採番';
  const names = namesOf(doc);
  const retentionEnds = doc.retentionEndsOn
    ? wareki(doc.retentionEndsOn)
    : doc.retention === 'permanent'
      ? '永年保存'
      : '完結の後に定まります';

  // In the order of a paper 決裁文書's head; the PDF sets two to a row where they fit.
  const facts: Fact[] = [
    ['文書番号', number],
    ['年度', `${formatFiscalYear(doc.fiscalYear)}（${doc.fiscalYear}年度）`],
    ['様式', doc.templateName],
    ['状態', DOCUMENT_STATUS[doc.status]],
    ['件名', doc.title],
    ['起案者', `${doc.drafterName}（${doc.departmentName}）`],
    ['起案日', doc.submittedAt ? warekiDateTime(doc.submittedAt) : NONE],
  ];
  if (circulation) facts.push(['供覧完了日', doc.completedAt ? warekiDateTime(doc.completedAt) : NONE]);
  else {
    const planned = doc.plannedEnforcementOn ? `（施行予定日 ${wareki(doc.plannedEnforcementOn)}）` : '';
    facts.push(
      ['決裁日', doc.decidedAt ? warekiDateTime(doc.decidedAt) : NONE],
      ['施行日', doc.enforcement ? wareki(doc.enforcement.enforcedOn) : `未施行${planned}`],
      ['施行の方法', doc.enforcement?.method || NONE],
      ['法令番号', doc.lawNumber || NONE],
    );
  }
  facts.push(
    ['公開区分', DISCLOSURE[doc.disclosure]],
    ['文書分類', doc.classification || NONE],
    ['保存年限', RETENTION[doc.retention]],
    ['保存期間満了日', retentionEnds],
  );

  const fields: Fact[] = [];
  if (doc.counterparty) fields.push(['取引先', doc.counterparty]);
  if (doc.amount !== null) fields.push(['金額', formatYen(doc.amount)]);
  const defs = template?.form.fields ?? [];
  const present = (v: string | number | undefined): v is string | number => v !== undefined && v !== '';
  for (const def of defs) {
    const value = doc.fields[def.key];
    if (present(value)) fields.push([def.label, fieldValue(def, value)]);
  }
  // A value whose field the template no longer has is still part of the record.
  for (const [key, value] of Object.entries(doc.fields))
    if (!defs.some((d) => d.key === key) && present(value)) fields.push([key, String(value)]);

  const version = doc.versions.find((v) => v.version === doc.currentVersion);
  const versionLine = version
    ? `文書の版 ${version.version}\u3000ハッシュ sha256: ${version.hash}`
    : `文書の版 ${doc.currentVersion}`;

  return {
    heading,
    number,
    title: doc.title,
    facts,
    fields,
    body: doc.body,
    route: routeRows(doc, names),
    history: historyRows(doc, names),
    attachments: attachmentRows(doc),
    versionLine,
    footer: `Ringi 電子決裁\u3000出力日時 ${tokyoDateTime(exportedAt)}`,
    filename: `${safeFilename(doc.number ?? doc.title)}_${heading}.pdf`,
    exportedAt,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Line breaking

/** Characters that may not begin a line (禁則): they stay at the end of the line before, past its edge. */
const NO_LINE_START = new Set(
  Array.from('、。，．,.)）」』】〕〉》］}・：；:;!?！？ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々ゝゞ'),
);

/** Characters the PDF cannot show (controls, format characters) and tabs become a space or go. */
export function printable(text: string): string {
  return text.replace(/\t/g, '    ').replace(/[\p{Cc}\p{Cf}]/gu, '');
}

/**
 * Breaks text into lines no wider than `maxWidth` (by `width` of one character), keeping its own line breaks.
 * Japanese breaks between any two characters; a run of Latin letters breaks at its last space when there is one.
 */
export function wrapText(text: string, maxWidth: number, width: (char: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const chars = Array.from(printable(paragraph));
    let line: string[] = [];
    let lineWidth = 0;
    for (const ch of chars) {
      const w = width(ch);
      if (line.length && lineWidth + w > maxWidth && !NO_LINE_START.has(ch)) {
        let cut = line.length;
        // Inside a Latin word: go back to the last space of the line, if it is not too far.
        if (/[\x21-\x7e]/.test(ch) && /[\x21-\x7e]/.test(line[line.length - 1])) {
          const space = line.lastIndexOf(' ');
          if (space > 0 && line.length - space < 40) cut = space + 1;
        }
        const rest = line.slice(cut);
        lines.push(line.slice(0, cut).join('').trimEnd());
        line = ch === ' ' && !rest.length ? [] : rest;
        lineWidth = line.reduce((sum, c) => sum + width(c), 0);
        if (ch === ' ' && !line.length) continue;
      }
      line.push(ch);
      lineWidth += w;
    }
    lines.push(line.join('').trimEnd());
  }
  return lines;
}
