import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  STAFF_CSV_COLUMNS,
  isoDateSchema,
  kanaSchema,
  staffNumberSchema,
  type ErrorDetail,
  type Locale,
  type StaffImportResult,
} from '@ringi/contracts';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { AppException } from '../../core/errors/app.exception';
import { UsersService } from '../identity/users.service';
import { decodeCsv, detectDelimiter, readCsv, type NotCsvKind } from './csv-reader';
import { DepartmentEntity } from './entities/department.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PositionEntity } from './entities/position.entity';
import { announceOrgChange } from './org.events';
import { StaffService, isPrimaryOverlap } from './staff.service';

export const STAFF_CSV_MAX_BYTES = 2 * 1024 * 1024;
const MAX_ROWS = 5000;

type ColumnKey = (typeof STAFF_CSV_COLUMNS)[number]['key'];

/** A name as written in the family register: kept exactly (only surrounding spaces go), no control characters. */
const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[^\p{Cc}\p{Cs}]*$/u);

/**
 * One row. `raw` holds the cells as written; every column but the names is NFKC-normalised before this schema
 * (full-width digits and letters, half-width katakana) because it helps to match them; the names are not.
 */
const rowSchema = z.object({
  staffNumber: staffNumberSchema,
  familyName: nameSchema,
  givenName: nameSchema,
  familyNameKana: kanaSchema,
  givenNameKana: kanaSchema,
  departmentCode: z.string().trim().min(1),
  positionCode: z.string().trim().min(1),
  validFrom: z
    .string()
    .trim()
    .regex(/^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/)
    .transform((v) => {
      const [y, m, d] = v.split(/[-/]/);
      return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    })
    .pipe(isoDateSchema),
  concurrent: z
    .string()
    .trim()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(['', '本務', '兼務', '0', '1', 'true', 'false', '○', '〇']))
    .transform((v) => ['兼務', '1', 'true', '○', '〇'].includes(v)),
  email: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(z.email().max(200).nullable()),
});
/** Columns kept exactly as written. */
const AS_WRITTEN: ReadonlySet<ColumnKey> = new Set(['familyName', 'givenName']);
type Row = z.output<typeof rowSchema> & { line: number };

