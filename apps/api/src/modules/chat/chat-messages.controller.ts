import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { ErrorCode } from '@ringi/contracts';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { ChatDraftsService } from './chat-drafts.service';
import { ChatLinksService } from './chat-links.service';
import { ChatMessagesService } from './chat-messages.service';
import { ChatSearchService } from './chat-search.service';
import { ChatNotificationsService } from './chat-notifications.service';
import {
  ChangesQueryDto,
  ChannelIdParamDto,
  ChatChangesDto,
  ChatDraftCreatedDto,
  ChatLinkPreviewsDto,
  ChatMessageDto,
  ChatMessagePageDto,
  ChatSearchQueryDto,
  ChatSearchResultDto,
  ChatThreadDto,
  EditMessageDto,
  LinkPreviewQueryDto,
  MarkReadDto,
  MarkReadResultDto,
  MessagePageQueryDto,
  MessageParamDto,
  ReactionDto,
  RemindedDto,
  SendMessageDto,
} from './chat.dto';

/** What an action on a member's message of a channel can answer, besides its own errors. */
const ON_MESSAGE = [
  'chat/channel_not_found',
  'chat/not_member',
  'chat/message_not_found',
  'chat/message_deleted',
] as const satisfies readonly ErrorCode[];
/** …and when it changes the message (an archived channel is read-only). */
const CHANGING_MESSAGE = [...ON_MESSAGE, 'chat/channel_archived'] as const satisfies readonly ErrorCode[];

/**
 * Messages of a channel: read (latest, older, around a message, a thread, every change after a change number),
 * send, edit, delete, react, confirm, mark read; search; link previews; 「起案にする」.
 */
@Controller('chat')
export class ChatMessagesController {
  constructor(
    private readonly messages: ChatMessagesService,
    private readonly search: ChatSearchService,
    private readonly links: ChatLinksService,
    private readonly drafts: ChatDraftsService,
    private readonly notifications: ChatNotificationsService,
  ) {}

  /** Search in my channels and the public ones; `q` of one character or more (会議, 予, meeting). */
  @Get('search')
  @ZodResponse({ status: 200, type: ChatSearchResultDto })
  find(@CurrentUser() user: AuthUser, @Query() query: ChatSearchQueryDto) {
    return this.search.find(user, query);
  }

  /** Preview cards of `approval:<id>` and `meeting:<id>` links, only of those I may see. */
  @Get('link-previews')
  @ZodResponse({ status: 200, type: ChatLinkPreviewsDto })
  async previews(@CurrentUser() user: AuthUser, @Query() { refs }: LinkPreviewQueryDto) {
    return { items: await this.links.previews(user, refs) };
  }

  /** The latest messages (no `before`/`around`), older ones (`before`), or those around a message (`around`). */
  @Get('channels/:id/messages')
  @ZodResponse({ status: 200, type: ChatMessagePageDto })
  @ApiErrors('chat/channel_not_found')
  page(
    @CurrentUser() user: AuthUser,
    @Param() { id }: ChannelIdParamDto,
    @Query() query: MessagePageQueryDto,
  ) {
    return this.messages.page(user, id, query);
  }

  /** Every message changed after change number `after` (new, edited, deleted, reacted to, replied to). */
  @Get('channels/:id/changes')
  @ZodResponse({ status: 200, type: ChatChangesDto })
  @ApiErrors('chat/channel_not_found')
  changes(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto, @Query() q: ChangesQueryDto) {
    return this.messages.changes(user, id, q.after, q.limit);
  }

  /** Sends a message (as the `chat:send` socket event); the same `clientId` again returns the saved message. */
  @Post('channels/:id/messages')
  @ZodResponse({ status: 201, type: ChatMessageDto })
  @ApiErrors(
    'chat/channel_not_found',
    'chat/not_member',
    'chat/channel_archived',
    'chat/empty_message',
    'chat/thread_not_found',
    'chat/file_not_found',
    'chat/client_id_reused',
  )
  send(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto, @Body() body: SendMessageDto) {
    return this.messages.send(user, id, body);
  }

  @Post('channels/:id/read')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: MarkReadResultDto })
  @ApiErrors('chat/channel_not_found', 'chat/not_member')
  read(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto, @Body() body: MarkReadDto) {
    return this.messages.markRead(user, id, body.seq);
  }

  @Get('channels/:id/messages/:messageId')
  @ZodResponse({ status: 200, type: ChatMessageDto })
  @ApiErrors('chat/channel_not_found', 'chat/message_not_found')
  one(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageParamDto) {
    return this.messages.one(user, id, messageId);
  }

  @Get('channels/:id/messages/:messageId/thread')
  @ZodResponse({ status: 200, type: ChatThreadDto })
  @ApiErrors('chat/channel_not_found', 'chat/message_not_found')
  thread(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageParamDto) {
    return this.messages.thread(user, id, messageId);
  }

  @Patch('channels/:id/messages/:messageId')
  @ZodResponse({ status: 200, type: ChatMessageDto })
  @ApiErrors(...CHANGING_MESSAGE, 'chat/not_author')
  edit(
    @CurrentUser() user: AuthUser,
    @Param() { id, messageId }: MessageParamDto,
    @Body() body: EditMessageDto,
  ) {
    return this.messages.edit(user, id, messageId, body);
  }

  @Delete('channels/:id/messages/:messageId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The message is deleted; it stays in place as deleted.' })
  @ApiErrors(...CHANGING_MESSAGE, 'chat/not_author')
  async remove(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageParamDto): Promise<void> {
    await this.messages.remove(user, id, messageId);
  }

  @Post('channels/:id/messages/:messageId/reactions')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: ChatMessageDto })
  @ApiErrors(...CHANGING_MESSAGE, 'chat/too_many_reactions')
  react(
    @CurrentUser() user: AuthUser,
    @Param() { id, messageId }: MessageParamDto,
    @Body() body: ReactionDto,
  ) {
    return this.messages.react(user, id, messageId, body);
  }

  /** 確認しました (once; again changes nothing). */
  @Post('channels/:id/messages/:messageId/ack')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: ChatMessageDto })
  @ApiErrors(...ON_MESSAGE, 'chat/ack_not_requested')
  ack(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageParamDto) {
    return this.messages.acknowledge(user, id, messageId);
  }

  /** Reminds everyone who has not confirmed yet (the sender, the channel's managers); answers how many. */
  @Post('channels/:id/messages/:messageId/acks/remind')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: RemindedDto })
  @ApiErrors(...ON_MESSAGE, 'chat/ack_not_requested', 'chat/not_author')
  remind(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageParamDto) {
    return this.notifications.remindAcks(user, id, messageId);
  }

  /** 「起案にする」: a draft 起案 from the message (and its thread), files carried over, linking back. */
  @Post('channels/:id/messages/:messageId/draft')
  @ZodResponse({ status: 201, type: ChatDraftCreatedDto })
  @ApiErrors('chat/channel_not_found', 'chat/message_not_found', 'chat/message_deleted')
  draft(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageParamDto) {
    return this.drafts.fromMessage(user, id, messageId);
  }
}
