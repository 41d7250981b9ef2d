import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type {
  CreateMembershipRequest,
  CreateStaffRequest,
  Membership,
  MembershipSummary,
  Staff,
  StaffList,
  StaffListQuery,
  UpdateMembershipRequest,
  UpdateStaffRequest,
} from '@ringi/contracts';
import { addDays, periodState, tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { SessionsService } from '../../core/auth/sessions.service';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { MembershipDirectory } from '../identity/membership-directory';
import { UsersService } from '../identity/users.service';
import { DepartmentEntity } from './entities/department.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PositionEntity } from './entities/position.entity';

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
  SELECT m.id, m.user_id, m.department_id, d.name AS department_name, m.position_id, p.name AS position_name,
         p.rank AS position_rank, m.is_primary, to_char(m.valid_from, 'YYYY-MM-DD') AS valid_from,
         to_char(m.valid_to, 'YYYY-MM-DD') AS valid_to
    FROM membership m JOIN department d ON d.id = m.department_id JOIN position p ON p.id = m.position_id`;

/** Is this error the database refusing a second primary assignment for the same days? */
export function isPrimaryOverlap(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string }).constraint === 'membership_one_primary'
  );
}

/** Staff administration: people, their accounts and their effective-dated assignments (発令). */
@Injectable()
export class StaffService implements MembershipDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  async list(query: StaffListQuery): Promise<StaffList> {
    const at = query.at ?? tokyoDate();
    const needle = query.q
      ? `%${query.q
          .normalize('NFKC')
          .replace(/[\s\u3000]+/g, '')
          .replace(/[%_\\]/g, '\\$&')}%`
      : null;
    const rows: StaffRow[] = await this.dataSource.query(
      `WITH RECURSIVE subtree AS (
         SELECT id FROM department WHERE id = $3
         UNION ALL SELECT d.id FROM department d JOIN subtree s ON d.parent_id = s.id)
       SELECT u.id, u.staff_number, u.family_name, u.given_name, u.family_name_kana, u.given_name_kana, u.email,
              u.role, u.active, u.password_hash IS NOT NULL AS has_password, u.locked_until, u.photo_file_id
         FROM app_user u
         LEFT JOIN LATERAL (
           SELECT d.sort_order, p.rank FROM membership m
             JOIN department d ON d.id = m.department_id JOIN position p ON p.id = m.position_id
            WHERE m.user_id = u.id AND m.is_primary AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1)
            LIMIT 1) pm ON true
        WHERE ($4 OR u.active)
          AND ($2::text IS NULL OR u.staff_number ILIKE $2
               OR u.family_name || u.given_name ILIKE $2 OR u.family_name_kana || u.given_name_kana ILIKE $2)
          AND ($3::uuid IS NULL OR EXISTS (
               SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.department_id IN (SELECT id FROM subtree)
                  AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1)))
        ORDER BY pm.sort_order NULLS LAST, pm.rank NULLS LAST, u.family_name_kana, u.given_name_kana, u.staff_number
        LIMIT 1000`,
      [at, needle, query.departmentId ?? null, query.includeInactive === 'true'],
    );
    const memberships = await this.membershipsOf(rows.map((r) => r.id));
    return { at, items: rows.map((r) => this.toStaff(r, memberships.get(r.id) ?? [], at)) };
  }

  async get(id: string, at = tokyoDate(), em: EntityManager = this.dataSource.manager): Promise<Staff> {
    const rows: StaffRow[] = await em.query(
      `SELECT id, staff_number, family_name, given_name, family_name_kana, given_name_kana, email, role, active,
              password_hash IS NOT NULL AS has_password, locked_until, photo_file_id
         FROM app_user WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw new AppException('org/staff_not_found');
    const memberships = await this.membershipsOf([id], em);
    return this.toStaff(rows[0], memberships.get(id) ?? [], at);
  }

  /** MembershipDirectory: a person's assignments in effect on a day, 本務 first. */
  async inEffect(userId: string, at: string): Promise<MembershipSummary[]> {
    const rows = (await this.membershipsOf([userId])).get(userId) ?? [];
    return rows
      .filter((m) => periodState({ validFrom: m.valid_from, validTo: m.valid_to }, at) === 'current')
      .map((m) => ({
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

  async create(actor: AuthUser, input: CreateStaffRequest): Promise<Staff> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const user = await this.users.create(em, {
        staffNumber: input.staffNumber,
        familyName: input.familyName,
        givenName: input.givenName,
        familyNameKana: input.familyNameKana,
        givenNameKana: input.givenNameKana,
        email: input.email ?? null,
        role: input.role ?? 'staff',
        password: input.initialPassword,
      });
      const { initialPassword: _secret, ...logged } = input;
      await this.audit.append(tx, {
        type: 'org.staff_created',
        actorId: actor.id,
        subject: user.id,
        data: { ...logged, withPassword: !!input.initialPassword },
      });
      return this.get(user.id, tokyoDate(), em);
    });
  }

  async update(actor: AuthUser, id: string, patch: UpdateStaffRequest): Promise<Staff> {
    return this.uow.run(async (tx) => {
      await this.users.update(tx.em, id, patch);
      // A disabled account is signed out everywhere at once.
      if (patch.active === false) await this.sessions.end(tx, { userId: id }, 'revoked');
      await this.audit.append(tx, {
        type: 'org.staff_updated',
        actorId: actor.id,
        subject: id,
        data: { ...patch },
      });
      return this.get(id, tokyoDate(), tx.em);
    });
  }

  async setPassword(actor: AuthUser, id: string, password: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const { em } = tx;
      await this.users.get(id, em);
      await this.users.setPassword(em, id, password);
      await this.audit.append(tx, { type: 'org.staff_password_set', actorId: actor.id, subject: id });
    });
  }

  async addMembership(actor: AuthUser, userId: string, input: CreateMembershipRequest): Promise<Staff> {
    try {
      return await this.uow.run(async (tx) => {
        const { em } = tx;
        await this.users.get(userId, em);
        const created = await this.insertMembership(em, userId, { ...input, validTo: input.validTo ?? null });
        await this.audit.append(tx, {
          type: 'org.membership_created',
          actorId: actor.id,
          subject: created.id,
          data: { userId, ...input },
        });
        return this.get(userId, tokyoDate(), em);
      });
    } catch (error) {
      if (isPrimaryOverlap(error)) throw new AppException('org/membership_overlap');
      throw error;
    }
  }

  /**
   * Inserts an assignment. A new 本務 ends the person's open-ended earlier 本務 the day before it starts, so an
   * April 1 transfer entered in March takes effect by itself. Used by the form, the CSV import and the seed.
   */
  async insertMembership(
    em: EntityManager,
    userId: string,
    input: {
      departmentId: string;
      positionId: string;
      isPrimary: boolean;
      validFrom: string;
      validTo: string | null;
    },
  ): Promise<MembershipEntity> {
    if (input.validTo && input.validTo < input.validFrom) throw new AppException('org/membership_dates');
    if (!(await em.existsBy(DepartmentEntity, { id: input.departmentId })))
      throw new AppException('org/department_not_found');
    if (!(await em.existsBy(PositionEntity, { id: input.positionId })))
      throw new AppException('org/position_not_found');
    if (input.isPrimary) {
      await em.query(
        `UPDATE membership SET valid_to = $3
          WHERE user_id = $1 AND is_primary AND valid_from < $2 AND (valid_to IS NULL OR valid_to >= $2)`,
        [userId, input.validFrom, addDays(input.validFrom, -1)],
      );
    }
    return em.save(em.create(MembershipEntity, { userId, ...input }));
  }

  async updateMembership(actor: AuthUser, id: string, patch: UpdateMembershipRequest): Promise<Staff> {
    try {
      return await this.uow.run(async (tx) => {
        const { em } = tx;
        const current = await this.requireMembership(em, id);
        if (patch.validTo && patch.validTo < current.validFrom)
          throw new AppException('org/membership_dates');
        await em.update(MembershipEntity, { id }, { validTo: patch.validTo });
        await this.audit.append(tx, {
          type: 'org.membership_updated',
          actorId: actor.id,
          subject: id,
          data: { userId: current.userId, ...patch },
        });
        return this.get(current.userId, tokyoDate(), em);
      });
    } catch (error) {
      if (isPrimaryOverlap(error)) throw new AppException('org/membership_overlap');
      throw error;
    }
  }

  async deleteMembership(actor: AuthUser, id: string): Promise<Staff> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const current = await this.requireMembership(em, id);
      await em.delete(MembershipEntity, { id });
      await this.audit.append(tx, {
        type: 'org.membership_deleted',
        actorId: actor.id,
        subject: id,
        data: { ...current },
      });
      return this.get(current.userId, tokyoDate(), em);
    });
  }

  private async requireMembership(em: EntityManager, id: string): Promise<MembershipEntity> {
    const found = await em.findOneBy(MembershipEntity, { id });
    if (!found) throw new AppException('org/membership_not_found');
    return found;
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
