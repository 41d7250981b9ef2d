import { randomUUID } from 'node:crypto';
import { type Ack, type Channel, type ChatChanges } from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  makeDepartment,
  makePosition,
  makeUser,
  TEST_PASSWORD,
} from '../../../../../tests/support/factories';
import { ok, type TestClient } from '../../../../../tests/support/http';
import { connectSocket, until, type TestSocket } from '../../../../../tests/support/sockets';
import { DepartmentEntity } from '../org/entities/department.entity';

type Client = TestSocket;

/**
 * Department channels follow the org chart by themselves: a transfer moves the person on its day, 兼務 puts them in
 * both, and connected sockets join and leave the rooms when an org change is in effect.
 */
describe('chat: department channels follow the org chart', () => {
  let t: TestApp;
  let admin: TestClient;
  const sockets: Client[] = [];

  const signedIn = async (staffNumber: string) => {
    const client = t.client();
    await client.signIn(staffNumber, TEST_PASSWORD);
    return client;
  };
  const channelsOf = async (client: TestClient) =>
    (await ok<{ items: Channel[] }>(client.get('/api/chat/channels'))).items;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await makeUser(t, { role: 'admin' });
    admin = await signedIn(a.staffNumber);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('moves a transferred person on the day, puts a 兼務 in both, and their open socket follows at once', async () => {
    const position = await makePosition(t);
    const tax = await makeDepartment(t, { name: '税務課' });
    const welfare = await makeDepartment(t, { name: '福祉課' });
    const kikaku = await makeDepartment(t, { name: '企画課' });
    const person = await makeUser(t, { department: tax, position });
    const colleague = await makeUser(t, { department: welfare, position });
    const client = await signedIn(person.staffNumber);
    const colleagueClient = await signedIn(colleague.staffNumber);
    const names = async () =>
      (await channelsOf(client))
        .filter((c) => c.kind === 'department')
        .map((c) => c.name)
        .sort();
    expect(await names()).toEqual(['税務課']);

    // Entered ahead: a transfer to 福祉課 from tomorrow changes nothing today.
    const [membership] = await t.dataSource.query(
      `SELECT id FROM membership WHERE user_id = $1 AND department_id = $2`,
      [person.id, tax.id],
    );
    // The person has been in 税務課 for a month.
    await t.dataSource.query(`UPDATE membership SET valid_from = $2 WHERE id = $1`, [
      membership.id,
      addDays(tokyoDate(), -30),
    ]);
    const tomorrow = addDays(tokyoDate(), 1);
    await ok(
      admin.post(`/api/org/staff/${person.id}/memberships`, {
        departmentId: welfare.id,
        positionId: position.id,
        isPrimary: false,
        validFrom: tomorrow,
      }),
      201,
    );
    expect(await names()).toEqual(['税務課']);

    // 兼務 from today: in both, and the open socket joins the new room without reconnecting.
    const socket = await connectSocket(t.url, client.cookie, sockets);
    await new Promise<Ack<unknown>>((resolve) => socket.emit('chat:subscribe', {}, resolve));
    const changes: ChatChanges[] = [];
    socket.on('chat:changes', (e) => changes.push(e));
    await ok(
      admin.post(`/api/org/staff/${person.id}/memberships`, {
        departmentId: kikaku.id,
        positionId: position.id,
        isPrimary: false,
        validFrom: tokyoDate(),
      }),
      201,
    );
    expect(await names()).toEqual(['企画課', '税務課']);
    const kikakuChannel = (await channelsOf(client)).find((c) => c.name === '企画課')!;
    const kikakuMember = await makeUser(t, { department: kikaku, position });
    const kikakuClient = await signedIn(kikakuMember.staffNumber);
    await until(async () => {
      await ok(
        kikakuClient.post(`/api/chat/channels/${kikakuChannel.id}/messages`, {
          clientId: randomUUID(),
          text: '歓迎',
        }),
        201,
      );
      return changes.some((e) => e.channelId === kikakuChannel.id);
    }, 'the socket receives the new department channel');

    // The transfer out of 税務課 ends today: gone from its channel at once; 福祉課's colleague cannot see 税務課.
    await ok(admin.patch(`/api/org/memberships/${membership.id}`, { validTo: addDays(tokyoDate(), -1) }));
    expect(await names()).toEqual(['企画課']);
    const taxChannelId = (
      await channelsOf(await signedIn((await makeUser(t, { department: tax, position })).staffNumber))
    ).find((c) => c.name === '税務課')!.id;
    expect((await client.get(`/api/chat/channels/${taxChannelId}/messages`)).status).toBe(404);
    // …and the open socket left its room: a later message there does not reach it, one in 企画課 does.
    const taxMember = await signedIn((await makeUser(t, { department: tax, position })).staffNumber);
    const secret = await ok<{ id: string }>(
      taxMember.post(`/api/chat/channels/${taxChannelId}/messages`, {
        clientId: randomUUID(),
        text: '税務課だけ',
      }),
      201,
    );
    const marker = await ok<{ id: string }>(
      kikakuClient.post(`/api/chat/channels/${kikakuChannel.id}/messages`, {
        clientId: randomUUID(),
        text: '目印',
      }),
      201,
    );
    await until(() => changes.some((e) => e.items.some((m) => m.id === marker.id)), 'the marker arrives');
    expect(changes.some((e) => e.items.some((m) => m.id === secret.id))).toBe(false);
    expect((await colleagueClient.get(`/api/chat/channels/${taxChannelId}`)).status).toBe(404);
  });

  it('makes a channel for a department created later, and shows the name it has today', async () => {
    const position = await makePosition(t);
    const created = await ok<{ id: string }>(
      admin.post('/api/org/departments', {
        code: `NEW${Date.now() % 100000}`,
        name: '新設課',
        nameKana: 'シンセツカ',
        parentId: null,
        kind: 'division',
      }),
      201,
    );
    const department = await t.dataSource.getRepository(DepartmentEntity).findOneByOrFail({ id: created.id });
    const member = await makeUser(t, { department, position });
    const client = await signedIn(member.staffNumber);
    const departmentNames = async () =>
      (await channelsOf(client)).filter((c) => c.kind === 'department').map((c) => c.name);
    expect(await departmentNames()).toEqual(['新設課']);
    await ok(admin.patch(`/api/org/departments/${created.id}`, { name: '未来創造課' }));
    expect(await departmentNames()).toEqual(['未来創造課']);
  });
});
