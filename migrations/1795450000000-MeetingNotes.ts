import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private notes (個人メモ) on the pages of meeting materials: read and written only by their author. A note is on
 * one version of a material; when the material is replaced, it moves to the matching page of the new version
 * (found again by its text anchor) and `page_changed` says the page's content changed since it was written.
 * Deleting the meeting, the material or the version deletes the notes with it (disposal).
 */
export class MeetingNotes1795450000000 implements MigrationInterface {
  name = 'MeetingNotes1795450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        material_id uuid NOT NULL REFERENCES meeting_material (id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES meeting_material_version (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        page integer NOT NULL CHECK (page >= 1),
        kind text NOT NULL CHECK (kind IN ('pen', 'highlight', 'text', 'bookmark')),
        body jsonb NOT NULL CHECK (body ->> 'kind' = kind),
        anchor jsonb NOT NULL,
        page_changed boolean NOT NULL DEFAULT false,
        moved_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meeting_note_author_idx ON meeting_note (author_id, material_id)`);
    await q.query(`CREATE INDEX meeting_note_version_idx ON meeting_note (version_id)`);
    await q.query(`CREATE INDEX meeting_note_meeting_idx ON meeting_note (meeting_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_note`);
  }
}
