import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A material (資料) of an agenda item; its bytes are its versions. */
@Entity('meeting_material')
@Index('meeting_material_item_idx', ['agendaItemId', 'position'])
export class MeetingMaterialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
