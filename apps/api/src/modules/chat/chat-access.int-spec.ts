import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApprovalDocument, Channel, ChatFile, ChatMessage, Meeting } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeApprovalTown, type ApprovalTown } from '../../../../../tests/support/approvals';
import { ok, type TestClient, type TestResponse } from '../../../../../tests/support/http';

const photo = () => readFile(join(__dirname, '../../../../../tests/fixtures/photo.png'));

async function upload(client: TestClient, channelId: string): Promise<TestResponse<ChatFile>> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await photo())], { type: 'image/png' }), '現場写真.png');
  return client.request<ChatFile>('POST', `/api/chat/channels/${channelId}/files`, { body: form });
}

describe('chat: every endpoint as someone outside the channel, files, link previews and 起案にする', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let channel: Channel;
  let message: ChatMessage;

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    channel = await ok<Channel>(
      town.clerk.client.post('/api/chat/channels', {
        name: '係内の相談',
        kind: 'private',
        memberIds: [town.clerk2.id, town.leader.id],
      }),
      201,
    );
    message = await ok<ChatMessage>(
      town.clerk.client.post(`/api/chat/channels/${channel.id}/messages`, {
        clientId: randomUUID(),
        text: '確認をお願いします',
        ackRequested: true,
      }),
      201,
    );
  });
  afterAll(() => t.close());

  it('answers 404 to a non-member, an administrator included, for every endpoint of a private channel', async () => {
    const c = `/api/chat/channels/${channel.id}`;
    const m = `${c}/messages/${message.id}`;
    const calls: [string, string, unknown?][] = [
      ['GET', c],
      ['PATCH', c, { topic: 'x' }],
      ['POST', `${c}/join`, {}],
      ['POST', `${c}/leave`, {}],
      ['GET', `${c}/members`],
      ['GET', `${c}/read-states`],
      ['POST', `${c}/members`, { userIds: [town.outsider.id] }],
      ['DELETE', `${c}/members/${town.clerk2.id}`],
      ['PUT', `${c}/notify`, { notify: 'all' }],
      ['GET', `${c}/messages`],
      ['GET', `${c}/changes?after=0`],
      ['POST', `${c}/messages`, { clientId: randomUUID(), text: 'x' }],
      ['POST', `${c}/read`, { seq: 1 }],
      ['GET', m],
      ['GET', `${m}/thread`],
      ['PATCH', m, { text: 'x' }],
      ['DELETE', m],
      ['POST', `${m}/reactions`, { emoji: '👍', on: true }],
      ['POST', `${m}/ack`, {}],
      ['GET', `${m}/receipts`],
      ['GET', `${m}/acks`],
      ['POST', `${m}/acks/remind`, {}],
      ['POST', `${m}/draft`, {}],
    ];
    for (const who of [town.outsider, town.admin]) {
      const answers = [];
      for (const [method, path, json] of calls) {
        const res = await who.client.request(method, path, json === undefined ? {} : { json });
        answers.push(
          `${method} ${path.replace(channel.id, ':id').replace(message.id, ':mid')} ${res.status}`,
        );
      }
      expect(answers.filter((a) => !a.endsWith(' 404'))).toEqual([]);
      expect((await upload(who.client, channel.id)).status).toBe(404);
    }
    // Nothing changed.
    const after = await ok<ChatMessage>(
      town.clerk.client.get(`/api/chat/channels/${channel.id}/messages/${message.id}`),
    );
    expect(after).toEqual(message);
  });

  it('lets only the uploader read a file before it is sent, then the members, and nobody once deleted', async () => {
    const file = await ok<ChatFile>(upload(town.clerk.client, channel.id), 201);
    expect(file.mimeType).toBe('image/png');
    expect((await town.clerk.client.get(`/api/files/${file.id}`)).status).toBe(200);
    expect((await town.clerk2.client.get(`/api/files/${file.id}`)).status).toBe(404);
    // Someone else cannot send my upload.
    const stolen = await town.clerk2.client.post(`/api/chat/channels/${channel.id}/messages`, {
      clientId: randomUUID(),
      text: '',
      fileIds: [file.id],
    });
    expect(stolen.status).toBe(404);
    const sent = await ok<ChatMessage>(
      town.clerk.client.post(`/api/chat/channels/${channel.id}/messages`, {
        clientId: randomUUID(),
        text: '',
        fileIds: [file.id],
      }),
      201,
    );
    expect(sent.files.map((f) => f.name)).toEqual(['現場写真.png']);
    expect((await town.clerk2.client.get(`/api/files/${file.id}`)).status).toBe(200);
    expect((await town.outsider.client.get(`/api/files/${file.id}`)).status).toBe(404);
    expect((await town.admin.client.get(`/api/files/${file.id}`)).status).toBe(404);
    expect(
      (await town.clerk.client.delete(`/api/chat/channels/${channel.id}/messages/${sent.id}`)).status,
    ).toBe(204);
    expect((await town.clerk2.client.get(`/api/files/${file.id}`)).status).toBe(404);
  });

  it('shows a preview card of a linked meeting only to a reader who may see the meeting', async () => {
    const meeting = await ok<Meeting>(
      town.clerk.client.post('/api/meetings', {
        title: '係内打合せ',
        kind: 'other',
        startsAt: '2026-12-10T01:00:00.000Z',
        endsAt: '2026-12-10T02:00:00.000Z',
        place: '第1会議室',
      }),
      201,
    );
    const sent = await ok<ChatMessage>(
      town.clerk.client.post(`/api/chat/channels/${channel.id}/messages`, {
        clientId: randomUUID(),
        text: `資料はこちら http://ringi.example/meetings/${meeting.id}`,
      }),
      201,
    );
    expect(sent.links).toEqual([{ kind: 'meeting', id: meeting.id }]);
    const refs = `meeting:${meeting.id}`;
    const mine = await ok<{ items: { title: string }[] }>(
      town.clerk.client.get(`/api/chat/link-previews?refs=${refs}`),
    );
    expect(mine.items.map((i) => i.title)).toEqual(['係内打合せ']);
    const theirs = await ok<{ items: unknown[] }>(
      town.clerk2.client.get(`/api/chat/link-previews?refs=${refs}`),
    );
    expect(theirs.items).toEqual([]);
  });

  it('turns a thread into a draft 起案 of the person, with its text, files and a link back', async () => {
    const root = await ok<ChatMessage>(
      town.clerk.client.post(`/api/chat/channels/${channel.id}/messages`, {
        clientId: randomUUID(),
        text: '防災倉庫の備品購入について\n毛布が不足しています。',
      }),
      201,
    );
    const file = await ok<ChatFile>(upload(town.clerk2.client, channel.id), 201);
    await ok(
      town.clerk2.client.post(`/api/chat/channels/${channel.id}/messages`, {
        clientId: randomUUID(),
        text: '在庫表の写真です',
        threadRootId: root.id,
        fileIds: [file.id],
      }),
      201,
    );
    const created = await ok<{ documentId: string; path: string }>(
      town.clerk.client.post(`/api/chat/channels/${channel.id}/messages/${root.id}/draft`, {}),
      201,
    );
    expect(created.path).toBe(`/approvals/${created.documentId}/edit`);
    const doc = await ok<ApprovalDocument>(
      town.clerk.client.get(`/api/approvals/documents/${created.documentId}`),
    );
    expect(doc.title).toBe('防災倉庫の備品購入について');
    expect(doc.status).toBe('draft');
    expect(doc.body).toContain('毛布が不足しています。');
    expect(doc.body).toContain('在庫表の写真です');
    expect(doc.body).toContain(`/chat/${channel.id}?thread=${root.id}`);
    expect(doc.attachments.map((a) => a.name)).toEqual(['現場写真.png']);
    // The draft is the drafter's own: the others do not see it.
    expect((await town.clerk2.client.get(`/api/approvals/documents/${created.documentId}`)).status).toBe(404);
  });
});
