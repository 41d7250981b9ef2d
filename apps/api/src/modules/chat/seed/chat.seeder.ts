import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config.schema';
import type { AuthUser } from '../../../core/auth/auth.types';
import { UnitOfWork } from '../../../core/database/unit-of-work';
import { DemoTownSeeder } from '../../org/seed/demo-town.seeder';
import { ChatChannelsService } from '../chat-channels.service';
import { ChatMessagesService } from '../chat-messages.service';

/** A few channels and messages of デモ町, so the chat is not empty on the first visit (SEED_DEMO). */
@Injectable()
export class ChatSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orgSeeder: DemoTownSeeder,
    private readonly channels: ChatChannelsService,
    private readonly messages: ChatMessagesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO) return;
    await this.orgSeeder.onApplicationBootstrap();
    const [state]: { seeded: boolean }[] = await this.uow.query(
      `SELECT EXISTS (SELECT 1 FROM chat_message) OR EXISTS (SELECT 1 FROM chat_channel WHERE kind <> 'all_staff'
                AND kind <> 'department') AS seeded`,
    );
    if (state?.seeded) return;
    const people: { id: string; staff_number: string; role: AuthUser['role'] }[] = await this.uow.query(
      `SELECT id, staff_number, role FROM app_user WHERE staff_number = ANY($1) AND active`,
      [['1001', '1005', '1008', '1010', '0001']],
    );
    const by = (n: string) => people.find((p) => p.staff_number === n);
    const chief = by('1001');
    const admin = by('1005');
    const staff = by('1008');
    if (!chief || !admin || !staff) return;
    const as = (p: { id: string; role: AuthUser['role'] }) =>
      ({ id: p.id, role: p.role, locale: 'ja' }) as AuthUser;
    const [allStaff]: { id: string }[] = await this.uow.query(
      `SELECT id FROM chat_channel WHERE kind = 'all_staff'`,
    );
    const say = (p: typeof chief, channelId: string, text: string, extra: { ackRequested?: boolean } = {}) =>
      this.messages.send(as(p), channelId, { clientId: randomUUID(), text, ...extra });
    await say(
      admin,
      allStaff!.id,
      '業務チャットの運用を始めました。全庁への連絡はこのチャンネルで行います。所属ごとのチャンネルは組織図から自動で作られます。',
    );
    await say(chief, allStaff!.id, '来週の課長会議の資料は会議のページに掲載します。紙の配布はありません。', {
      ackRequested: true,
    });
    const bousai = await this.channels.create(as(admin), {
      name: '防災・災害対応',
      kind: 'public',
      topic: '防災訓練と災害時の情報共有',
      description: '災害時はこのチャンネルと安否確認で連絡を取り合います。',
      memberIds: people.map((p) => p.id).filter((id) => id !== admin.id),
    });
    await say(
      staff,
      bousai.id,
      '防災訓練の会場設営、9時から始めます。手の空いている方は体育館へお願いします。',
    );
    this.logger.log('Seeded the demo chat');
  }
}
