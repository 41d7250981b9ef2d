import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SOCKET_PATH,
  type Ack,
  type Meeting,
  type MeetingChanged,
  type MeetingPointer,
  type MeetingPresentation,
  type ServerToClientEvents,
  type ClientToServerEvents,
} from '@ringi/contracts';
import { io, type Socket } from 'socket.io-client';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import type { TestClient, TestResponse } from '../../../../../tests/support/http';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Person {
  id: string;
  client: TestClient;
}

async function ok<T>(res: Promise<TestResponse<T>>, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('meetings: the live session (the presenter followed softly over Socket.IO)', () => {
  let t: TestApp;
  let organiser: Person;
  let presenter: Person;
  let chair: Person;
  let attendees: Person[];
  let outsider: Person;
  let meeting: Meeting;
  let materialId: string;
  const sockets: Client[] = [];

  const person = async (): Promise<Person> => {
    const user = await makeUser(t);
    const client = t.client();
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    return { id: user.id, client };
  };

  const connect = async (who: Person): Promise<Client> => {
    const socket: Client = io(t.url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { cookie: who.client.cookie, origin: t.url },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await within(5000, new Promise((resolve) => socket.once('hello', resolve)), 'connected');
    return socket;
  };
  const emit = <E extends 'meeting:join' | 'meeting:leave' | 'meeting:present' | 'meeting:point'>(
    socket: Client,
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ) =>
    within(
      5000,
      new Promise<Ack<{ presentation: MeetingPresentation | null }>>((resolve) =>
        (socket.emit as (e: string, p: unknown, ack: (a: unknown) => void) => void)(event, payload, (a) =>
          resolve(a as Ack<{ presentation: MeetingPresentation | null }>),
        ),
      ),
      event,
    );
  const nextPresentation = (socket: Client) =>
    within(
      5000,
      new Promise<MeetingPresentation>((resolve) => socket.once('meeting:presentation', resolve)),
      'meeting:presentation',
    );

  beforeAll(async () => {
    t = await startTestApp();
    [organiser, presenter, chair, outsider] = [
      await person(),
      await person(),
      await person(),
      await person(),
    ];
    attendees = [await person(), await person(), await person()];
    let m = await ok(
      organiser.client.post<Meeting>('/api/meetings', {
        title: '課長会議',
        kind: 'section_chiefs',
        startsAt: new Date(Date.now() - 600_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
      201,
    );
    for (const [who, role] of [
      [presenter, 'presenter'],
      [chair, 'chair'],
      ...attendees.map((a) => [a, 'attendee'] as const),
    ] as const)
      m = await ok(
        organiser.client.post<Meeting>(`/api/meetings/${m.id}/participants`, { userId: who.id, role }),
        201,
      );
    m = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '予算' }), 201);
    const form = new FormData();
    const pdf = await readFile(join(__dirname, '../../../../../tests/fixtures/tracemonkey.pdf'));
    form.append('file', new Blob([new Uint8Array(pdf)]), 'tracemonkey.pdf');
    m = await ok(
      organiser.client.request<Meeting>('POST', `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/materials`, {
        body: form,
      }),
      201,
    );
    materialId = m.agenda[0].materials[0].id;
    await ok(organiser.client.post(`/api/meetings/${m.id}/distribute`), 200);
    meeting = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/start`), 200);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('broadcasts the presenter’s page to 30 followers at once, lands a rejoining latecomer on the current page, and tells nobody else', async () => {
    // 30 followers: the three attendees on ten devices each.
    const followers: Client[] = [];
    for (const a of attendees) for (let i = 0; i < 10; i++) followers.push(await connect(a));
    for (const f of followers) {
      const joined = await emit(f, 'meeting:join', { meetingId: meeting.id });
      expect(joined).toEqual({ ok: true, data: { presentation: null } });
    }
    // Someone in the same app but not in the meeting never hears of it and cannot join (the socket layer's
    // refusal, the same whether the meeting exists or not).
    const stranger = await connect(outsider);
    const refused = await emit(stranger, 'meeting:join', { meetingId: meeting.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('auth/forbidden');
    let leaked = 0;
    stranger.on('meeting:presentation', () => leaked++);

    const presenting = await connect(presenter);
    await emit(presenting, 'meeting:join', { meetingId: meeting.id });
    const received = Promise.all(followers.map(nextPresentation));
    const shown = await emit(presenting, 'meeting:present', { meetingId: meeting.id, materialId, page: 5 });
    expect(shown.ok).toBe(true);
    const all = await received;
    expect(all).toHaveLength(30);
    expect(new Set(all.map((p) => `${p.materialId}:${p.page}:${p.forced}`))).toEqual(
      new Set([`${materialId}:5:false`]),
    );

    // One follower drops off the network; meanwhile the presenter moves on; on rejoining it lands on page 9.
    const dropped = followers[7];
    dropped.disconnect();
    await emit(presenting, 'meeting:present', { meetingId: meeting.id, materialId, page: 9 });
    const back = await connect(attendees[0]);
    const rejoined = await emit(back, 'meeting:join', { meetingId: meeting.id });
    expect(rejoined.ok && rejoined.data.presentation).toMatchObject({ page: 9, materialId, forced: false });

    // A follower browsing freely (its viewer shows page 2) still hears where the presenter is, unforced: the
    // choice to follow is the viewer's. Leaving the session stops the broadcasts to that device.
    const browsing = followers[3];
    await emit(browsing, 'meeting:leave', { meetingId: meeting.id });
    let afterLeaving = 0;
    browsing.on('meeting:presentation', () => afterLeaving++);
    const onePresent = nextPresentation(followers[0]);
    await emit(presenting, 'meeting:present', { meetingId: meeting.id, materialId, page: 10 });
    expect((await onePresent).page).toBe(10);
    // A round trip on the leaver's own socket after the broadcast: it was not sent there.
    await emit(browsing, 'meeting:join', { meetingId: meeting.id });
    expect(afterLeaving).toBe(0);
    expect(leaked).toBe(0);
  });

  it('shows where the presenter points to everyone in the session, and lets nobody else point', async () => {
    const presenting = await connect(presenter);
    const follower = await connect(attendees[2]);
    const other = await connect(attendees[1]);
    const stranger = await connect(outsider);
    await emit(presenting, 'meeting:join', { meetingId: meeting.id });
    await emit(follower, 'meeting:join', { meetingId: meeting.id });
    await emit(presenting, 'meeting:present', { meetingId: meeting.id, materialId, page: 6 });
    let leaked = 0;
    stranger.on('meeting:pointer', () => leaked++);
    const nextPointer = () =>
      within(
        5000,
        new Promise<MeetingPointer>((resolve) => follower.once('meeting:pointer', resolve)),
        'pointer',
      );

    const heard = nextPointer();
    expect(await emit(presenting, 'meeting:point', { meetingId: meeting.id, x: 0.25, y: 0.5 })).toEqual({
      ok: true,
      data: {},
    });
    expect(await heard).toEqual({
      meetingId: meeting.id,
      materialId,
      page: 6,
      x: 0.25,
      y: 0.5,
      presenterId: presenter.id,
    });
    const gone = nextPointer();
    await emit(presenting, 'meeting:point', { meetingId: meeting.id, x: null, y: null });
    expect(await gone).toMatchObject({ x: null, y: null });

    // Someone else in the meeting is not presenting; someone outside is refused by the socket layer.
    const byOther = await emit(other, 'meeting:point', { meetingId: meeting.id, x: 0.1, y: 0.1 });
    expect(byOther.ok === false && byOther.error.code).toBe('meeting/not_a_presenter');
    const byStranger = await emit(stranger, 'meeting:point', { meetingId: meeting.id, x: 0.1, y: 0.1 });
    expect(byStranger.ok === false && byStranger.error.code).toBe('auth/forbidden');
    const offPage = await emit(presenting, 'meeting:point', { meetingId: meeting.id, x: 1.5, y: 0.1 });
    expect(offPage.ok === false && offPage.error.code).toBe('request/validation_failed');
    // A round trip on the stranger's own socket after the pointing: nothing reached it.
    await emit(stranger, 'meeting:leave', { meetingId: meeting.id });
    expect(leaked).toBe(0);
  });

  it('tells everyone in the room of each change (the start included), and a participant removed leaves the room at once', async () => {
    let m = await ok(
      organiser.client.post<Meeting>('/api/meetings', {
        title: '庁議',
        kind: 'executive_council',
        startsAt: new Date(Date.now() - 600_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
      201,
    );
    for (const who of [attendees[0], attendees[1]])
      m = await ok(
        organiser.client.post<Meeting>(`/api/meetings/${m.id}/participants`, {
          userId: who.id,
          role: 'attendee',
        }),
        201,
      );
    m = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '報告' }), 201);
    const form = new FormData();
    const pdf = await readFile(join(__dirname, '../../../../../tests/fixtures/tracemonkey.pdf'));
    form.append('file', new Blob([new Uint8Array(pdf)]), 'tracemonkey.pdf');
    m = await ok(
      organiser.client.request<Meeting>('POST', `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/materials`, {
        body: form,
      }),
      201,
    );
    m = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/distribute`), 200);
    const staying = await connect(attendees[0]);
    const removed = await connect(attendees[1]);
    for (const s of [staying, removed])
      expect((await emit(s, 'meeting:join', { meetingId: m.id })).ok).toBe(true);
    const nextChange = (socket: Client) =>
      within(
        5000,
        new Promise<MeetingChanged>((resolve) => socket.once('meeting:changed', resolve)),
        'changed',
      );

    // The chair starts the meeting: screens already open hear it (and can join the session) without reloading.
    const started = Promise.all([nextChange(staying), nextChange(removed)]);
    const inSession = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/start`), 200);
    for (const change of await started)
      expect(change).toEqual({ meetingId: m.id, lockVersion: inSession.lockVersion, status: 'in_session' });

    // Removed from the meeting: that person's socket leaves the room before the others are told.
    let leaked = 0;
    removed.on('meeting:changed', () => leaked++);
    removed.on('meeting:presentation', () => leaked++);
    const told = nextChange(staying);
    const participant = inSession.participants.find((p) => p.userId === attendees[1].id);
    await ok(organiser.client.delete(`/api/meetings/${m.id}/participants/${participant?.id}`), 200);
    expect((await told).status).toBe('in_session');
    const shown = within(
      5000,
      new Promise<MeetingPresentation>((resolve) => staying.once('meeting:presentation', resolve)),
      'presentation',
    );
    const organiserSocket = await connect(organiser);
    const materialOfM = inSession.agenda[0].materials[0].id;
    expect(
      (await emit(organiserSocket, 'meeting:present', { meetingId: m.id, materialId: materialOfM, page: 2 }))
        .ok,
    ).toBe(true);
    expect((await shown).page).toBe(2);
    // A round trip on the removed person's socket after both: nothing reached it, and it cannot join again.
    const again = await emit(removed, 'meeting:join', { meetingId: m.id });
    expect(again.ok === false && again.error.code).toBe('auth/forbidden');
    expect(leaked).toBe(0);
  });

  it('lets only the chair (or the organiser) make everyone follow, only presenters present, and only in session', async () => {
    const chairSocket = await connect(chair);
    const presenterSocket = await connect(presenter);
    const attendeeSocket = await connect(attendees[1]);
    const notForced = await emit(presenterSocket, 'meeting:present', {
      meetingId: meeting.id,
      materialId,
      page: 3,
      forced: true,
    });
    expect(notForced.ok === false && notForced.error.code).toBe('meeting/not_allowed_to_force');
    const byAttendee = await emit(attendeeSocket, 'meeting:present', {
      meetingId: meeting.id,
      materialId,
      page: 3,
    });
    expect(byAttendee.ok === false && byAttendee.error.code).toBe('meeting/not_a_presenter');
    await emit(attendeeSocket, 'meeting:join', { meetingId: meeting.id });
    const heard = nextPresentation(attendeeSocket);
    const forced = await emit(chairSocket, 'meeting:present', {
      meetingId: meeting.id,
      materialId,
      page: 4,
      forced: true,
    });
    expect(forced.ok).toBe(true);
    expect(await heard).toMatchObject({ page: 4, forced: true });
    // Bad input is refused in the person's language, and changes nothing.
    const bad = await emit(chairSocket, 'meeting:present', { meetingId: meeting.id, materialId, page: 0 });
    expect(bad.ok).toBe(false);
    // Once closed, nothing is presented and a latecomer gets nothing stale.
    await ok(organiser.client.post(`/api/meetings/${meeting.id}/close`), 200);
    const late = await emit(chairSocket, 'meeting:present', { meetingId: meeting.id, materialId, page: 5 });
    expect(late.ok === false && late.error.code).toBe('meeting/not_in_session');
    const joined = await emit(attendeeSocket, 'meeting:join', { meetingId: meeting.id });
    expect(joined).toEqual({ ok: true, data: { presentation: null } });
  });
});
