import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  ApprovalSearchDateField,
  ApprovalSearchItem,
  ApprovalSearchQuery,
  ApprovalSearchResult,
  ApprovalSearchSort,
} from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { AppException } from '../../core/errors/app.exception';
import { ApprovalDocumentPolicy } from './approval-document.policy';

const DATE_COLUMN: Record<ApprovalSearchDateField, string> = {
  submitted: 'submitted_at',
  decided: 'decided_at',
  completed: 'completed_at',
};

const ORDER: Record<ApprovalSearchSort, (date: string) => string> = {
  newest: (date) => `d.${date} DESC NULLS LAST, d.created_at DESC, d.id DESC`,
  oldest: (date) => `d.${date} ASC NULLS LAST, d.created_at ASC, d.id ASC`,
  amount_desc: (date) => `d.amount DESC NULLS LAST, d.${date} DESC NULLS LAST, d.id DESC`,
  amount_asc: (date) => `d.amount ASC NULLS LAST, d.${date} DESC NULLS LAST, d.id DESC`,
};

const COLUMNS = `d.id, d.template_id AS "templateId", t.name AS "templateName", d.title, d.status, d.number,
  d.fiscal_year AS "fiscalYear", d.drafter_id AS "drafterId", u.family_name || ' ' || u.given_name AS "drafterName",
  d.department_id AS "departmentId", dep.name AS "departmentName", d.amount, d.updated_at AS "updatedAt",
  d.counterparty, d.submitted_at AS "submittedAt", d.decided_at AS "decidedAt", d.completed_at AS "completedAt"`;

type Row = Omit<ApprovalSearchItem, 'amount' | 'updatedAt' | 'submittedAt' | 'decidedAt' | 'completedAt'> & {
  amount: string | null;
  updatedAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  completedAt: Date | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Text as it is compared: NFKC (full-width letters and digits, half-width kana), lower case. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase();
/** A LIKE pattern finding `text` anywhere (its own `%`, `_` and `\` taken literally). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** ひらがな → カタカナ, so a kana name is found whichever kana it is typed in. */
const katakana = (text: string) =>
  text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/**
 * Search of approval documents by number, 件名, drafter, department, template, status, 取引先, a date range and an
 * amount range, combined, among the documents the caller may see (`ApprovalDocumentPolicy.visibleSql`). One
 * paged SQL query and one count; nothing is filtered in Node. The text filters (件名, 取引先) scan the rows the
 * other conditions leave: pg_trgm cannot index the two-character words Japanese is full of.
 */
@Injectable()
export class ApprovalSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: ApprovalDocumentPolicy,
  ) {}

  async search(user: AuthUser, query: ApprovalSearchQuery): Promise<ApprovalSearchResult> {
    if (query.from && query.to && query.from > query.to)
      throw new AppException('approval/search_date_range_invalid');
    if (query.amountMin !== undefined && query.amountMax !== undefined && query.amountMin > query.amountMax)
      throw new AppException('approval/search_amount_range_invalid');

    const params: unknown[] = [];
    const where = [await this.policy.visibleSql(user, 'd', params), ...this.filters(query, params)].join(
      '\n AND ',
    );
    const date = DATE_COLUMN[query.dateField];
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM approval_document d WHERE ${where}`,
      params,
    );
    const offset = (query.page - 1) * query.pageSize;
    const rows: Row[] =
      n > offset
        ? await this.dataSource.query(
            `SELECT ${COLUMNS}
               FROM approval_document d JOIN approval_template t ON t.id = d.template_id
               JOIN app_user u ON u.id = d.drafter_id JOIN department dep ON dep.id = d.department_id
              WHERE ${where}
              ORDER BY ${ORDER[query.sort](date)}
              LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
            [...params, query.pageSize, offset],
          )
        : [];
    return {
      items: rows.map((r) => ({
        ...r,
        amount: r.amount === null ? null : Number(r.amount),
        updatedAt: r.updatedAt.toISOString(),
        submittedAt: r.submittedAt?.toISOString() ?? null,
        decidedAt: r.decidedAt?.toISOString() ?? null,
        completedAt: r.completedAt?.toISOString() ?? null,
      })),
      total: n,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Each filter given as a condition on `d` (approval_document), its values appended to `params`. */
  private filters(query: ApprovalSearchQuery, params: unknown[]): string[] {
    const p = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (query.number !== undefined) {
      const number = fold(query.number).replace(/\s/g, '');
      // Digits alone are a serial (12 → 総務第12号, 財政第12号, not 第112号); anything else is a part of the number.
      where.push(
        /^\d+$/.test(number)
          ? `d.number LIKE ${p(`%第${BigInt(number).toString()}号`)}`
          : `d.number LIKE ${p(containing(number))}`,
      );
    }
    if (query.title !== undefined)
      where.push(`lower(normalize(d.title, NFKC)) LIKE ${p(containing(fold(query.title)))}`);
    if (query.counterparty !== undefined)
      where.push(`lower(normalize(d.counterparty, NFKC)) LIKE ${p(containing(fold(query.counterparty)))}`);
    if (query.drafter !== undefined) {
      if (UUID.test(query.drafter)) where.push(`d.drafter_id = ${p(query.drafter.toLowerCase())}`);
      else {
        const name = fold(query.drafter).replace(/\s/g, '');
        where.push(
          `d.drafter_id IN (SELECT du.id FROM app_user du
             WHERE lower(normalize(du.family_name || du.given_name, NFKC)) LIKE ${p(containing(name))}
                OR normalize(du.family_name_kana || du.given_name_kana, NFKC) LIKE ${p(containing(katakana(name)))})`,
        );
      }
    }
    if (query.departmentId !== undefined) where.push(`d.department_id = ${p(query.departmentId)}`);
    if (query.templateId !== undefined) where.push(`d.template_id = ${p(query.templateId)}`);
    if (query.status !== undefined) where.push(`d.status = ANY(${p(query.status)}::text[])`);
    if (query.fiscalYear !== undefined) where.push(`d.fiscal_year = ${p(query.fiscalYear)}`);
    const date = `d.${DATE_COLUMN[query.dateField]}`;
    // Japan days: from the first day's midnight in Tokyo up to (not including) the midnight after the last.
    if (query.from !== undefined)
      where.push(`${date} >= (${p(query.from)}::date)::timestamp AT TIME ZONE 'Asia/Tokyo'`);
    if (query.to !== undefined)
      where.push(`${date} < (${p(query.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'`);
    if (query.amountMin !== undefined) where.push(`d.amount >= ${p(query.amountMin)}`);
    if (query.amountMax !== undefined) where.push(`d.amount <= ${p(query.amountMax)}`);
    return where;
  }
}
