import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale, Role } from '@ringi/contracts';
import { PasswordHasher } from '../../core/auth/password-hasher';
import { AppException } from '../../core/errors/app.exception';
import { UserEntity } from './user.entity';

export interface NewUser {
  staffNumber: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string | null;
  role: Role;
  password?: string;
  passwordHash?: string;
}

export type UserPatch = Partial<
  Pick<
    UserEntity,
    | 'familyName'
    | 'givenName'
    | 'familyNameKana'
    | 'givenNameKana'
    | 'email'
    | 'role'
    | 'active'
    | 'locale'
    | 'photoFileId'
  >
>;

/** Accounts: the writes other modules (org's staff administration, the seed) make to users. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    const user = await em.findOneBy(UserEntity, { id });
    if (!user) throw new AppException('org/staff_not_found');
    return user;
  }

  /** The account with this staff number, if any (the CSV import matches rows to people by it). */
  findByStaffNumber(em: EntityManager, staffNumber: string): Promise<UserEntity | null> {
    return em.findOneBy(UserEntity, { staffNumber });
  }

  async create(em: EntityManager, input: NewUser): Promise<UserEntity> {
    const taken = await em.existsBy(UserEntity, { staffNumber: input.staffNumber });
    if (taken) throw new AppException('org/staff_number_taken');
    const passwordHash =
      input.passwordHash ?? (input.password ? await this.hasher.hash(input.password) : null);
    const { password: _password, ...fields } = input;
    return em.save(em.create(UserEntity, { ...fields, passwordHash }));
  }

  /**
   * Changes an account. A change that would take away the last active administrator (demotion or
   * deactivation) is refused with 409 `org/last_admin`; call it inside a unit of work so the check holds.
   */
  async update(em: EntityManager, id: string, patch: UserPatch): Promise<UserEntity> {
    await this.get(id, em);
    if ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false)
      await this.keepAnAdministrator(em, id);
    if (Object.keys(patch).length)
      await em.update(UserEntity, { id }, { ...patch, updatedAt: () => 'now()' });
    return this.get(id, em);
  }

  /**
   * Refuses to let `id` stop being an active administrator when it is the last one. The administrators' rows are
   * locked first (in one order, so two such changes cannot deadlock): two administrators demoting each other at
   * the same moment are serialised, and the second sees that only one administrator is left.
   */
  private async keepAnAdministrator(em: EntityManager, id: string): Promise<void> {
    const admins: { id: string }[] = await em.query(
      `SELECT id FROM app_user WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`,
    );
    if (admins.some((a) => a.id === id) && admins.length < 2) throw new AppException('org/last_admin');
  }

  /** Sets a new password and lifts any lockout. */
  async setPassword(em: EntityManager, id: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await em.update(
      UserEntity,
      { id },
      { passwordHash, failedSignIns: 0, lockedUntil: null, updatedAt: () => 'now()' },
    );
  }

  async verifyPassword(id: string, password: string): Promise<boolean> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
    return this.hasher.verify(user?.passwordHash ?? null, password);
  }

  async setLocale(id: string, locale: Locale): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { locale });
  }
}
