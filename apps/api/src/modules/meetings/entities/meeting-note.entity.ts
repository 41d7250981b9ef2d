import type { NoteAnchor, NoteBody, NoteKind } from '@ringi/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A private note on a page of a material version: only its author reads or changes it. */
@Entity('meeting_note')
@Index('meeting_note_author_idx', ['authorId', 'materialId'])
@Index('meeting_note_version_idx', ['versionId'])
@Index('meeting_note_meeting_idx', ['meetingId'])
export class MeetingNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ name: 'material_id', type: 'uuid' })
  materialId!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'integer' })
  page!: number;

  @Column({ type: 'text' })
  kind!: NoteKind;

  /** Versioned JSON (`v`), read through `upgradeNoteBody`. */
  @Column({ type: 'jsonb' })
  body!: NoteBody;

  @Column({ type: 'jsonb' })
  anchor!: NoteAnchor;

  @Column({ name: 'page_changed', type: 'boolean', default: false })
  pageChanged!: boolean;

  @Column({ name: 'moved_at', type: 'timestamptz', nullable: true })
  movedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
