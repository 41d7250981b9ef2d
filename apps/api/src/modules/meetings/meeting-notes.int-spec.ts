import type { Meeting, MeetingNote, MeetingNoteList, NoteBody, NotificationList } from '@ringi/contracts';
import { describeAnchor } from '@ringi/domain';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { signedInClient } from '../../../../../tests/support/factories';
import { asError, type TestClient, type TestResponse } from '../../../../../tests/support/http';
import { pdfText } from '../../../../../tests/support/pdf';

interface Person {
  id: string;
  client: TestClient;
}

async function ok<T>(res: Promise<TestResponse<T>>, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

/** A PDF with one page per entry, each line of the entry drawn as text pdf.js reads back. */
async function makePdf(pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 24, size: 14, font }));
  }
  return Buffer.from(await doc.save());
}

/** The answer is the given refusal, in the documented error shape. */
function refused(res: TestResponse, status: number, code?: string): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  if (code) expect(asError(res).code).toBe(code);
}

const upload = (client: TestClient, path: string, bytes: Buffer, name: string) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return client.request<Meeting>('POST', path, { body: form });
};

const COVER = ['Budget policy for fiscal 2026', 'Each section cuts spending by five percent.'];
const SPENDING = ['Chapter 2: Spending review', 'Subsidy criteria will be revised this year.'];
const REVENUE = ['Chapter 3: Revenue', 'Hometown tax gifts will be expanded.'];
const REVENUE_CORRECTED = ['Chapter 3: Revenue', 'Hometown tax gifts will be reviewed, not expanded.'];
const APPENDIX = ['Appendix: population estimate', 'The estimate was updated in November.'];

const pen = (color: 'red' | 'blue' = 'red'): NoteBody => ({
  v: 1,
  kind: 'pen',
  color,
  width: 0.004,
  strokes: [[0.1, 0.1, 0.2, 0.15, 0.3, 0.12]],
});

