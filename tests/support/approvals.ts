import type { ApprovalDocument } from '@ringi/contracts';
import { UnitOfWork } from '../../apps/api/src/core/database/unit-of-work';
import { ApprovalsSeeder } from '../../apps/api/src/modules/approvals/seed/approvals.seeder';
import type { TestApp } from './app';
import { makeDepartment, makePosition, makeUser, TEST_PASSWORD } from './factories';
import type { TestClient } from './http';

/** The demo templates and 専決規程 (its positions found by code: create the positions first). */
export async function seedApprovalTemplates(t: TestApp): Promise<void> {
  await t.app.get(UnitOfWork).run((tx) => t.app.get(ApprovalsSeeder).seed(tx));
}

async function signIn(t: TestApp, staffNumber: string): Promise<TestClient> {
  const client = t.client();
  await client.signIn(staffNumber, TEST_PASSWORD);
  return client;
}

export type Person = Awaited<ReturnType<typeof makeUser>> & { client: TestClient };

/**
 * A small town for approvals: 町長室 (町長, 副町長) as a root office, 総務課 (課長) with 総務係 (係長, two 主事),
 * another 財政課 with a 主事 (an outsider to 総務's documents), and an administrator; the demo templates and
 * 専決規程 seeded. Every person comes with a signed-in client.
 */
export async function makeApprovalTown(t: TestApp) {
  const mayorPos = await makePosition(t, { code: 'MAYOR', name: '町長', nameEn: 'Mayor', rank: 1 });
  const deputyPos = await makePosition(t, {
    code: 'DEPUTY',
    name: '副町長',
    nameEn: 'Deputy Mayor',
    rank: 2,
  });
  const chiefPos = await makePosition(t, { code: 'KACHO', name: '課長', nameEn: 'Division Chief', rank: 5 });
  const leaderPos = await makePosition(t, {
    code: 'KAKARICHO',
    name: '係長',
    nameEn: 'Section Chief',
    rank: 7,
  });
  const clerkPos = await makePosition(t, { code: 'SHUJI', name: '主事', nameEn: 'Staff', rank: 10 });
  const office = await makeDepartment(t, { name: '町長室', kind: 'office' });
  const division = await makeDepartment(t, { name: '総務課', kind: 'division' });
  const section = await makeDepartment(t, { name: '総務係', kind: 'section', parentId: division.id });
  const finance = await makeDepartment(t, { name: '財政課', kind: 'division' });
  const person = async (
    department: typeof office,
    position: typeof mayorPos,
    role: 'staff' | 'admin' = 'staff',
  ): Promise<Person> => {
    const user = await makeUser(t, { department, position, role });
    return { ...user, client: await signIn(t, user.staffNumber) };
  };
  const town = {
    positions: { mayor: mayorPos, deputy: deputyPos, chief: chiefPos, leader: leaderPos, clerk: clerkPos },
    departments: { office, division, section, finance },
    mayor: await person(office, mayorPos),
    deputy: await person(office, deputyPos),
    chief: await person(division, chiefPos),
    leader: await person(section, leaderPos),
    clerk: await person(section, clerkPos),
    clerk2: await person(section, clerkPos),
    outsider: await person(finance, clerkPos),
    admin: await person(finance, clerkPos, 'admin'),
  };
  await seedApprovalTemplates(t);
  return town;
}

export type ApprovalTown = Awaited<ReturnType<typeof makeApprovalTown>>;

/** A document action as the web app sends it: with the `lockVersion` it saw, and an `Idempotency-Key` if given. */
export function act(
  client: TestClient,
  doc: ApprovalDocument,
  action: Record<string, unknown>,
  key?: string,
) {
  return client.request<ApprovalDocument>('POST', `/api/approvals/documents/${doc.id}/actions`, {
    json: { action, lockVersion: doc.lockVersion },
    headers: key ? { 'idempotency-key': key } : {},
  });
}

/** The document a response carries, which must have this status (else the test fails with the answer). */
export async function ok(
  res: Promise<{ status: number; body: ApprovalDocument; text: string }>,
  status = 200,
): Promise<ApprovalDocument> {
  const r = await res;
  if (r.status !== status) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

/** Every step of the route, stage after stage. */
export const steps = (doc: ApprovalDocument) => doc.stages.flatMap((s) => s.steps);

/** The id of the first active step. */
export const activeStep = (doc: ApprovalDocument) =>
  steps(doc).find((s) => s.status === 'active')?.id as string;

/** The id of the active step this person holds. */
export const activeFor = (doc: ApprovalDocument, who: { id: string }) =>
  steps(doc).find((s) => s.status === 'active' && s.holders.some((h) => h.id === who.id))?.id as string;
