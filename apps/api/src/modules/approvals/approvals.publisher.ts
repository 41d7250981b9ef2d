import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { RealtimeGateway, userRoom } from '../../core/realtime/realtime.gateway';
import { ApprovalReadService } from './approval-read.service';
import { APPROVAL_INBOX_CHANGED, type ApprovalInboxChangedEvent } from './approvals.events';

/**
 * Turns committed approval changes into `approvals:counts` for each person concerned (`user:{id}`) who has the app
 * open somewhere; nobody's counts are computed for no one to read.
 */
@Injectable()
export class ApprovalsPublisher {
  private readonly logger = new Logger('ApprovalsPublisher');

  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly read: ApprovalReadService,
  ) {}

  @OnEvent(APPROVAL_INBOX_CHANGED, { async: true, promisify: true })
  async onInboxChanged(event: ApprovalInboxChangedEvent): Promise<void> {
    if (!this.gateway.server) return;
    try {
      for (const userId of event.userIds) {
        const room = this.gateway.server.in(userRoom(userId));
        // Counts only for people with the app open (on any instance): the others load them when they come.
        if (!(await room.fetchSockets()).length) continue;
        room.emit('approvals:counts', await this.read.counts(userId));
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'approval counts not published');
    }
  }
}