const TEXT = {
  noHeader: {
    ja: '1行目に見出し（職員番号、氏、名 …）が必要です。',
    en: 'The first line must be the header (staff_number, family_name …).',
  },
  missingColumn: {
    ja: (c: string) => `見出しに「${c}」の列がありません。`,
    en: (c: string) => `The header has no "${c}" column.`,
  },
  empty: { ja: 'データの行がありません。', en: 'The file has no data rows.' },
  tooMany: {
    ja: `一度に取り込めるのは${MAX_ROWS}行までです。`,
    en: `At most ${MAX_ROWS} rows can be imported at once.`,
  },
  unclosedQuote: {
    ja: '「"」で始まる項目が閉じられていません。項目の終わりにも「"」を書くか、項目の中の「"」を「""」と2つ重ねて書いてください。',
    en: 'A cell that starts with " is never closed. End the cell with " as well, or write a " inside a cell as "".',
  },
  textAfterQuote: {
    ja: '「"」で囲んだ項目の後ろ、区切りの「,」までの間に文字があります。項目の中の「"」は「""」と2つ重ねて書き、項目全体を「"」で囲んでください。',
    en: 'There is text between a quoted cell\'s closing " and the next comma. Write a " inside a cell as "" and put the whole cell in quotes.',
  },
  notCsv: {
    xlsx: {
      ja: 'このファイルは Excel のブック（.xlsx）で、CSV ではありません。Excel で開き、「名前を付けて保存」でファイルの種類を「CSV UTF-8（コンマ区切り）」にして保存したものを選んでください。',
      en: 'This file is an Excel workbook (.xlsx), not CSV. Open it in Excel, choose Save As and the type "CSV UTF-8 (Comma delimited)", and choose the saved file.',
    },
    xls: {
      ja: 'このファイルは古い形式の Excel のブック（.xls）で、CSV ではありません。Excel で開き、「名前を付けて保存」でファイルの種類を「CSV UTF-8（コンマ区切り）」にして保存したものを選んでください。',
      en: 'This file is an old Excel workbook (.xls), not CSV. Open it in Excel, choose Save As and the type "CSV UTF-8 (Comma delimited)", and choose the saved file.',
    },
    binary: {
      ja: 'このファイルは文字だけのファイル（CSV）ではないため読み取れません。Excel で開き、「名前を付けて保存」でファイルの種類を「CSV UTF-8（コンマ区切り）」にして保存したものを選んでください。',
      en: 'This file is not a text (CSV) file and cannot be read. Open it in Excel, choose Save As and the type "CSV UTF-8 (Comma delimited)", and choose the saved file.',
    },
  } satisfies Record<NotCsvKind, { ja: string; en: string }>,
  noKnownColumn: {
    ja: `1行目に見出し（${STAFF_CSV_COLUMNS.map((c) => c.ja).join('、')}）が見つかりません。テンプレートの1行目をそのまま使い、Excel で「CSV UTF-8（コンマ区切り）」の形で保存してください。`,
    en: `The first line has none of the column names (${STAFF_CSV_COLUMNS.map((c) => c.en).join(', ')}). Keep the template's first line and save the file from Excel as "CSV UTF-8 (Comma delimited)".`,
  },
  field: { ja: (c: string, m: string) => `「${c}」: ${m}`, en: (c: string, m: string) => `${c}: ${m}` },
  required: { ja: '入力してください。', en: 'This column must not be empty.' },
  unknownDepartment: {
    ja: (c: string) => `所属コード「${c}」は登録されていません。`,
    en: (c: string) => `Department code "${c}" does not exist.`,
  },
  unknownPosition: {
    ja: (c: string) => `職コード「${c}」は登録されていません。`,
    en: (c: string) => `Position code "${c}" does not exist.`,
  },
  nameMismatch: {
    ja: (l: number) => `同じ職員番号の${l}行目と氏名が違います。`,
    en: (l: number) => `The name differs from line ${l} with the same staff number.`,
  },
  twoPrimaries: {
    ja: (l: number) => `同じ職員番号・同じ発令日の本務が${l}行目にもあります。`,
    en: (l: number) => `Line ${l} has another primary assignment for the same person and date.`,
  },
  overlap: {
    ja: '本務の期間が既存の発令と重なります。',
    en: 'The primary assignment overlaps an existing one.',
  },
};

/** What to write instead, per column: plain words rather than a validator's (a regex means nothing to staff). */
const HOW_TO_WRITE: Record<ColumnKey, { ja: string; en: string }> = {
  staffNumber: {
    ja: '半角の英数字とハイフンで、20文字までで書いてください。',
    en: 'Use letters, digits and hyphens, at most 20.',
  },
  familyName: {
    ja: '30文字までで、戸籍のとおりに書いてください（改行や制御文字は使えません）。',
    en: 'At most 30 characters, as in the family register (no line breaks or control characters).',
  },
  givenName: {
    ja: '30文字までで、戸籍のとおりに書いてください（改行や制御文字は使えません）。',
    en: 'At most 30 characters, as in the family register (no line breaks or control characters).',
  },
  familyNameKana: {
    ja: 'カタカナで書いてください（例：ヤマダ）。',
    en: 'Write it in katakana (e.g. ヤマダ).',
  },
  givenNameKana: {
    ja: 'カタカナで書いてください（例：ハナコ）。',
    en: 'Write it in katakana (e.g. ハナコ).',
  },
  departmentCode: { ja: '所属コードを書いてください。', en: 'Write a department code.' },
  positionCode: { ja: '職コードを書いてください。', en: 'Write a position code.' },
  validFrom: {
    ja: '日付は 2026-04-01 または 2026/4/1 の形で書いてください。',
    en: 'Write the date as 2026-04-01 or 2026/4/1.',
  },
  concurrent: {
    ja: '空欄（本務）、「本務」または「兼務」と書いてください。',
    en: 'Leave it empty (primary) or write 本務 or 兼務.',
  },
  email: { ja: 'メールアドレスの形が正しくありません。', en: 'This is not an e-mail address.' },
};

