import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { NotificationsService } from './notifications.service';

/**
 * The event the meetings module emits after commit when a meeting is distributed (`meeting.distributed` in
 * modules/meetings/meetings.events.ts). Only the fields used here are named, so this module does not import the
 * meetings module (events are the agreed boundary).
 */
export const MEETING_DISTRIBUTED_EVENT = 'meeting.distributed';
export interface MeetingDistributedEventShape {
  meetingId: string;
  title: string;
  startsAt: string;
  place: string;
  userIds: string[];
}

/** `meeting.material_replaced` (modules/meetings/meetings.events.ts): a material got a corrected version. */
export const MEETING_MATERIAL_REPLACED_EVENT = 'meeting.material_replaced';
export interface MeetingMaterialReplacedEventShape {
  meetingId: string;
  title: string;
  materialId: string;
  materialTitle: string;
  version: number;
  userIds: string[];
}

/** `meeting.disposed`: nothing of the meeting is readable any more. */
export const MEETING_DISPOSED_EVENT = 'meeting.disposed';

/** The app path of a meeting in the web app. */
export const meetingLink = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}`;

const JA_DATE = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const EN_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tokyo',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** The app path of a material of a meeting (its current version). */
export const materialLink = (meetingId: string, materialId: string) =>
  `${meetingLink(meetingId)}/materials/${encodeURIComponent(materialId)}`;

/**
 * A meeting was distributed, or one of its materials replaced by a corrected version (訂正・差し替え): each
 * participant (also the members of a department taking part) is told.
 */
@Injectable()
export class MeetingNotificationsListener {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationsService,
  ) {}

  @OnEvent(MEETING_DISTRIBUTED_EVENT, { async: true, promisify: true })
  async onDistributed(event: MeetingDistributedEventShape): Promise<void> {
    const at = new Date(event.startsAt);
    const where = event.place ? { ja: `（${event.place}）`, en: ` (${event.place})` } : { ja: '', en: '' };
    try {
      await this.uow.run((tx) =>
        this.notifications.notify(tx, {
          userIds: event.userIds,
          kind: 'meeting.distributed',
          title: {
            ja: `会議の資料が配布されました：${event.title}`,
            en: `Meeting materials distributed: ${event.title}`,
          },
          body: {
            ja: `${JA_DATE.format(at)}開始${where.ja}。議題と資料を確かめてください。`,
            en: `Starts ${EN_DATE.format(at)}${where.en}. Please read the agenda and materials.`,
          },
          link: meetingLink(event.meetingId),
        }),
      );
    } catch (error) {
      this.logger.error({ err: error, meetingId: event.meetingId }, 'notifying a distributed meeting failed');
    }
  }

  @OnEvent(MEETING_MATERIAL_REPLACED_EVENT, { async: true, promisify: true })
  async onMaterialReplaced(event: MeetingMaterialReplacedEventShape): Promise<void> {
    if (event.userIds.length === 0) return;
    try {
      await this.uow.run((tx) =>
        this.notifications.notify(tx, {
          userIds: event.userIds,
          kind: 'meeting.material_replaced',
          title: {
            ja: `資料が差し替えられました：${event.materialTitle}`,
            en: `Material replaced: ${event.materialTitle}`,
          },
          body: {
            ja: `「${event.title}」の資料が第${event.version}版になりました。個人メモは新しい版の同じ内容のページに移っています。`,
            en: `The material of "${event.title}" is now version ${event.version}. Your notes have moved to the matching pages.`,
          },
          link: materialLink(event.meetingId, event.materialId),
        }),
      );
    } catch (error) {
      this.logger.error({ err: error, meetingId: event.meetingId }, 'notifying a replaced material failed');
    }
  }

  /** A disposed meeting leaves no notification behind (they would show its title and lead to nothing). */
  @OnEvent(MEETING_DISPOSED_EVENT, { async: true, promisify: true })
  async onDisposed(event: { meetingId: string }): Promise<void> {
    try {
      await this.uow.run((tx) => this.notifications.withdraw(tx, meetingLink(event.meetingId)));
    } catch (error) {
      this.logger.error({ err: error, meetingId: event.meetingId }, 'withdrawing a disposed meeting failed');
    }
  }
}
