import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { ChatChannelsService } from './chat-channels.service';
import { ChatDisasterListener } from './chat-disaster.listener';
import { ChatDraftsService } from './chat-drafts.service';
import { ChatFilesService } from './chat-files.service';
import { ChatLinksService } from './chat-links.service';
import { ChatMessagesController } from './chat-messages.controller';
import { ChatMessagesService } from './chat-messages.service';
import { ChatNotificationsService } from './chat-notifications.service';
import { ChatPresenceService } from './chat-presence.service';
import { ChatSearchService } from './chat-search.service';
import { ChatController } from './chat.controller';
import { ChatChannelMemberAccess, ChatGateway } from './chat.gateway';
import { ChatPolicy } from './chat.policy';
import { ChatPublisher } from './chat.publisher';
import { ChatSeeder } from './seed/chat.seeder';

/**
 * Business chat (業務チャット, issue 8): channels (all-staff and per department from the org chart, public,
 * private, direct), messages with threads, mentions, reactions, files and confirmations, unread state and read
 * receipts, presence and typing, search, link previews and 「起案にする」. The chat policy is the one place
 * deciding access. Its tables are read and written with SQL (see README.md).
 */
@Module({
  imports: [OrgModule, NotificationsModule, ApprovalsModule, MeetingsModule],
  // ChatMessagesController first: its `GET chat/search` must not be taken for a channel route.
  controllers: [ChatMessagesController, ChatController],
  providers: [
    ChatPolicy,
    ChatChannelsService,
    ChatMessagesService,
    ChatPresenceService,
    ChatFilesService,
    ChatSearchService,
    ChatLinksService,
    ChatDraftsService,
    ChatNotificationsService,
    ChatChannelMemberAccess,
    ChatGateway,
    ChatPublisher,
    ChatSeeder,
    ChatDisasterListener,
  ],
  exports: [ChatMessagesService, ChatPolicy],
})
export class ChatModule {}
