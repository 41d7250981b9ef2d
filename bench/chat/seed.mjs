// Bench people, channels and bulk messages. People are inserted in SQL with the demo password's hash and sign in
// through the API; channels are created through the API; bulk messages (catch-up, search) go in with SQL.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { api, signIn } from '../approvals/stack.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

export const DEMO_PASSWORD = 'ringi-demo-2026';
const PASSWORD_OF = '1010'; // a demo person whose password hash the bench people share

/** Common words of a town hall's messages; texts are made of them with particles in between. */
export const WORDS = [
  '会議',
  '予算',
  '防災',
  '住民',
  '確認',
  '資料',
  '提出',
  '明日',
  '課長',
  '説明会',
  '避難所',
  '道路',
  '補修',
  '申請',
  '午後',
  '窓口',
  '町内',
  '回覧板',
  '津波',
  '訓練',
  '議会',
  '広報',
  '税務',
  '福祉',
  '子育て',
  '学校',
  '給食',
  '除雪',
  '健康診断',
  '出張',
  '決裁',
  '起案',
  '台風',
  '見積',
  '契約',
  '工事',
  '水道',
  '図書館',
  '観光',
  '農業',
];

/** `count` people `C001`…, signed in, with their cookies (a few sign-ins at a time). */
export async function seedPeople({ base, url, count }) {
  const c = new Client({ connectionString: url });
  await c.connect();
  let rows;
  try {
    rows = (
      await c.query(
        `INSERT INTO app_user (staff_number, family_name, given_name, family_name_kana, given_name_kana, password_hash)
         SELECT 'C' || lpad(g::text, 3, '0'), 'ベンチ', '職員' || g, 'ベンチ', 'ショクイン',
                (SELECT password_hash FROM app_user WHERE staff_number = $2)
           FROM generate_series(1, $1::int) g
         RETURNING id, staff_number`,
        [count, PASSWORD_OF],
      )
    ).rows;
  } finally {
    await c.end();
  }
  const people = rows.map((r) => ({ id: r.id, staffNumber: r.staff_number, cookie: '' }));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < people.length) {
        const p = people[next++];
        p.cookie = await signIn(base, p.staffNumber, DEMO_PASSWORD);
      }
    }),
  );
  return people;
}

export const createChannel = (base, owner, name, kind, memberIds) =>
  api(base, owner.cookie, 'POST', '/api/chat/channels', { name, kind, memberIds });

/**
 * `count` messages in a channel straight in SQL, numbered after what it holds, as the service would number them
 * (seq and change_seq one each, the channel's counters moved on). Texts from WORDS, reproducibly random.
 * Secondary indexes of chat_message are dropped for the insert and built again when `rebuild` is set.
 */
export async function insertMessages({ url, channelId, authorIds, count, log, rebuild = false }) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const indexes = rebuild
      ? (
          await c.query(
            `SELECT indexname, indexdef FROM pg_indexes
              WHERE tablename = 'chat_message' AND indexname IN
                ('chat_message_changes_idx', 'chat_message_grams_idx', 'chat_message_mentions_idx',
                 'chat_message_author_idx', 'chat_message_thread_idx')`,
          )
        ).rows
      : [];
    for (const i of indexes) await c.query(`DROP INDEX ${i.indexname}`);
    const [{ message_seq: start }] = (
      await c.query(`SELECT message_seq FROM chat_channel WHERE id = $1`, [channelId])
    ).rows;
    const batch = 100_000;
    await c.query(`SELECT setseed(0.42)`);
    for (let from = 1; from <= count; from += batch) {
      const to = Math.min(count, from + batch - 1);
      // Each text: 3 to 6 words joined by particles, with a number (e.g. 明日の会議について予算を確認 12件).
      await c.query(
        `INSERT INTO chat_message (channel_id, seq, change_seq, author_id, client_id, body, search_text, created_at)
         SELECT $1, $2::bigint + g, $2::bigint + g, ($3::uuid[])[1 + (g % array_length($3::uuid[], 1))],
                gen_random_uuid(), t, t, now() - make_interval(secs => ($5::bigint - g) * 30)
           FROM generate_series($4::bigint, $5::bigint) g,
                LATERAL (SELECT string_agg(($6::text[])[1 + floor(random() * array_length($6::text[], 1))::int]
                                           || (ARRAY['の', 'について', 'を', 'は', 'と', 'で'])[1 + floor(random() * 6)::int],
                                           '') || ' ' || (g % 97) || '件' AS t
                           FROM generate_series(1, 3 + (g % 4)) k WHERE k > 0 * g) x`,
        [channelId, Number(start), authorIds, from, to, WORDS],
      );
      log?.(`  ${to.toLocaleString('en')} of ${count.toLocaleString('en')} messages inserted`);
    }
    await c.query(
      `UPDATE chat_channel SET message_seq = message_seq + $2, change_seq = change_seq + $2, last_message_at = now()
        WHERE id = $1`,
      [channelId, count],
    );
    for (const i of indexes) {
      const t0 = performance.now();
      await c.query(i.indexdef);
      log?.(`  ${i.indexname} built again in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    await c.query(`VACUUM (ANALYZE) chat_message`);
  } finally {
    await c.end();
  }
}

export const newClientId = () => randomUUID();
