import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  DirectoryEntry,
  DirectoryList,
  DirectoryParams,
  Membership,
  MembershipSummary,
  Staff,
  StaffList,
  StaffListParams,
} from '@ringi/contracts';
import { periodState, tokyoDate } from '@ringi/domain';
import { AppException } from '../../core/errors/app.exception';
import type { MembershipSource } from '../identity/membership-directory';

interface StaffRow {
  id: string;
  staff_number: string;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  email: string | null;
  role: Staff['role'];
  active: boolean;
  has_password: boolean;
  locked_until: Date | null;
  photo_file_id: string | null;
}

interface MembershipRow {
  id: string;
  user_id: string;
  department_id: string;
  department_name: string;
  position_id: string;
  position_name: string;
  position_rank: number;
  is_primary: boolean;
  valid_from: string;
  valid_to: string | null;
}

const MEMBERSHIP_SELECT = `
  SELECT m.id, m.user_id, m.department_id,
         COALESCE((SELECT v.name FROM department_version v
                    WHERE v.department_id = m.department_id
                      AND v.valid_from <= LEAST(GREATEST(m.valid_from, (now() AT TIME ZONE 'Asia/Tokyo')::date),
                                                COALESCE(m.valid_to, 'infinity'::date))
                    ORDER BY v.valid_from DESC LIMIT 1), d.name) AS department_name,
         m.position_id, p.name AS position_name,
         p.rank AS position_rank, m.is_primary, to_char(m.valid_from, 'YYYY-MM-DD') AS valid_from,
         to_char(m.valid_to, 'YYYY-MM-DD') AS valid_to
    FROM membership m JOIN department d ON d.id = m.department_id JOIN position p ON p.id = m.position_id`;

