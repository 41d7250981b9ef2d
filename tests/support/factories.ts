import { randomBytes } from 'node:crypto';
import type { Role } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { UnitOfWork } from '../../apps/api/src/core/database/unit-of-work';
import { UsersService } from '../../apps/api/src/modules/identity/users.service';
import { DepartmentEntity } from '../../apps/api/src/modules/org/entities/department.entity';
import { PositionEntity } from '../../apps/api/src/modules/org/entities/position.entity';
import { StaffService } from '../../apps/api/src/modules/org/staff.service';
import type { TestApp } from './app';

export const TEST_PASSWORD = 'correct-horse-battery';
let counter = 0;
const unique = () =>
  `${Date.now().toString(36).slice(-4)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`.toUpperCase();

export async function makeDepartment(
  t: TestApp,
  patch: Partial<DepartmentEntity> = {},
): Promise<DepartmentEntity> {
  const repo = t.dataSource.getRepository(DepartmentEntity);
  return repo.save(
    repo.create({
      code: `D${unique()}`,
      name: 'テスト課',
      nameKana: 'テストカ',
      kind: 'division',
      sortOrder: 0,
      active: true,
      parentId: null,
      ...patch,
    }),
  );
}

export async function makePosition(t: TestApp, patch: Partial<PositionEntity> = {}): Promise<PositionEntity> {
  const repo = t.dataSource.getRepository(PositionEntity);
  return repo.save(repo.create({ code: `P${unique()}`, name: '主事', nameEn: 'Staff', rank: 10, ...patch }));
}

/** A member of staff with a password and, unless told otherwise, a primary assignment from today. */
export async function makeUser(
  t: TestApp,
  options: {
    role?: Role;
    password?: string | null;
    staffNumber?: string;
    department?: DepartmentEntity;
    position?: PositionEntity;
  } = {},
) {
  const users = t.app.get(UsersService);
  const uow = t.app.get(UnitOfWork);
  const user = await uow.run(({ em }) =>
    users.create(em, {
      staffNumber: options.staffNumber ?? unique().slice(0, 12),
      familyName: '試験',
      givenName: '太郎',
      familyNameKana: 'シケン',
      givenNameKana: 'タロウ',
      email: null,
      role: options.role ?? 'staff',
      password: options.password === null ? undefined : (options.password ?? TEST_PASSWORD),
    }),
  );
  const department = options.department ?? (await makeDepartment(t));
  const position = options.position ?? (await makePosition(t));
  await uow.run(({ em }) =>
    t.app.get(StaffService).insertMembership(em, user.id, {
      departmentId: department.id,
      positionId: position.id,
      isPrimary: true,
      validFrom: tokyoDate(),
      validTo: null,
    }),
  );
  return { ...user, department, position };
}

/** A signed-in client for a new user. */
export async function signedInClient(t: TestApp, options: { role?: Role; locale?: 'ja' | 'en' } = {}) {
  const user = await makeUser(t, { role: options.role });
  const client = t.client({ locale: options.locale });
  await client.signIn(user.staffNumber, TEST_PASSWORD);
  return { user, client };
}