describe('private notes on meeting materials: only their author, and they survive corrections', () => {
  let t: TestApp;
  let organiser: Person;
  let attendee: Person;
  let colleague: Person;
  let outsider: Person;
  let admin: Person;
  let v1: Buffer;
  let v2: Buffer;

  const person = async (options: Parameters<typeof signedInClient>[1] = {}): Promise<Person> => {
    const { user, client } = await signedInClient(t, options);
    return { id: user.id, client };
  };

  beforeAll(async () => {
    t = await startTestApp();
    [organiser, attendee, colleague, outsider, admin] = [
      await person(),
      await person(),
      await person(),
      await person(),
      await person({ role: 'admin' }),
    ];
    v1 = await makePdf([COVER, SPENDING, REVENUE]);
    v2 = await makePdf([COVER, APPENDIX, SPENDING, REVENUE_CORRECTED]);
  });
  afterAll(() => t.close());

  /** A distributed meeting with the attendee and the colleague, and one material (v1). */
  async function meetingWithMaterial() {
    let m = await ok(
      organiser.client.post<Meeting>('/api/meetings', {
        title: '課長会議',
        kind: 'section_chiefs',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      }),
      201,
    );
    for (const p of [attendee, colleague])
      m = await ok(
        organiser.client.post<Meeting>(`/api/meetings/${m.id}/participants`, {
          userId: p.id,
          role: 'attendee',
        }),
        201,
      );
    m = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/agenda`, { title: '予算' }), 201);
    m = await ok(
      upload(organiser.client, `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/materials`, v1, 'v1.pdf'),
      201,
    );
    m = await ok(organiser.client.post<Meeting>(`/api/meetings/${m.id}/distribute`), 200);
    const material = m.agenda[0].materials[0];
    return { m, material, version: material.versions[0] };
  }

  /** The text pdf.js read of each page of a stored file, as the viewer builds it. */
  async function pageTexts(fileId: string): Promise<string[]> {
    const rows: { text: string }[] = await t.dataSource.query(
      `SELECT text FROM stored_file_text WHERE file_id = $1 ORDER BY page`,
      [fileId],
    );
    return rows.map((r) => r.text);
  }

  /** An anchor on `words` of page `page`, as the viewer makes it. */
  async function anchorOn(fileId: string, page: number, words: string) {
    const text = (await pageTexts(fileId))[page - 1];
    const at = text.indexOf(words);
    if (at < 0) throw new Error(`"${words}" is not on page ${page}: ${text}`);
    return describeAnchor(text, at, at + words.length);
  }

  const notesPath = (m: Meeting, materialId: string) => `/api/meetings/${m.id}/materials/${materialId}/notes`;
  const listNotes = async (who: Person, m: Meeting, materialId: string) =>
    (await ok(who.client.get<MeetingNoteList>(notesPath(m, materialId)))).items;

  it('keeps each note to its author: nobody else, administrators included, lists, changes or exports it', async () => {
    const { m, material, version } = await meetingWithMaterial();
    const anchor = await anchorOn(version.fileId, 2, 'Subsidy criteria');
    const bodies: NoteBody[] = [
      pen(),
      { v: 1, kind: 'highlight', color: 'yellow', width: 0.02, strokes: [[0.1, 0.2, 0.5, 0.2]] },
      { v: 1, kind: 'text', color: 'blue', x: 0.5, y: 0.3, text: '補助金の基準は総務課に確認する' },
      { v: 1, kind: 'bookmark', label: '要確認' },
    ];
    const mine: MeetingNote[] = [];
    for (const body of bodies)
      mine.push(
        await ok(
          attendee.client.post<MeetingNote>(notesPath(m, material.id), {
            versionId: version.id,
            page: 2,
            body,
            anchor,
          }),
          201,
        ),
      );
    expect((await listNotes(attendee, m, material.id)).map((n) => n.body)).toEqual(bodies);

    for (const other of [colleague, organiser, admin]) {
      expect(await listNotes(other, m, material.id)).toEqual([]);
      const patch = await other.client.patch(`/api/meetings/${m.id}/notes/${mine[2].id}`, {
        body: { ...bodies[2], text: '書き換え' },
      });
      refused(patch, 404, 'meeting/note_not_found');
      const del = await other.client.delete(`/api/meetings/${m.id}/notes/${mine[0].id}`);
      refused(del, 404, 'meeting/note_not_found');
      const exported = await other.client.get(`${notesPath(m, material.id)}/export.pdf`);
      refused(exported, 422, 'meeting/no_notes_to_export');
      // Sending the author's note id again does not reveal it either.
      const again = await other.client.post(notesPath(m, material.id), {
        id: mine[1].id,
        versionId: version.id,
        page: 1,
        body: pen(),
        anchor,
      });
      refused(again, 404, 'meeting/note_not_found');
    }
    // An outsider is told the meeting does not exist, whatever they ask.
    for (const res of [
      outsider.client.get(notesPath(m, material.id)),
      outsider.client.post(notesPath(m, material.id), {
        versionId: version.id,
        page: 1,
        body: pen(),
        anchor,
      }),
      outsider.client.patch(`/api/meetings/${m.id}/notes/${mine[0].id}`, { acknowledgeChange: true }),
      outsider.client.delete(`/api/meetings/${m.id}/notes/${mine[0].id}`),
      outsider.client.get(`${notesPath(m, material.id)}/export.pdf`),
    ])
      refused(await res, 404, 'meeting/not_found');
    expect(await listNotes(attendee, m, material.id)).toHaveLength(4);

    // The author edits and deletes; the same client id sent twice saves one note.
    const edited = await ok(
      attendee.client.patch<MeetingNote>(`/api/meetings/${m.id}/notes/${mine[2].id}`, {
        body: { ...bodies[2], text: '総務課に確認済み' },
      }),
    );
    expect(edited.body).toMatchObject({ kind: 'text', text: '総務課に確認済み' });
    expect((await attendee.client.delete(`/api/meetings/${m.id}/notes/${mine[0].id}`)).status).toBe(204);
    const id = '0196a0b2-1234-7000-8000-0000000000aa';
    const once = { id, versionId: version.id, page: 1, body: pen('blue'), anchor };
    const first = await ok(attendee.client.post<MeetingNote>(notesPath(m, material.id), once), 201);
    const second = await ok(attendee.client.post<MeetingNote>(notesPath(m, material.id), once), 201);
    expect(second).toEqual(first);
    expect(await listNotes(attendee, m, material.id)).toHaveLength(4);

    // The author's export: the pages that carry notes, with the memo as real text.
    // The test client reads answers as text: the PDF is fetched as bytes.
    const res = await fetch(`${t.url}${notesPath(m, material.id)}/export.pdf`, {
      headers: { cookie: attendee.client.cookie, 'accept-language': 'ja' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`v1_${encodeURIComponent('個人メモ')}.pdf`);
    const pages = await pdfText(Buffer.from(await res.arrayBuffer()));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('Subsidy criteria');
    expect(pages[1]).toContain('総務課に確認済み');
    expect(pages[1]).toContain('2ページ（個人メモ付き）');

    // Losing access to the meeting loses access to one's notes too.
    const participant = (await ok(organiser.client.get<Meeting>(`/api/meetings/${m.id}`))).participants.find(
      (p) => p.userId === attendee.id,
    );
    await ok(organiser.client.delete(`/api/meetings/${m.id}/participants/${participant?.id}`));
    refused(await attendee.client.get(notesPath(m, material.id)), 404);
  });

  it('moves notes to the matching pages of a corrected version and marks the pages that changed', async () => {
    const { m, material, version } = await meetingWithMaterial();
    const write = async (who: Person, page: number, words: string, body: NoteBody = pen()) =>
      ok(
        who.client.post<MeetingNote>(notesPath(m, material.id), {
          versionId: version.id,
          page,
          body,
          anchor: await anchorOn(version.fileId, page, words),
        }),
        201,
      );
    const onCover = await write(attendee, 1, 'five percent');
    const onSpending = await write(attendee, 2, 'Subsidy criteria will be revised');
    const onRevenue = await write(attendee, 3, 'Hometown tax gifts');
    const colleagues = await write(colleague, 2, 'Spending review', { v: 1, kind: 'bookmark', label: '' });

    // 訂正・差し替え: an appendix inserted as page 2, page 3 corrected.
    const replaced = await ok(
      upload(organiser.client, `/api/meetings/${m.id}/materials/${material.id}/versions`, v2, 'v2.pdf'),
      201,
    );
    const current = replaced.agenda[0].materials[0].versions[0];
    expect(current.version).toBe(2);
    // Everyone taking part is told, with a link to the material; nobody outside is.
    const told = async (who: Person) => {
      for (let i = 0; i < 50; i++) {
        const { items } = await ok(who.client.get<NotificationList>('/api/me/notifications'));
        const found = items.find(
          (n) => n.kind === 'meeting.material_replaced' && n.link?.includes(material.id),
        );
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      return undefined;
    };
    expect(await told(attendee)).toMatchObject({
      title: {
        ja: `資料が差し替えられました：${material.title}`,
        en: `Material replaced: ${material.title}`,
      },
      link: `/meetings/${m.id}/materials/${material.id}`,
    });
    const { items: outsiders } = await ok(outsider.client.get<NotificationList>('/api/me/notifications'));
    expect(outsiders.some((n) => n.link?.includes(m.id))).toBe(false);

    const byId = new Map((await listNotes(attendee, m, material.id)).map((n) => [n.id, n]));
    expect(byId.get(onCover.id)).toMatchObject({ versionId: current.id, page: 1, pageChanged: false });
    expect(byId.get(onSpending.id)).toMatchObject({ versionId: current.id, page: 3, pageChanged: false });
    expect(byId.get(onRevenue.id)).toMatchObject({ versionId: current.id, page: 4, pageChanged: true });
    expect(byId.get(onRevenue.id)?.anchor.quote).toBe('Hometown tax gifts');
    expect(byId.get(onRevenue.id)?.movedAt).not.toBeNull();
    const [theirs] = await listNotes(colleague, m, material.id);
    expect(theirs).toMatchObject({ id: colleagues.id, page: 3, pageChanged: false });

    // The person has looked at the changed page: the mark goes.
    const seen = await ok(
      attendee.client.patch<MeetingNote>(`/api/meetings/${m.id}/notes/${onRevenue.id}`, {
        acknowledgeChange: true,
      }),
    );
    expect(seen.pageChanged).toBe(false);

    // A note for the superseded version is refused in plain words, and nothing is saved.
    const stale = await attendee.client.post(notesPath(m, material.id), {
      versionId: version.id,
      page: 1,
      body: pen(),
      anchor: onCover.anchor,
    });
    refused(stale, 409, 'meeting/note_version_superseded');
    expect(asError(stale).message).toContain('差し替えられました');
    const past = await attendee.client.post(notesPath(m, material.id), {
      versionId: current.id,
      page: 5,
      body: pen(),
      anchor: onCover.anchor,
    });
    refused(past, 422, 'meeting/note_page_out_of_range');
    expect(await listNotes(attendee, m, material.id)).toHaveLength(3);
  });

  it('refuses malformed notes with 400 in the person’s language and saves nothing', async () => {
    const { m, material, version } = await meetingWithMaterial();
    const anchor = { quote: '', prefix: '', suffix: '', start: 0 };
    const bad = [
      { versionId: version.id, page: 1, body: { ...pen(), v: 2 }, anchor },
      { versionId: version.id, page: 0, body: pen(), anchor },
      { versionId: version.id, page: 1, body: { ...pen(), strokes: [[0.1, 0.2, 1.5, 0.3]] }, anchor },
      { versionId: version.id, page: 1, body: { ...pen(), strokes: [[0.1, 0.2, 0.3]] }, anchor },
      {
        versionId: version.id,
        page: 1,
        body: { v: 1, kind: 'text', color: 'red', x: 0, y: 0, text: ' ' },
        anchor,
      },
      { versionId: version.id, page: 1, body: { v: 1, kind: 'eraser' }, anchor },
      { versionId: version.id, page: 1, body: pen(), anchor: { ...anchor, quote: 'x'.repeat(201) } },
      { versionId: version.id, page: 1, body: pen(), anchor, authorId: admin.id },
    ];
    for (const body of bad) {
      const res = await attendee.client.post(notesPath(m, material.id), body);
      refused(res, 400);
      expect(asError(res).message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
    expect(await listNotes(attendee, m, material.id)).toEqual([]);
  });
});
