// The meetings bench's data, made through the API as the web app would (only the 200 bench staff are inserted in
// SQL, with the demo password's hash copied, as bench/approvals does):
//   - meeting V (配布済み, not in session): 1010 as attendee, freeculture.pdf and the 300-page PDF as materials;
//   - meeting S (in session): the department 会計課 as attendee, whose members include 200 bench staff
//     (M001…M200, 主事), one material (tracemonkey.pdf) for the presenter (the organiser, 1001) to show.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { api, root, signIn } from '../approvals/stack.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

export const DEMO_PASSWORD = 'ringi-demo-2026';
const ORGANISER = '1001';
const VIEWER = '1010';
const FOLLOWERS_DEPARTMENT = 'KAIKEI';

/**
 * Uploads a PDF as a new material of the meeting's first agenda item. Through node:http rather than fetch, whose
 * 300-second wait for the answer's headers is too short while the API extracts and indexes a long PDF's text.
 */
function upload(base, cookie, meeting, path) {
  const boundary = `----ringi-bench-${Date.now().toString(36)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(path)}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    readFileSync(path),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const url = new URL(`${base}/api/meetings/${meeting.id}/agenda/${meeting.agenda[0].id}/materials`);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          cookie,
          'x-ringi-csrf': '1',
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 201) resolve(JSON.parse(text));
          else reject(new Error(`upload ${basename(path)}: ${res.statusCode} ${text}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function createMeeting(base, cookie, title) {
  return api(base, cookie, 'POST', '/api/meetings', {
    title,
    kind: 'section_chiefs',
    startsAt: new Date(Date.now() - 600_000).toISOString(),
    endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  });
}

/** Meeting V with the two materials; returns `{ meetingId, materials: { name: materialId }, viewerCookie }`. */
export async function seedViewerMeeting({ base, url, pdfs, log }) {
  const organiser = await signIn(base, ORGANISER, DEMO_PASSWORD);
  const viewerCookie = await signIn(base, VIEWER, DEMO_PASSWORD);
  const c = new Client({ connectionString: url });
  await c.connect();
  const viewerId = (await c.query(`SELECT id FROM app_user WHERE staff_number = $1`, [VIEWER])).rows[0].id;
  await c.end();
  let m = await createMeeting(base, organiser, 'ベンチ 資料の表示');
  m = await api(base, organiser, 'POST', `/api/meetings/${m.id}/participants`, {
    userId: viewerId,
    role: 'attendee',
  });
  m = await api(base, organiser, 'POST', `/api/meetings/${m.id}/agenda`, { title: '資料' });
  const materials = {};
  for (const [name, path] of Object.entries(pdfs)) {
    const t0 = performance.now();
    m = await upload(base, organiser, m, path);
    materials[name] = m.agenda[0].materials.at(-1).id;
    log?.(`  uploaded ${name} as a material in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await api(base, organiser, 'POST', `/api/meetings/${m.id}/distribute`);
  return { meetingId: m.id, materials, viewerCookie };
}

/**
 * Meeting S in session with `followers` bench staff (members of 会計課, the participating department), each
 * signed in once (`concurrency` sign-ins at a time). Returns the presenter's and the followers' cookies.
 */
export async function seedLiveMeeting({ base, url, followers, concurrency = 4, log }) {
  const c = new Client({ connectionString: url });
  await c.connect();
  let department;
  try {
    department = (await c.query(`SELECT id FROM department WHERE code = $1`, [FOLLOWERS_DEPARTMENT])).rows[0]
      .id;
    const staff = (
      await c.query(
        `INSERT INTO app_user (staff_number, family_name, given_name, family_name_kana, given_name_kana, password_hash)
         SELECT 'M' || lpad(g::text, 3, '0'), 'ベンチ', '出席者' || g, 'ベンチ', 'シュッセキシャ',
                (SELECT password_hash FROM app_user WHERE staff_number = $2)
           FROM generate_series(1, $1::int) g
         RETURNING id, staff_number`,
        [followers, VIEWER],
      )
    ).rows;
    await c.query(
      `INSERT INTO membership (user_id, department_id, position_id, is_primary, valid_from)
       SELECT u, $2::uuid, (SELECT id FROM position WHERE code = 'SHUJI'), true, DATE '2000-01-01'
         FROM unnest($1::uuid[]) AS u`,
      [staff.map((s) => s.id), department],
    );
    const organiser = await signIn(base, ORGANISER, DEMO_PASSWORD);
    let m = await createMeeting(base, organiser, 'ベンチ 全員で資料を見る');
    m = await api(base, organiser, 'POST', `/api/meetings/${m.id}/participants`, {
      departmentId: department,
      role: 'attendee',
    });
    m = await api(base, organiser, 'POST', `/api/meetings/${m.id}/agenda`, { title: '説明' });
    m = await upload(base, organiser, m, join(root, 'tests/fixtures/pdfs/tracemonkey.pdf'));
    const materialId = m.agenda[0].materials[0].id;
    await api(base, organiser, 'POST', `/api/meetings/${m.id}/distribute`);
    await api(base, organiser, 'POST', `/api/meetings/${m.id}/start`);

    const t0 = performance.now();
    const cookies = new Array(staff.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < staff.length) {
          const i = next++;
          cookies[i] = await signIn(base, staff[i].staff_number, DEMO_PASSWORD);
        }
      }),
    );
    log?.(
      `  ${staff.length} followers signed in through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return { meetingId: m.id, materialId, presenterCookie: organiser, followerCookies: cookies };
  } finally {
    await c.end();
  }
}
