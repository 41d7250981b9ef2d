import type { Deputy, DeputyList, OwnDeputies } from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  TEST_PASSWORD,
  makeDepartment,
  makePosition,
  makeUser,
  signedInClient,
} from '../../../../../tests/support/factories';
import { OrgChartService } from './org-chart.service';
import { DeputiesService } from './deputies.service';

describe('deputies (代決者)', () => {
  let t: TestApp;
  let chart: OrgChartService;
  let admin: Awaited<ReturnType<typeof signedInClient>>['client'];
  const today = tokyoDate();
  const nextWeek = addDays(today, 7);
  beforeAll(async () => {
    t = await startTestApp();
    chart = t.app.get(OrgChartService);
    admin = (await signedInClient(t, { role: 'admin' })).client;
  });
  afterAll(() => t.close());

  async function signedIn(user: { staffNumber: string }) {
    const client = t.client();
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    return client;
  }

  it('lets a person register who covers them next week, and answers deputiesOf / principalsOf by the day', async () => {
    const chief = await makeUser(t);
    const assistant = await makeUser(t);
    const me = await signedIn(chief);

    const res = await me.post<Deputy>('/api/me/deputies', {
      deputyUserId: assistant.id,
      validFrom: nextWeek,
      validTo: addDays(nextWeek, 4),
      reason: '出張',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      principalUserId: chief.id,
      source: 'self',
      state: 'future',
      reason: '出張',
    });

    expect(await chart.deputiesOf(chief.id, today)).toEqual([]);
    expect(await chart.deputiesOf(chief.id, nextWeek)).toEqual([assistant.id]);
    expect(await chart.deputiesOf(chief.id, addDays(nextWeek, 5))).toEqual([]);
    expect(await chart.principalsOf(assistant.id, nextWeek)).toEqual([chief.id]);

    const mine = await me.get<OwnDeputies>('/api/me/deputies');
    expect(mine.body.items.map((d) => d.id)).toEqual([res.body.id]);
    const theirs = await (await signedIn(assistant)).get<OwnDeputies>('/api/me/deputies');
    expect(theirs.body.actingFor.map((d) => d.id)).toEqual([res.body.id]);
    expect(
      (
        await t.dataSource.query(
          `SELECT 1 FROM audit_event WHERE type = 'org.deputy_registered' AND subject = $1`,
          [res.body.id],
        )
      ).length,
    ).toBe(1);
  });

  it('finds deputies registered for a position of a department for whoever holds it that day (兼務 too)', async () => {
    const department = await makeDepartment(t);
    const chiefPost = await makePosition(t, { name: '課長', rank: 5 });
    const chief = await makeUser(t, { department, position: chiefPost });
    const deputy = await makeUser(t);
    const res = await admin.post<Deputy>('/api/org/deputies', {
      principalPositionId: chiefPost.id,
      principalDepartmentId: department.id,
      deputyUserId: deputy.id,
      validFrom: today,
      validTo: null,
      reason: '課長不在時の代決',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ principalPositionName: '課長', principalDepartmentName: 'テスト課' });
    expect(await chart.deputiesOf(chief.id, today)).toEqual([deputy.id]);
    expect(await chart.principalsOf(deputy.id, today)).toEqual([chief.id]);

    const listed = await admin.get<DeputyList>(`/api/org/deputies?userId=${deputy.id}`);
    expect(listed.body.items.map((d) => d.id)).toEqual([res.body.id]);
  });

  it('ends a period (the deputy no longer acts after the last day) and deletes one that has not begun', async () => {
    const principal = await makeUser(t);
    const deputy = await makeUser(t);
    const running = await admin.post<Deputy>('/api/org/deputies', {
      principalUserId: principal.id,
      deputyUserId: deputy.id,
      validFrom: today,
    });
    const ended = await admin.post<Deputy>(`/api/org/deputies/${running.body.id}/end`, { lastDay: today });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ validTo: today, state: 'current' });
    expect(await chart.deputiesOf(principal.id, addDays(today, 1))).toEqual([]);
    expect((await admin.delete(`/api/org/deputies/${running.body.id}`)).status).toBe(409);

    const ahead = await admin.post<Deputy>('/api/org/deputies', {
      principalUserId: principal.id,
      deputyUserId: deputy.id,
      validFrom: nextWeek,
    });
    expect((await admin.delete(`/api/org/deputies/${ahead.body.id}`)).status).toBe(204);
    expect(await chart.deputiesOf(principal.id, nextWeek)).toEqual([]);
    const types = await t.dataSource.query(
      `SELECT type FROM audit_event WHERE subject = ANY($1) ORDER BY id`,
      [[running.body.id, ahead.body.id]],
    );
    expect(types.map((r: { type: string }) => r.type)).toEqual([
      'org.deputy_registered',
      'org.deputy_ended',
      'org.deputy_registered',
      'org.deputy_cancelled',
    ]);
  });

  it('refuses oneself as deputy, an overlapping period, and an end before the start', async () => {
    const principal = await makeUser(t);
    const deputy = await makeUser(t);
    const me = await signedIn(principal);
    const self = await me.post('/api/me/deputies', { deputyUserId: principal.id, validFrom: today });
    expect(self.status).toBe(400);
    expect(self.body).toMatchObject({ code: 'org/deputy_self' });
    const first = await me.post<Deputy>('/api/me/deputies', { deputyUserId: deputy.id, validFrom: today });
    expect(first.status).toBe(201);
    const overlap = await me.post('/api/me/deputies', {
      deputyUserId: deputy.id,
      validFrom: nextWeek,
      validTo: addDays(nextWeek, 1),
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({ code: 'org/deputy_overlap' });
    const backwards = await me.post(`/api/me/deputies/${first.body.id}/end`, { lastDay: addDays(today, -1) });
    expect(backwards.status).toBe(400);
  });

  it('keeps another person’s deputies out of reach through /api/me (404) and admin routes from staff (403)', async () => {
    const owner = await makeUser(t);
    const deputy = await makeUser(t);
    const stranger = await signedIn(await makeUser(t));
    const registered = await (
      await signedIn(owner)
    ).post<Deputy>('/api/me/deputies', {
      deputyUserId: deputy.id,
      validFrom: nextWeek,
    });
    expect(
      (await stranger.post(`/api/me/deputies/${registered.body.id}/end`, { lastDay: nextWeek })).status,
    ).toBe(404);
    expect((await stranger.delete(`/api/me/deputies/${registered.body.id}`)).status).toBe(404);
    // The deputy sees it but cannot change it either.
    expect((await (await signedIn(deputy)).delete(`/api/me/deputies/${registered.body.id}`)).status).toBe(
      404,
    );

    expect((await stranger.get('/api/org/deputies')).status).toBe(403);
    expect(
      (
        await stranger.post('/api/org/deputies', {
          principalUserId: owner.id,
          deputyUserId: deputy.id,
          validFrom: today,
        })
      ).status,
    ).toBe(403);
    expect(
      (await stranger.post(`/api/org/deputies/${registered.body.id}/end`, { lastDay: nextWeek })).status,
    ).toBe(403);
    expect((await stranger.delete(`/api/org/deputies/${registered.body.id}`)).status).toBe(403);
    expect(await chart.deputiesOf(owner.id, nextWeek)).toEqual([deputy.id]);
  });

  it('registers a deputy period for attendance inside a unit of work, audited with no actor', async () => {
    const principal = await makeUser(t);
    const deputy = await makeUser(t);
    const saved = await t.app.get(DeputiesService).registerDeputyPeriod({
      principalUserId: principal.id,
      deputyUserId: deputy.id,
      validFrom: nextWeek,
      validTo: nextWeek,
      reason: '年次休暇',
      source: 'leave',
      actorId: null,
    });
    expect(saved).toMatchObject({ source: 'leave', validFrom: nextWeek, validTo: nextWeek });
    expect(await chart.deputiesOf(principal.id, nextWeek)).toEqual([deputy.id]);
  });

  it('refuses a registration naming both a person and a position with 400', async () => {
    const department = await makeDepartment(t);
    const position = await makePosition(t);
    const principal = await makeUser(t);
    const deputy = await makeUser(t);
    const res = await admin.post('/api/org/deputies', {
      principalUserId: principal.id,
      principalPositionId: position.id,
      principalDepartmentId: department.id,
      deputyUserId: deputy.id,
      validFrom: today,
    });
    expect(res.status).toBe(400);
  });
});
