import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One in-app notification (お知らせ) of one person, with its texts in both languages. */
@Entity('notification')
@Index('notification_user_created_idx', ['userId', 'createdAt'])
@Index('notification_unread_idx', ['userId'], { where: 'read_at IS NULL' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'title_ja', type: 'text' })
  titleJa!: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn!: string;

  @Column({ name: 'body_ja', type: 'text', nullable: true })
  bodyJa!: string | null;

  @Column({ name: 'body_en', type: 'text', nullable: true })
  bodyEn!: string | null;

  @Column({ type: 'text', nullable: true })
  link!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
