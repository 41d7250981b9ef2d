import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business chat (業務チャット, issue 8).
 *
 * - `chat_channel`: all-staff (one), department (one per department, its name and life follow the department),
 *   public, private and direct (1:1 and group; `direct_key` = the members' sorted ids, so a pair has one).
 *   `message_seq` numbers messages, `change_seq` numbers every change to the channel's messages; both are taken
 *   with `UPDATE … RETURNING` in the writing transaction, which holds the channel row until commit, so numbers
 *   are given in commit order and everyone sees the same order.
 * - Members: `chat_member` for public, private and direct channels. All-staff and department channels have no
 *   rows: their members are whoever the org chart says today (`chat_channel_member`, a view), so an April 1
 *   transfer moves people by itself and 兼務 puts them in both. A department's channel holds the people of the
 *   department and of every department below it that day.
 * - `chat_message`: `seq` (its place), `change_seq` (its last change: catch-up reads `change_seq > n`),
 *   `client_id` unique per author (resending returns the saved message), `search_text` (the text with mentions
 *   as names; empty once deleted) indexed as characters and bigrams (ARCHITECTURE §8).
 * - `chat_read_state`: per person and channel, how far they have read and which messages notify them.
 * - `chat_reaction`, `chat_ack` (確認しました), `chat_message_file` (attachments; files' access follows the
 *   channel), `chat_presence` (what a person says about themself: away, テレワーク中).
 */
export class Chat1795480000000 implements MigrationInterface {
  name = 'Chat1795480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE chat_channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('all_staff', 'department', 'public', 'private', 'direct')),
        name text NULL CHECK (name IS NULL OR length(name) BETWEEN 1 AND 80),
        topic text NOT NULL DEFAULT '' CHECK (length(topic) <= 250),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
        department_id uuid NULL UNIQUE REFERENCES department (id) ON DELETE CASCADE,
        direct_key text NULL UNIQUE,
        receipts_enabled boolean NOT NULL DEFAULT false,
        archived_at timestamptz NULL,
        message_seq bigint NOT NULL DEFAULT 0 CHECK (message_seq >= 0),
        change_seq bigint NOT NULL DEFAULT 0 CHECK (change_seq >= 0),
        last_message_at timestamptz NULL,
        created_by uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chat_channel_department CHECK ((kind = 'department') = (department_id IS NOT NULL)),
        CONSTRAINT chat_channel_direct CHECK ((kind = 'direct') = (direct_key IS NOT NULL)),
        CONSTRAINT chat_channel_named CHECK ((kind IN ('public', 'private')) = (name IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX chat_channel_one_all_staff ON chat_channel (kind) WHERE kind = 'all_staff'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX chat_channel_name_idx ON chat_channel (lower(name)) WHERE name IS NOT NULL AND archived_at IS NULL`,
    );
    await q.query(`INSERT INTO chat_channel (kind) VALUES ('all_staff')`);
    await q.query(`INSERT INTO chat_channel (kind, department_id) SELECT 'department', id FROM department`);
    // Every department gets its channel as it is created (also ahead of an April 1 reorganisation).
    await q.query(`
      CREATE FUNCTION chat_department_channel() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO chat_channel (kind, department_id) VALUES ('department', NEW.id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER chat_department_channel AFTER INSERT ON department
      FOR EACH ROW EXECUTE FUNCTION chat_department_channel()`);

    await q.query(`
      CREATE TABLE chat_member (
        channel_id uuid NOT NULL REFERENCES chat_channel (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_id, user_id)
      )`);
    await q.query(`CREATE INDEX chat_member_user_idx ON chat_member (user_id)`);

    // Who is in a department's channel today: its people and those of every department below it (本務・兼務).
    await q.query(`
      CREATE FUNCTION ringi_tokyo_today() RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT (now() AT TIME ZONE 'Asia/Tokyo')::date $$`);
    await q.query(`
      CREATE VIEW chat_channel_member AS
        SELECT m.channel_id, m.user_id, m.role, false AS from_org_chart
          FROM chat_member m JOIN app_user u ON u.id = m.user_id AND u.active
        UNION ALL
        SELECT c.id, u.id, 'member', true
          FROM chat_channel c JOIN app_user u ON u.active
         WHERE c.kind = 'all_staff'
        UNION ALL
        SELECT DISTINCT ON (t.channel_id, ms.user_id) t.channel_id, ms.user_id, 'member', true
          FROM (WITH RECURSIVE tree (channel_id, department_id) AS (
                  SELECT c.id, c.department_id FROM chat_channel c WHERE c.kind = 'department'
                  UNION
                  SELECT tree.channel_id, v.department_id
                    FROM tree JOIN department_version v
                      ON v.parent_id = tree.department_id
                     AND v.valid_from <= ringi_tokyo_today()
                     AND (v.valid_to IS NULL OR v.valid_to >= ringi_tokyo_today()))
                SELECT * FROM tree) t
          JOIN membership ms ON ms.department_id = t.department_id
                            AND ms.valid_from <= ringi_tokyo_today()
                            AND (ms.valid_to IS NULL OR ms.valid_to >= ringi_tokyo_today())
          JOIN app_user u ON u.id = ms.user_id AND u.active`);

    await q.query(`
      CREATE TABLE chat_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id uuid NOT NULL REFERENCES chat_channel (id) ON DELETE CASCADE,
        seq bigint NOT NULL CHECK (seq >= 1),
        change_seq bigint NOT NULL CHECK (change_seq >= 1),
        author_id uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        client_id uuid NOT NULL,
        kind text NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'system')),
        body text NOT NULL CHECK (length(body) <= 4000),
        search_text text NOT NULL DEFAULT '',
        thread_root_id uuid NULL REFERENCES chat_message (id) ON DELETE CASCADE,
        reply_count integer NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
        last_reply_at timestamptz NULL,
        mention_ids uuid[] NOT NULL DEFAULT '{}',
        mention_all text NULL CHECK (mention_all IN ('channel', 'here')),
        links jsonb NOT NULL DEFAULT '[]',
        ack_requested boolean NOT NULL DEFAULT false,
        ack_count integer NOT NULL DEFAULT 0 CHECK (ack_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz NULL,
        deleted_at timestamptz NULL,
        norm text GENERATED ALWAYS AS (ringi_search_norm(search_text)) STORED,
        grams text[] GENERATED ALWAYS AS (ringi_search_grams(search_text)) STORED,
        CONSTRAINT chat_message_seq_unique UNIQUE (channel_id, seq),
        CONSTRAINT chat_message_client_unique UNIQUE (author_id, client_id)
      )`);
    await q.query(`CREATE INDEX chat_message_changes_idx ON chat_message (channel_id, change_seq)`);
    await q.query(
      `CREATE INDEX chat_message_thread_idx ON chat_message (thread_root_id, seq) WHERE thread_root_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX chat_message_grams_idx ON chat_message USING gin (grams)`);
    await q.query(`CREATE INDEX chat_message_mentions_idx ON chat_message USING gin (mention_ids)`);
    await q.query(`CREATE INDEX chat_message_author_idx ON chat_message (author_id, created_at)`);

    await q.query(`
      CREATE TABLE chat_message_file (
        message_id uuid NOT NULL REFERENCES chat_message (id) ON DELETE CASCADE,
        stored_file_id uuid NOT NULL REFERENCES stored_file (id) ON DELETE RESTRICT,
        position smallint NOT NULL,
        PRIMARY KEY (message_id, stored_file_id)
      )`);
    await q.query(`CREATE INDEX chat_message_file_file_idx ON chat_message_file (stored_file_id)`);

    await q.query(`
      CREATE TABLE chat_reaction (
        message_id uuid NOT NULL REFERENCES chat_message (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        emoji text NOT NULL CHECK (length(emoji) BETWEEN 1 AND 16),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, user_id, emoji)
      )`);

    await q.query(`
      CREATE TABLE chat_ack (
        message_id uuid NOT NULL REFERENCES chat_message (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        acked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, user_id)
      )`);

    await q.query(`
      CREATE TABLE chat_read_state (
        channel_id uuid NOT NULL REFERENCES chat_channel (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        last_read_seq bigint NOT NULL DEFAULT 0 CHECK (last_read_seq >= 0),
        read_at timestamptz NULL,
        notify text NULL CHECK (notify IN ('all', 'mentions', 'none')),
        PRIMARY KEY (channel_id, user_id)
      )`);
    await q.query(`CREATE INDEX chat_read_state_user_idx ON chat_read_state (user_id)`);

    await q.query(`
      CREATE TABLE chat_presence (
        user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        presence text NOT NULL CHECK (presence IN ('online', 'away', 'telework')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE chat_presence`);
    await q.query(`DROP TABLE chat_read_state`);
    await q.query(`DROP TABLE chat_ack`);
    await q.query(`DROP TABLE chat_reaction`);
    await q.query(`DROP TABLE chat_message_file`);
    await q.query(`DROP TABLE chat_message`);
    await q.query(`DROP VIEW chat_channel_member`);
    await q.query(`DROP FUNCTION ringi_tokyo_today()`);
    await q.query(`DROP TABLE chat_member`);
    await q.query(`DROP TRIGGER chat_department_channel ON department`);
    await q.query(`DROP FUNCTION chat_department_channel()`);
    await q.query(`DROP TABLE chat_channel`);
  }
}
