import { randomUUID } from 'node:crypto';
import { type Channel, type ChatChanges, type ChatMessage } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  makeDepartment,
  makePosition,
  makeUser,
  TEST_PASSWORD,
} from '../../../../../tests/support/factories';
import { ok, type TestClient } from '../../../../../tests/support/http';
import { ChatPresenceService } from './chat-presence.service';
import { connectSocket, emitAck, until, within, type TestSocket } from '../../../../../tests/support/sockets';

type Client = TestSocket;
interface Person {
  id: string;
  client: TestClient;
}

describe('chat: channels, messages, order, catch-up and access', () => {
  let t: TestApp;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let outsider: Person;
  let admin: Person;
  const sockets: Client[] = [];

  const person = async (patch: Parameters<typeof makeUser>[1] = {}): Promise<Person> => {
    const user = await makeUser(t, patch);
    const client = t.client();
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    return { id: user.id, client };
  };

  const connect = (who: Person): Promise<Client> => connectSocket(t.url, who.client.cookie, sockets);

  const emit = emitAck;

  const subscribe = async (socket: Client) => {
    const ack = await emit<{ channels: Channel[] }>(socket, 'chat:subscribe', {});
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data.channels;
  };

  /** Collects every `chat:changes` message a socket receives, by id, keeping the latest state. */
  const collect = (socket: Client) => {
    const events: ChatChanges[] = [];
    socket.on('chat:changes', (e) => events.push(e));
    return events;
  };

  const send = (who: Person, channelId: string, text: string, extra: Record<string, unknown> = {}) =>
    ok<ChatMessage>(
      who.client.post(`/api/chat/channels/${channelId}/messages`, { clientId: randomUUID(), text, ...extra }),
      201,
    );

  let privateChannel: Channel;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.CHAT_LOG ?? 'silent' });
    [alice, bob, carol, outsider] = [await person(), await person(), await person(), await person()];
    admin = await person({ role: 'admin' });
    privateChannel = await ok<Channel>(
      alice.client.post('/api/chat/channels', { name: '予算の打合せ', kind: 'private', memberIds: [bob.id] }),
      201,
    );
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('gives everyone the all-staff channel, and creates private channels with their owner', async () => {
    const mine = await ok<{ items: Channel[] }>(carol.client.get('/api/chat/channels'));
    expect(mine.items.map((c) => c.kind)).toContain('all_staff');
    expect(mine.items.find((c) => c.kind === 'all_staff')!.name).toBe('全庁');
    const alices = await ok<{ items: Channel[] }>(alice.client.get('/api/chat/channels'));
    const mineCreated = alices.items.find((c) => c.id === privateChannel.id)!;
    expect(mineCreated).toMatchObject({ kind: 'private', member: true, canManage: true, memberCount: 2 });
  });

  it('keeps a private channel from everyone else, administrators included, by REST, socket and search', async () => {
    await send(alice, privateChannel.id, '秘密の会議の件');
    for (const who of [outsider, admin]) {
      expect((await who.client.get(`/api/chat/channels/${privateChannel.id}`)).status).toBe(404);
      expect((await who.client.get(`/api/chat/channels/${privateChannel.id}/messages`)).status).toBe(404);
      expect((await who.client.get(`/api/chat/channels/${privateChannel.id}/changes?after=0`)).status).toBe(
        404,
      );
      expect((await who.client.get(`/api/chat/channels/${privateChannel.id}/members`)).status).toBe(404);
      expect((await who.client.post(`/api/chat/channels/${privateChannel.id}/join`, {})).status).toBe(404);
      expect(
        (
          await who.client.post(`/api/chat/channels/${privateChannel.id}/messages`, {
            clientId: randomUUID(),
            text: 'x',
          })
        ).status,
      ).toBe(404);
      const search = await ok<{ total: number }>(
        who.client.get(`/api/chat/search?q=${encodeURIComponent('会議')}`),
      );
      expect(search.total).toBe(0);
      const socket = await connect(who);
      const channels = await subscribe(socket);
      expect(channels.map((c) => c.id)).not.toContain(privateChannel.id);
      const sent = await emit(socket, 'chat:send', {
        channelId: privateChannel.id,
        clientId: randomUUID(),
        text: 'x',
      });
      expect(sent.ok).toBe(false);
      const typing = await emit(socket, 'chat:typing', { channelId: privateChannel.id });
      expect(typing.ok).toBe(false);
    }
    const hits = await ok<{ total: number }>(
      bob.client.get(`/api/chat/search?q=${encodeURIComponent('会議')}`),
    );
    expect(hits.total).toBe(1);
  });

  it('delivers in one order to everyone, after commit, and a resend with the same client id adds nothing', async () => {
    const [a, b] = [await connect(alice), await connect(bob)];
    await subscribe(a);
    await subscribe(b);
    const seenByBob = collect(b);
    const clientId = randomUUID();
    const first = await emit<{ message: ChatMessage }>(a, 'chat:send', {
      channelId: privateChannel.id,
      clientId,
      text: '一通目',
    });
    const again = await emit<{ message: ChatMessage }>(a, 'chat:send', {
      channelId: privateChannel.id,
      clientId,
      text: '一通目',
    });
    if (!first.ok || !again.ok) throw new Error('send failed');
    expect(again.data.message.id).toBe(first.data.message.id);
    // Twenty messages at once from two senders: the same order for everyone, no gap, no duplicate.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        emit(i % 2 ? a : b, 'chat:send', {
          channelId: privateChannel.id,
          clientId: randomUUID(),
          text: `m${i}`,
        }),
      ),
    );
    const page = await ok<{ items: ChatMessage[] }>(
      carol.client.get(`/api/chat/channels/${privateChannel.id}/messages`),
    ).catch(() => null);
    expect(page).toBeNull(); // carol is not a member
    const all = await ok<{ items: ChatMessage[] }>(
      alice.client.get(`/api/chat/channels/${privateChannel.id}/messages?limit=100`),
    );
    const seqs = all.items.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.at(-1)! - seqs[0]! + 1).toBe(seqs.length);
    await until(() => seenByBob.flatMap((e) => e.items).length >= 21, 'bob received all 21');
    const received = seenByBob.flatMap((e) => e.items);
    expect(received.map((m) => m.id)).toEqual(all.items.slice(-21).map((m) => m.id));
    const changeSeqs = received.map((m) => m.changeSeq);
    expect(changeSeqs).toEqual([...changeSeqs].sort((x, y) => x - y));
  });

  it('catches up a client that was away: new messages, edits, deletions, reactions and replies to old ones', async () => {
    const channel = await ok<Channel>(alice.client.get(`/api/chat/channels/${privateChannel.id}`));
    const from = channel.changeSeq;
    const old = await send(alice, privateChannel.id, '古いメッセージ');
    const afterOld = (await ok<Channel>(bob.client.get(`/api/chat/channels/${privateChannel.id}`))).changeSeq;
    // Bob is away now; these happen without him.
    await ok(
      alice.client.patch(`/api/chat/channels/${privateChannel.id}/messages/${old.id}`, {
        text: '直しました',
      }),
    );
    const reply = await send(alice, privateChannel.id, 'スレッドの返信', { threadRootId: old.id });
    await ok(
      alice.client.post(`/api/chat/channels/${privateChannel.id}/messages/${old.id}/reactions`, {
        emoji: '👍',
        on: true,
      }),
    );
    const gone = await send(alice, privateChannel.id, '消すメッセージ');
    expect(
      (await alice.client.delete(`/api/chat/channels/${privateChannel.id}/messages/${gone.id}`)).status,
    ).toBe(204);
    const fresh = await send(alice, privateChannel.id, '新しいメッセージ');

    const changes = await ok<ChatChanges>(
      bob.client.get(`/api/chat/channels/${privateChannel.id}/changes?after=${afterOld}`),
    );
    const byId = new Map(changes.items.map((m) => [m.id, m]));
    expect(byId.get(old.id)).toMatchObject({ text: '直しました', replyCount: 1 });
    expect(byId.get(old.id)!.editedAt).not.toBeNull();
    expect(byId.get(old.id)!.reactions).toEqual([{ emoji: '👍', userIds: [alice.id] }]);
    expect(byId.get(reply.id)).toMatchObject({ threadRootId: old.id, text: 'スレッドの返信' });
    expect(byId.get(gone.id)).toMatchObject({ text: '' });
    expect(byId.get(gone.id)!.deletedAt).not.toBeNull();
    expect(byId.get(fresh.id)).toMatchObject({ text: '新しいメッセージ' });
    expect(changes.more).toBe(false);
    // Paged in small steps from the start it ends at the same place, each message in its latest state once.
    let after = from;
    const paged = new Map<string, ChatMessage>();
    for (;;) {
      const page = await ok<ChatChanges>(
        bob.client.get(`/api/chat/channels/${privateChannel.id}/changes?after=${after}&limit=2`),
      );
      for (const m of page.items) paged.set(m.id, m);
      after = page.changeSeq;
      if (!page.more) break;
    }
    expect(after).toBe(changes.changeSeq);
    expect(paged.get(old.id)).toEqual(byId.get(old.id));
  });

  it('counts unread messages and mentions, and marking read reaches my other devices', async () => {
    const channel = await ok<Channel>(
      alice.client.post('/api/chat/channels', { name: '連絡用', kind: 'public', memberIds: [bob.id] }),
      201,
    );
    const bobPhone = await connect(bob);
    const reads: unknown[] = [];
    bobPhone.on('chat:read', (e) => reads.push(e));
    await send(alice, channel.id, 'おはようございます');
    const second = await send(alice, channel.id, `<@${bob.id}> さん、資料をお願いします`);
    let mine = await ok<Channel>(bob.client.get(`/api/chat/channels/${channel.id}`));
    expect(mine).toMatchObject({ unreadCount: 2, mentionCount: 1 });
    expect(second.mentionIds).toEqual([bob.id]);
    const marked = await ok<{ unreadCount: number }>(
      bob.client.post(`/api/chat/channels/${channel.id}/read`, { seq: second.seq }),
    );
    expect(marked).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    await until(() => reads.length > 0, 'chat:read on the other device');
    mine = await ok<Channel>(bob.client.get(`/api/chat/channels/${channel.id}`));
    expect(mine).toMatchObject({ unreadCount: 0, lastReadSeq: second.seq });
    // A mention notifies the person in the app (after commit, so it may come a moment later).
    await until(
      async () =>
        (
          await ok<{ items: { kind: string; link: string }[] }>(bob.client.get('/api/me/notifications'))
        ).items.some((n) => n.kind === 'chat.mention' && n.link.includes(second.id)),
      'the mention notified',
      30_000,
    );
  });

  it('notifies direct messages and thread replies, and nothing in a channel set to none', async () => {
    const notes = async (who: Person) =>
      (
        await ok<{ items: { kind: string; link: string }[] }>(
          who.client.get('/api/me/notifications?pageSize=100'),
        )
      ).items;
    const waitFor = (who: Person, kind: string, linkPart: string) =>
      until(
        async () => (await notes(who)).some((n) => n.kind === kind && n.link.includes(linkPart)),
        `a ${kind} notification for ${linkPart}`,
        30_000,
      );
    const dm = await ok<Channel>(alice.client.post('/api/chat/direct', { userIds: [carol.id] }), 201);
    expect(dm).toMatchObject({ kind: 'direct', memberCount: 2 });
    expect(dm.directMembers.map((p) => p.id)).toEqual([carol.id]);
    // The same pair always has the one direct channel.
    expect((await ok<Channel>(carol.client.post('/api/chat/direct', { userIds: [alice.id] }), 201)).id).toBe(
      dm.id,
    );
    const hello = await send(alice, dm.id, 'お疲れさまです');
    await waitFor(carol, 'chat.direct', hello.id);

    const root = await send(alice, privateChannel.id, 'スレッドを始めます');
    const reply = await send(bob, privateChannel.id, '了解です', { threadRootId: root.id });
    await waitFor(alice, 'chat.thread_reply', reply.id);

    // An edit that adds a mention tells the person it now mentions.
    const later = await send(alice, privateChannel.id, 'あとで確認してください');
    await ok(
      alice.client.patch(`/api/chat/channels/${privateChannel.id}/messages/${later.id}`, {
        text: `<@${bob.id}> あとで確認してください`,
      }),
    );
    await waitFor(bob, 'chat.mention', later.id);

    await ok(carol.client.put(`/api/chat/channels/${dm.id}/notify`, { notify: 'none' }));
    const quiet = await send(alice, dm.id, `<@${carol.id}> 静かに`);
    const marker = await send(alice, privateChannel.id, `<@${bob.id}> 目印`);
    await waitFor(bob, 'chat.mention', marker.id); // notifications of later messages have arrived
    expect((await notes(carol)).some((n) => n.link.includes(quiet.id))).toBe(false);
  });

  it('shows who has read and who has confirmed, and lets the sender remind the others', async () => {
    const channel = await ok<Channel>(
      alice.client.post('/api/chat/channels', {
        name: '確認のお願い',
        kind: 'private',
        memberIds: [bob.id, carol.id],
      }),
      201,
    );
    await ok(alice.client.patch(`/api/chat/channels/${channel.id}`, { receiptsEnabled: true }));
    expect(
      (await bob.client.patch(`/api/chat/channels/${channel.id}`, { receiptsEnabled: false })).status,
    ).toBe(403);
    const msg = await send(alice, channel.id, '明日の防災訓練は9時からです', { ackRequested: true });
    await ok(bob.client.post(`/api/chat/channels/${channel.id}/read`, { seq: msg.seq }));
    const receipts = await ok<{ done: { person: { id: string } }[]; notYet: { id: string }[] }>(
      alice.client.get(`/api/chat/channels/${channel.id}/messages/${msg.id}/receipts`),
    );
    expect(receipts.done.map((d) => d.person.id)).toEqual([bob.id]);
    expect(receipts.notYet.map((p) => p.id)).toEqual([carol.id]);
    const states = await ok<{ items: { userId: string; lastReadSeq: number }[] }>(
      alice.client.get(`/api/chat/channels/${channel.id}/read-states`),
    );
    expect(states.items.find((r) => r.userId === bob.id)?.lastReadSeq).toBe(msg.seq);
    expect(states.items.find((r) => r.userId === carol.id)?.lastReadSeq).toBe(0);
    expect(states.items.map((r) => r.userId)).not.toContain(alice.id);
    expect((await outsider.client.get(`/api/chat/channels/${channel.id}/read-states`)).status).toBe(404);
    const acked = await ok<ChatMessage>(
      bob.client.post(`/api/chat/channels/${channel.id}/messages/${msg.id}/ack`, {}),
    );
    expect(acked.ackCount).toBe(1);
    await ok(bob.client.post(`/api/chat/channels/${channel.id}/messages/${msg.id}/ack`, {}));
    const acks = await ok<{ done: { person: { id: string } }[]; notYet: { id: string }[] }>(
      alice.client.get(`/api/chat/channels/${channel.id}/messages/${msg.id}/acks`),
    );
    expect(acks.done.map((d) => d.person.id)).toEqual([bob.id]);
    expect(acks.notYet.map((p) => p.id)).toEqual([carol.id]);
    expect(
      (await bob.client.post(`/api/chat/channels/${channel.id}/messages/${msg.id}/acks/remind`, {})).status,
    ).toBe(403);
    expect(
      await ok(alice.client.post(`/api/chat/channels/${channel.id}/messages/${msg.id}/acks/remind`, {})),
    ).toEqual({ reminded: 1 });
    for (const path of ['receipts', 'acks'])
      expect(
        (await outsider.client.get(`/api/chat/channels/${channel.id}/messages/${msg.id}/${path}`)).status,
      ).toBe(404);
  });

  it('removing a member stops their delivery at once', async () => {
    const channel = await ok<Channel>(
      alice.client.post('/api/chat/channels', {
        name: '一時的な部屋',
        kind: 'private',
        memberIds: [carol.id],
      }),
      201,
    );
    const c = await connect(carol);
    await subscribe(c);
    const seen = collect(c);
    await send(alice, channel.id, 'まだ見える');
    await until(() => seen.length === 1, 'carol sees the first');
    const removed = new Promise((resolve) => c.once('chat:channel', resolve));
    expect((await alice.client.delete(`/api/chat/channels/${channel.id}/members/${carol.id}`)).status).toBe(
      204,
    );
    await within(5000, removed, 'carol told she was removed');
    await send(alice, channel.id, 'もう見えない');
    // A message to a channel carol is still in arrives after; the removed channel's did not.
    const mark = await send(alice, privateChannel.id, 'x').catch(() => null);
    expect(mark).not.toBeNull();
    await new Promise((r) => c.emit('ping', {}, r));
    expect(seen.map((e) => e.items[0]!.text)).toEqual(['まだ見える']);
    expect((await carol.client.get(`/api/chat/channels/${channel.id}/messages`)).status).toBe(404);
  });

  it('puts people in their department’s channel by the org chart, sections into their division’s', async () => {
    const division = await makeDepartment(t, { name: 'テスト課', kind: 'division' });
    const section = await makeDepartment(t, { name: 'テスト係', kind: 'section', parentId: division.id });
    const position = await makePosition(t);
    const inSection = await person({ department: section, position });
    const mine = await ok<{ items: Channel[] }>(inSection.client.get('/api/chat/channels'));
    const names = mine.items.filter((c) => c.kind === 'department').map((c) => c.name);
    expect(names.sort()).toEqual(['テスト係', 'テスト課'].sort());
    const divisionChannel = mine.items.find((c) => c.name === 'テスト課')!;
    expect((await outsider.client.get(`/api/chat/channels/${divisionChannel.id}`)).status).toBe(404);
    expect((await inSection.client.post(`/api/chat/channels/${divisionChannel.id}/leave`, {})).status).toBe(
      409,
    );
    expect(
      (
        await inSection.client.post(`/api/chat/channels/${divisionChannel.id}/members`, {
          userIds: [outsider.id],
        })
      ).status,
    ).toBe(409);
  });

  it('finds two-character and one-character Japanese words and English, with filters', async () => {
    const channel = await ok<Channel>(
      alice.client.post('/api/chat/channels', { name: '検索テスト', kind: 'private', memberIds: [bob.id] }),
      201,
    );
    await send(alice, channel.id, '明日の会議は第2会議室です');
    await send(bob, channel.id, 'Budget meeting moved to Friday');
    await send(bob, channel.id, '予算の件');
    const q = async (query: string, extra = '') =>
      (
        await ok<{ items: { message: ChatMessage; snippet: { match: string } }[] }>(
          alice.client.get(`/api/chat/search?q=${encodeURIComponent(query)}&channelId=${channel.id}${extra}`),
        )
      ).items;
    expect((await q('会議')).map((h) => h.message.text)).toEqual(['明日の会議は第2会議室です']);
    expect((await q('予')).map((h) => h.message.text)).toEqual(['予算の件']);
    expect((await q('MEETING')).map((h) => h.snippet.match)).toEqual(['meeting']);
    expect(await q('予算', `&authorId=${alice.id}`)).toEqual([]);
    expect((await alice.client.get('/api/chat/search?q=')).status).toBe(400);
    // A very common word: counted up to 1,000, and the answer says there are more.
    await t.dataSource.query(
      `INSERT INTO chat_message (channel_id, seq, change_seq, author_id, client_id, body, search_text)
       SELECT $1, 1000 + i, 1000 + i, $2, gen_random_uuid(), '点検のお知らせ', '点検のお知らせ'
         FROM generate_series(1, 1001) AS i`,
      [channel.id, alice.id],
    );
    const common = await ok<{ total: number; totalCapped: boolean; items: unknown[] }>(
      alice.client.get(`/api/chat/search?q=${encodeURIComponent('点検')}&channelId=${channel.id}`),
    );
    expect(common).toMatchObject({ total: 1000, totalCapped: true });
    expect(common.items).toHaveLength(20);
  });

  it('shows presence (online, テレワーク中, offline) and typing to the channel only', async () => {
    const presenceOf = async (id: string) =>
      (
        await ok<{ items: { person: { id: string }; presence: string }[] }>(
          alice.client.get(`/api/chat/channels/${privateChannel.id}/members`),
        )
      ).items.find((m) => m.person.id === id)?.presence;
    const watcher = await connect(alice);
    const heard: { userId: string; presence: string }[] = [];
    watcher.on('chat:presence', (e: { items: { userId: string; presence: string }[] }) =>
      heard.push(...e.items),
    );
    const b = await connect(bob);
    await subscribe(b);
    expect(await presenceOf(bob.id)).toBe('online');
    const set = await emit(b, 'chat:presence', { presence: 'telework' });
    expect(set.ok).toBe(true);
    expect(await presenceOf(bob.id)).toBe('telework');
    await until(() => heard.some((e) => e.userId === bob.id && e.presence === 'telework'), 'told telework');
    // Typing reaches the other members, not the typist and not outsiders.
    await subscribe(watcher);
    const typing = new Promise<{ userId: string }>((resolve) => watcher.once('chat:typing', resolve));
    await emit(b, 'chat:typing', { channelId: privateChannel.id });
    expect((await within(5000, typing, 'typing')).userId).toBe(bob.id);
    for (const s of sockets.filter((s) => s !== watcher)) s.disconnect();
    await until(() => heard.some((e) => e.userId === bob.id && e.presence === 'offline'), 'told offline');
    expect(await presenceOf(bob.id)).toBe('offline');
  });

  it('gathers changes of presence into one event for everyone, with each person as they are then', async () => {
    const watcher = await connect(alice);
    const events: { items: { userId: string; presence: string }[] }[] = [];
    watcher.on('chat:presence', (e: (typeof events)[number]) => events.push(e));
    const b = await connect(bob);
    await subscribe(b);
    await until(() => events.some((e) => e.items.some((i) => i.userId === bob.id)), 'bob connected');
    events.length = 0;
    // Ten sockets coming and going, and carol (never connected), within the same second: one event.
    const presence = t.app.get(ChatPresenceService);
    for (let i = 0; i < 10; i++) presence.changed(i % 2 ? bob.id : carol.id);
    await until(() => events.length > 0, 'told');
    expect(events[0]!.items).toEqual(
      expect.arrayContaining([
        { userId: bob.id, presence: 'telework' }, // as he said in the test before
        { userId: carol.id, presence: 'offline' },
      ]),
    );
    expect(events[0]!.items).toHaveLength(2);
    b.disconnect();
    await until(
      () => events.some((e) => e.items.some((i) => i.userId === bob.id && i.presence === 'offline')),
      'bob offline',
    );
    watcher.disconnect();
  });

  it('refuses bad input clearly and changes nothing', async () => {
    const bad = await alice.client.post(`/api/chat/channels/${privateChannel.id}/messages`, {
      clientId: randomUUID(),
      text: '   ',
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { code: string }).code).toBe('chat/empty_message');
    expect((bad.body as { message: string }).message).toMatch(/メッセージを入力/);
    const emoji = await alice.client.post(
      `/api/chat/channels/${privateChannel.id}/messages/${randomUUID()}/reactions`,
      {
        emoji: 'abc',
        on: true,
      },
    );
    expect(emoji.status).toBe(400);
    const name = await alice.client.post('/api/chat/channels', { name: '<script>', kind: 'public' });
    expect(name.status).toBe(400);
    expect(
      (await alice.client.post('/api/chat/channels', { name: '予算の打合せ', kind: 'public' })).status,
    ).toBe(409);
  });
});
