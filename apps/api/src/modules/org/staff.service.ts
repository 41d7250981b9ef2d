import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type {
  CreateMembershipRequest,
  CreateStaffRequest,
  Staff,
  UpdateMembershipRequest,
  UpdateStaffRequest,
} from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { SessionsService } from '../../core/auth/sessions.service';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { UsersService } from '../identity/users.service';
import { DepartmentEntity } from './entities/department.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PositionEntity } from './entities/position.entity';
import { announceOrgChange } from './org.events';
import { StaffReadService } from './staff-read.service';

/** Is this error the database refusing a second primary assignment for the same days? */
export function isPrimaryOverlap(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string }).constraint === 'membership_one_primary'
  );
}

/**
 * Staff administration: people, their accounts and their effective-dated assignments (発令). Answers with the
 * person as administrators see them (read through `StaffReadService`).
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly users: UsersService,
    private readonly reader: StaffReadService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly events: EventEmitter2,
  ) {}

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
      return this.reader.get(user.id, tokyoDate(), em);
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
      return this.reader.get(id, tokyoDate(), tx.em);
    });
  }

  /**
   * An administrator sets a person's password (forgotten, or a suspected leak): every session of that person
   * ends in the same unit of work, and their sockets close after commit. (An administrator setting their own
   * password here keeps the session they are using, as with their own password change.)
   */
  async setPassword(actor: AuthUser, id: string, password: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const { em } = tx;
      await this.users.get(id, em);
      await this.users.setPassword(em, id, password);
      const ended = await this.sessions.end(
        tx,
        { userId: id, exceptId: actor.id === id ? actor.sessionId : undefined },
        'password_changed',
      );
      await this.audit.append(tx, {
        type: 'org.staff_password_set',
        actorId: actor.id,
        subject: id,
        data: { endedSessions: ended.length },
      });
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
        announceOrgChange(tx, this.events, input.validFrom);
        return this.reader.get(userId, tokyoDate(), em);
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
        announceOrgChange(tx, this.events, patch.validTo ? addDays(patch.validTo, 1) : tokyoDate());
        return this.reader.get(current.userId, tokyoDate(), em);
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
      announceOrgChange(tx, this.events);
      return this.reader.get(current.userId, tokyoDate(), em);
    });
  }

  private async requireMembership(em: EntityManager, id: string): Promise<MembershipEntity> {
    const found = await em.findOneBy(MembershipEntity, { id });
    if (!found) throw new AppException('org/membership_not_found');
    return found;
  }
}
