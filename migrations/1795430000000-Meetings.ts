import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings (会議, issue 7): the meeting, its participants (a person or a whole department), its agenda items in
 * order, the materials of each item and their versions (PDFs in the blob store; replacing one marks the old
 * version superseded, never deletes it).
 */
export class Meetings1795430000000 implements MigrationInterface {
  name = 'Meetings1795430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('executive_council', 'section_chiefs', 'committee', 'other')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        place text NOT NULL DEFAULT '',
        organiser_id uuid NOT NULL REFERENCES app_user (id),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'distributed', 'in_session', 'closed')),
        dispose_after date NULL,
        distributed_at timestamptz NULL,
        started_at timestamptz NULL,
        closed_at timestamptz NULL,
        lock_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_times CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX meeting_organiser_idx ON meeting (organiser_id, starts_at)`);
    await q.query(`CREATE INDEX meeting_starts_idx ON meeting (starts_at)`);

    await q.query(`
      CREATE TABLE meeting_participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        user_id uuid NULL REFERENCES app_user (id),
        department_id uuid NULL REFERENCES department (id),
        role text NOT NULL CHECK (role IN ('chair', 'presenter', 'attendee', 'observer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_participant_one_of CHECK ((user_id IS NULL) <> (department_id IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX meeting_participant_user_uq ON meeting_participant (meeting_id, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX meeting_participant_department_uq ON meeting_participant (meeting_id, department_id) WHERE department_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX meeting_participant_user_idx ON meeting_participant (user_id)`);
    await q.query(`CREATE INDEX meeting_participant_department_idx ON meeting_participant (department_id)`);

    await q.query(`
      CREATE TABLE meeting_agenda_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        presenter_id uuid NULL REFERENCES app_user (id),
        duration_minutes integer NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX meeting_agenda_item_meeting_idx ON meeting_agenda_item (meeting_id, position)`,
    );

    await q.query(`
      CREATE TABLE meeting_material (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agenda_item_id uuid NOT NULL REFERENCES meeting_agenda_item (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        position integer NOT NULL CHECK (position >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meeting_material_item_idx ON meeting_material (agenda_item_id, position)`);

    await q.query(`
      CREATE TABLE meeting_material_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        material_id uuid NOT NULL REFERENCES meeting_material (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        stored_file_id uuid NOT NULL REFERENCES stored_file (id) ON DELETE RESTRICT,
        page_count integer NULL CHECK (page_count >= 0),
        uploaded_by uuid NOT NULL REFERENCES app_user (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz NULL,
        CONSTRAINT meeting_material_version_uq UNIQUE (material_id, version)
      )`);
    await q.query(
      `CREATE INDEX meeting_material_version_file_idx ON meeting_material_version (stored_file_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_material_version`);
    await q.query(`DROP TABLE meeting_material`);
    await q.query(`DROP TABLE meeting_agenda_item`);
    await q.query(`DROP TABLE meeting_participant`);
    await q.query(`DROP TABLE meeting`);
  }
}
