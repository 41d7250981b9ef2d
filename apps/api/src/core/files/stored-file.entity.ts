import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file's metadata; its bytes are in the blob store under `sha256`. */
@Entity('stored_file')
@Index('stored_file_sha256_idx', ['sha256'])
export class StoredFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({
    name: 'size_bytes',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  size!: number;

  @Column({ name: 'mime_type', type: 'text' })
  mimeType!: string;

  @Column({ type: 'text' })
  name!: string;

  /** What the file is for; the access policy registered for the purpose decides who may read it. */
  @Column({ type: 'text' })
  purpose!: string;

  /** Pages of a PDF checked at upload (`pdf: { inspect: true }`); null otherwise. Texts: `stored_file_text`. */
  @Column({ name: 'page_count', type: 'integer', nullable: true })
  pageCount!: number | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  /** The bytes were destroyed at the end of retention (records module); the row stays as proof. */
  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
