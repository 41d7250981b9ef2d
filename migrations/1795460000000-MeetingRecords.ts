import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After the meeting (issue 7): minutes (議事録), the search index of PDF page texts, and disposal (廃棄).
 *
 * - `meeting_minutes`: one row per meeting, its text and/or a PDF (`stored_file`), with a version for optimistic
 *   concurrency. Goes with the meeting.
 * - Search (ARCHITECTURE §8): `ringi_search_norm` normalises text (NFKC, lower case, no white space: PDF text breaks
 *   lines inside Japanese words); `ringi_search_grams` gives its distinct characters and character bigrams.
 *   `stored_file_text.grams` holds them for every page (a generated column, so every writer of page texts and the
 *   rows stored before are indexed alike) under a GIN index; a query asks for all grams of each word (`@>`) and
 *   then confirms the word in the normalised text. Works on any PostgreSQL 13+ (no pg_bigm, no PGroonga).
 * - `meeting.disposed_at`: a disposed meeting's row stays as a tombstone (audit events name it); its participants,
 *   agenda, materials, versions, files, minutes, presentation and notes are deleted.
 */
export class MeetingRecords1795460000000 implements MigrationInterface {
  name = 'MeetingRecords1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ringi_search_norm(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT regexp_replace(lower(normalize(t, NFKC)), '\\s+', '', 'g') $$`);
    // Characters and bigrams in one pass (unnest + lead): substr() or array subscripts on a long multibyte text
    // walk it from the start each time (quadratic: 26 s for a 10,000-character page; this takes 80 ms).
    await q.query(`
      CREATE FUNCTION ringi_search_grams(t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$
          SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
            FROM (SELECT ch, lead(ch) OVER (ORDER BY i) AS nx
                    FROM unnest(string_to_array(ringi_search_norm(t), NULL)) WITH ORDINALITY AS u(ch, i)) x,
                 LATERAL (VALUES (x.ch), (x.ch || x.nx)) AS s(g)
           WHERE g IS NOT NULL
        $$`);
    await q.query(
      `ALTER TABLE stored_file_text ADD COLUMN grams text[] GENERATED ALWAYS AS (ringi_search_grams(text)) STORED`,
    );
    await q.query(`CREATE INDEX stored_file_text_grams_idx ON stored_file_text USING gin (grams)`);

    await q.query(`
      CREATE TABLE meeting_minutes (
        meeting_id uuid PRIMARY KEY REFERENCES meeting (id) ON DELETE CASCADE,
        text text NOT NULL DEFAULT '' CHECK (length(text) <= 100000),
        stored_file_id uuid NULL REFERENCES stored_file (id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_by uuid NOT NULL REFERENCES app_user (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meeting_minutes_file_idx ON meeting_minutes (stored_file_id)`);

    await q.query(`ALTER TABLE meeting ADD COLUMN disposed_at timestamptz NULL`);
    await q.query(`CREATE INDEX meeting_dispose_after_idx ON meeting (dispose_after)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX meeting_dispose_after_idx`);
    await q.query(`ALTER TABLE meeting DROP COLUMN disposed_at`);
    await q.query(`DROP TABLE meeting_minutes`);
    await q.query(`DROP INDEX stored_file_text_grams_idx`);
    await q.query(`ALTER TABLE stored_file_text DROP COLUMN grams`);
    await q.query(`DROP FUNCTION ringi_search_grams(text)`);
    await q.query(`DROP FUNCTION ringi_search_norm(text)`);
  }
}
