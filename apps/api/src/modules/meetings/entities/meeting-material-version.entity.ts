import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One version of a material (a stored PDF). Replacing a material supersedes its current version; none is deleted. */
@Entity('meeting_material_version')
@Unique('meeting_material_version_uq', ['materialId', 'version'])
@Index('meeting_material_version_file_idx', ['storedFileId'])
export class MeetingMaterialVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'material_id', type: 'uuid' })
  materialId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'stored_file_id', type: 'uuid' })
  storedFileId!: string;

  @Column({ name: 'page_count', type: 'integer', nullable: true })
  pageCount!: number | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}