class RollbackDryRun extends Error {
  constructor(readonly result: StaffImportResult) {
    super('dry run');
  }
}

/**
 * Imports staff and their assignments from a CSV file. Every row is validated first; if any row is wrong the
 * answer lists every problem by line and nothing is written. A valid file is applied in one transaction.
 */
@Injectable()
export class StaffImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly staff: StaffService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  async import(
    actor: AuthUser,
    bytes: Buffer | undefined,
    dryRun: boolean,
    locale: Locale,
  ): Promise<StaffImportResult> {
    if (!bytes?.length) throw new AppException('files/missing');
    const decoded = decodeCsv(bytes);
    if (!decoded.ok)
      throw new AppException('org/import_invalid', [{ message: TEXT.notCsv[decoded.kind][locale] }]);
    const { text, encoding } = decoded;
    const rows = await this.validate(text, locale);
    const result = {
      dryRun,
      rows: rows.length,
      createdStaff: 0,
      updatedStaff: 0,
      createdMemberships: 0,
      encoding,
    };
    try {
      return await this.uow.run(async (tx) => {
        const { em } = tx;
        const departments = new Map((await em.find(DepartmentEntity)).map((d) => [d.code, d.id]));
        const positions = new Map((await em.find(PositionEntity)).map((p) => [p.code, p.id]));
        const seen = new Map<string, string>();
        for (const row of [...rows].sort(
          (a, b) => a.validFrom.localeCompare(b.validFrom) || a.line - b.line,
        )) {
          let userId = seen.get(row.staffNumber);
          if (!userId) {
            const existing = await this.users.findByStaffNumber(em, row.staffNumber);
            const names = {
              familyName: row.familyName,
              givenName: row.givenName,
              familyNameKana: row.familyNameKana,
              givenNameKana: row.givenNameKana,
            };
            if (existing) {
              await this.users.update(em, existing.id, row.email ? { ...names, email: row.email } : names);
              userId = existing.id;
              result.updatedStaff += 1;
            } else {
              userId = (
                await this.users.create(em, {
                  staffNumber: row.staffNumber,
                  ...names,
                  email: row.email,
                  role: 'staff',
                })
              ).id;
              result.createdStaff += 1;
            }
            seen.set(row.staffNumber, userId);
          }
          const assignment = {
            departmentId: departments.get(row.departmentCode) as string,
            positionId: positions.get(row.positionCode) as string,
            isPrimary: !row.concurrent,
            validFrom: row.validFrom,
          };
          // Importing the same file twice changes nothing.
          if (await em.existsBy(MembershipEntity, { userId, ...assignment })) continue;
          try {
            await em.query('SAVEPOINT import_row');
            await this.staff.insertMembership(em, userId, { ...assignment, validTo: null });
            await em.query('RELEASE SAVEPOINT import_row');
          } catch (error) {
            if (!isPrimaryOverlap(error)) throw error;
            throw new AppException('org/import_invalid', [{ line: row.line, message: TEXT.overlap[locale] }]);
          }
          result.createdMemberships += 1;
        }
        if (dryRun) throw new RollbackDryRun(result);
        await this.audit.append(tx, { type: 'org.staff_imported', actorId: actor.id, data: { ...result } });
        announceOrgChange(tx, this.events);
        return result;
      });
    } catch (error) {
      if (error instanceof RollbackDryRun) return error.result;
      throw error;
    }
  }

  private async validate(text: string, locale: Locale): Promise<Row[]> {
    const invalid = (details: ErrorDetail[]) => new AppException('org/import_invalid', details);
    const { records, faults } = readCsv(text, detectDelimiter(text));
    if (faults.length) {
      throw invalid(
        faults.map((f) => ({
          line: f.line,
          message: (f.kind === 'unclosed_quote' ? TEXT.unclosedQuote : TEXT.textAfterQuote)[locale],
        })),
      );
    }
    if (!records.length) throw invalid([{ line: 1, message: TEXT.noHeader[locale] }]);
    // Header names are matched loosely: full-width letters, spaces and case do not matter.
    const matchable = (h: string) => h.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
    const header = records[0].cells.map(matchable);
    const index = new Map<ColumnKey, number>();
    for (const col of STAFF_CSV_COLUMNS) {
      const i = header.findIndex((h) => h === matchable(col.ja) || h === matchable(col.en));
      if (i >= 0) index.set(col.key, i);
    }
    const headerLine = records[0].line;
    if (!index.size) throw invalid([{ line: headerLine, message: TEXT.noKnownColumn[locale] }]);
    const headerErrors: ErrorDetail[] = STAFF_CSV_COLUMNS.filter((c) => c.required && !index.has(c.key)).map(
      (c) => ({ line: headerLine, message: TEXT.missingColumn[locale](locale === 'ja' ? c.ja : c.en) }),
    );
    if (headerErrors.length) throw invalid(headerErrors);
    const data = records.slice(1);
    if (!data.length) throw invalid([{ line: 2, message: TEXT.empty[locale] }]);
    if (data.length > MAX_ROWS) throw invalid([{ message: TEXT.tooMany[locale] }]);

    const [departments, positions] = await Promise.all([
      this.dataSource.getRepository(DepartmentEntity).find({ select: { code: true } }),
      this.dataSource.getRepository(PositionEntity).find({ select: { code: true } }),
    ]);
    const departmentCodes = new Set(departments.map((d) => d.code));
    const positionCodes = new Set(positions.map((p) => p.code));
    const label = new Map(STAFF_CSV_COLUMNS.map((c) => [c.key as string, locale === 'ja' ? c.ja : c.en]));

    const errors: ErrorDetail[] = [];
    const rows: Row[] = [];
    const firstLineOf = new Map<string, Row>();
    const primaries = new Map<string, number>();
    for (const { cells, line } of data) {
      const raw = Object.fromEntries(
        STAFF_CSV_COLUMNS.map((c) => {
          const cell = cells[index.get(c.key) ?? -1] ?? '';
          return [c.key, AS_WRITTEN.has(c.key) ? cell : cell.normalize('NFKC')];
        }),
      ) as Record<ColumnKey, string>;
      const parsed = rowSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) {
        const columns = new Set(parsed.error.issues.map((issue) => String(issue.path[0]) as ColumnKey));
        for (const column of columns) {
          const empty = !raw[column]?.trim();
          const message = empty ? TEXT.required[locale] : HOW_TO_WRITE[column][locale];
          errors.push({ line, message: TEXT.field[locale](label.get(column) ?? column, message) });
        }
      }
      const departmentCode = raw.departmentCode.trim();
      const positionCode = raw.positionCode.trim();
      if (departmentCode && !departmentCodes.has(departmentCode))
        errors.push({ line, message: TEXT.unknownDepartment[locale](departmentCode) });
      if (positionCode && !positionCodes.has(positionCode))
        errors.push({ line, message: TEXT.unknownPosition[locale](positionCode) });
      if (!parsed.success) continue;
      const row = { ...parsed.data, line };
      const first = firstLineOf.get(row.staffNumber);
      if (first && (first.familyName !== row.familyName || first.givenName !== row.givenName)) {
        errors.push({ line, message: TEXT.nameMismatch[locale](first.line) });
      }
      if (!first) firstLineOf.set(row.staffNumber, row);
      if (!row.concurrent) {
        const key = `${row.staffNumber}|${row.validFrom}`;
        const other = primaries.get(key);
        if (other) errors.push({ line, message: TEXT.twoPrimaries[locale](other) });
        else primaries.set(key, line);
      }
      rows.push(row);
    }
    if (errors.length) throw invalid(errors);
    return rows;
  }
}