const STAFF_COLUMNS = `u.id, u.staff_number, u.family_name, u.given_name, u.family_name_kana, u.given_name_kana,
  u.email, u.role, u.active, u.password_hash IS NOT NULL AS has_password, u.locked_until, u.photo_file_id`;

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters taken literally. */
const contains = (text: string): string => `%${text.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * What a search box's words become for matching: NFKC (full-width letters and digits, half-width katakana and
 * variant code points such as 塚 U+FA10 compare as their usual forms) without spaces; for readings, hiragana is
 * turned into katakana as well. Stored names are compared through the same NFKC in SQL and never changed.
 */
export function searchNeedles(q: string | undefined): { text: string; kana: string } | null {
  const text = (q ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (!text) return null;
  const kana = text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  return { text: contains(text), kana: contains(kana) };
}

/** One filter for a page of staff and for its total, so both always agree. */
interface StaffFilter {
  at: string;
  q: string | undefined;
  departmentId: string | undefined;
  includeInactive: boolean;
  /** Administrators also find people by staff number. */
  byStaffNumber: boolean;
}

/**
 * The parts of a staff query that choose the people: `with` (the department subtree), and `where` over
 * `app_user u`, with their parameters $1–$6.
 */
function filterSql(f: StaffFilter): { withSql: string; where: string; params: unknown[] } {
  const needles = searchNeedles(f.q);
  const params = [
    f.at,
    needles?.text ?? null,
    needles?.kana ?? null,
    f.departmentId ?? null,
    f.includeInactive,
    f.byStaffNumber,
  ];
  const withSql = `WITH RECURSIVE subtree AS (
      SELECT id FROM department WHERE id = $4
      UNION ALL SELECT v.department_id FROM department_version v JOIN subtree s ON v.parent_id = s.id
       WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to >= $1))`;
  const where = `($5 OR u.active)
     AND ($2::text IS NULL
          OR ($6 AND u.staff_number ILIKE $2)
          OR normalize(u.family_name || u.given_name, NFKC) ILIKE $2
          OR replace(normalize(u.family_name_kana || u.given_name_kana, NFKC), ' ', '') ILIKE $3)
     AND ($4::uuid IS NULL OR EXISTS (
          SELECT 1 FROM membership m
           WHERE m.user_id = u.id AND m.department_id IN (SELECT id FROM subtree)
             AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1)))`;
  return { withSql, where, params };
}

/**
 * Reading staff: the administrators' paged list and detail (every field), the directory every member of staff
 * may read (active colleagues, no administrative fields), and a person's assignments in effect, which identity
 * reads through its `MembershipDirectory` port.
 */
@Injectable()
export class StaffReadService implements MembershipSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The administrators' list: one page in org-chart order, with the number of matches in all. */
  async list(query: StaffListParams): Promise<StaffList> {
    const at = query.at ?? tokyoDate();
    const { rows, total } = await this.page(
      {
        at,
        q: query.q,
        departmentId: query.departmentId,
        includeInactive: query.includeInactive === 'true',
        byStaffNumber: true,
      },
      query.page,
      query.pageSize,
    );
    const memberships = await this.membershipsOf(rows.map((r) => r.id));
    return {
      at,
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((r) => this.toStaff(r, memberships.get(r.id) ?? [], at)),
    };
  }

  /** The staff directory (職員名簿): active colleagues with their name, reading, photo and today's posts. */
  async directory(query: DirectoryParams): Promise<DirectoryList> {
    const at = tokyoDate();
    const { rows, total } = await this.page(
      { at, q: query.q, departmentId: query.departmentId, includeInactive: false, byStaffNumber: false },
      query.page,
      query.pageSize,
    );
    const memberships = await this.membershipsOf(rows.map((r) => r.id));
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((r): DirectoryEntry => ({
        id: r.id,
        familyName: r.family_name,
        givenName: r.given_name,
        familyNameKana: r.family_name_kana,
        givenNameKana: r.given_name_kana,
        photoFileId: r.photo_file_id,
        assignments: this.current(memberships.get(r.id) ?? [], at).map((m) => ({
          departmentId: m.department_id,
          departmentName: m.department_name,
          positionName: m.position_name,
          isPrimary: m.is_primary,
        })),
      })),
    };
  }

  async get(id: string, at = tokyoDate(), em: EntityManager = this.dataSource.manager): Promise<Staff> {
    const rows: StaffRow[] = await em.query(`SELECT ${STAFF_COLUMNS} FROM app_user u WHERE u.id = $1`, [id]);
    if (!rows[0]) throw new AppException('org/staff_not_found');
    const memberships = await this.membershipsOf([id], em);
    return this.toStaff(rows[0], memberships.get(id) ?? [], at);
  }

  /** MembershipSource: a person's assignments in effect on a day, 本務 first. */
  async inEffect(userId: string, at: string): Promise<MembershipSummary[]> {
    const rows = (await this.membershipsOf([userId])).get(userId) ?? [];
    return this.current(rows, at).map((m) => ({
      id: m.id,
      departmentId: m.department_id,
      departmentName: m.department_name,
      positionId: m.position_id,
      positionName: m.position_name,
      positionRank: m.position_rank,
      isPrimary: m.is_primary,
      validFrom: m.valid_from,
      validTo: m.valid_to,
    }));
  }

  private async page(
    filter: StaffFilter,
    page: number,
    pageSize: number,
  ): Promise<{ rows: StaffRow[]; total: number }> {
    const { withSql, where, params } = filterSql(filter);
    const [rows, [{ total }]]: [StaffRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `${withSql}
         SELECT ${STAFF_COLUMNS}
           FROM app_user u
           LEFT JOIN LATERAL (
             SELECT d.sort_order, p.rank FROM membership m
               JOIN department d ON d.id = m.department_id JOIN position p ON p.id = m.position_id
              WHERE m.user_id = u.id AND m.is_primary AND m.valid_from <= $1
                AND (m.valid_to IS NULL OR m.valid_to >= $1)
              LIMIT 1) pm ON true
          WHERE ${where}
          ORDER BY pm.sort_order NULLS LAST, pm.rank NULLS LAST, u.family_name_kana, u.given_name_kana,
                   u.staff_number
          LIMIT $7 OFFSET $8`,
        [...params, pageSize, (page - 1) * pageSize],
      ),
      this.dataSource.query(
        `${withSql} SELECT count(*)::int AS total FROM app_user u WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, total };
  }

  private current(rows: MembershipRow[], at: string): MembershipRow[] {
    return rows.filter(
      (m) => periodState({ validFrom: m.valid_from, validTo: m.valid_to }, at) === 'current',
    );
  }

  private async membershipsOf(
    userIds: string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, MembershipRow[]>> {
    const byUser = new Map<string, MembershipRow[]>();
    if (!userIds.length) return byUser;
    const rows: MembershipRow[] = await em.query(
      `${MEMBERSHIP_SELECT} WHERE m.user_id = ANY($1::uuid[]) ORDER BY m.is_primary DESC, m.valid_from DESC, p.rank`,
      [userIds],
    );
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    return byUser;
  }

  private toStaff(r: StaffRow, memberships: MembershipRow[], at: string): Staff {
    return {
      id: r.id,
      staffNumber: r.staff_number,
      familyName: r.family_name,
      givenName: r.given_name,
      familyNameKana: r.family_name_kana,
      givenNameKana: r.given_name_kana,
      email: r.email,
      role: r.role,
      active: r.active,
      hasPassword: r.has_password,
      lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
      photoFileId: r.photo_file_id,
      memberships: memberships.map((m): Membership => ({
        id: m.id,
        userId: m.user_id,
        departmentId: m.department_id,
        departmentName: m.department_name,
        positionId: m.position_id,
        positionName: m.position_name,
        isPrimary: m.is_primary,
        validFrom: m.valid_from,
        validTo: m.valid_to,
        state: periodState({ validFrom: m.valid_from, validTo: m.valid_to }, at),
      })),
    };
  }
}
