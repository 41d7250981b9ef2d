import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiNoContentResponse } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CHAT_FILE_MAX_BYTES, type ErrorCode } from '@ringi/contracts';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { uploadOptions } from '../../core/files/upload-limits';
import { ChatChannelsService } from './chat-channels.service';
import { ChatFilesService, type UploadedChatFile } from './chat-files.service';
import { ChatPresenceService } from './chat-presence.service';
import {
  AddMembersDto,
  ChannelDto,
  ChannelIdParamDto,
  ChannelListDto,
  ChannelListQueryDto,
  ChatFileDto,
  ChatMembersDto,
  ChatPresenceDto,
  ChatReadStatesDto,
  ChatReceiptsDto,
  CreateChannelDto,
  DirectChannelDto,
  MemberParamDto,
  MessageParamDto,
  NotifyDto,
  PresenceQueryDto,
  SetPresenceDto,
  UpdateChannelDto,
} from './chat.dto';

/** What an answer about a message of a channel I am a member of can be, besides its own errors. */
const ON_MESSAGE = [
  'chat/channel_not_found',
  'chat/not_member',
  'chat/message_not_found',
  'chat/message_deleted',
] as const satisfies readonly ErrorCode[];

/**
 * Chat channels (業務チャット): mine and the public ones, direct messages, settings, members, notification level,
 * files, read receipts and presence. A channel I may not read answers 404 whatever I ask.
 */
@Controller('chat')
export class ChatController {
  constructor(
    private readonly channels: ChatChannelsService,
    private readonly files: ChatFilesService,
    private readonly presence: ChatPresenceService,
  ) {}

  @Get('channels')
  @ZodResponse({ status: 200, type: ChannelListDto })
  async list(@CurrentUser() user: AuthUser, @Query() { scope }: ChannelListQueryDto) {
    return { items: await this.channels.list(user, scope) };
  }

  /** A public or private channel; I am its owner. */
  @Post('channels')
  @ZodResponse({ status: 201, type: ChannelDto })
  @ApiErrors('chat/channel_name_taken', 'chat/person_not_found')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateChannelDto) {
    return this.channels.create(user, body);
  }

  /** The direct message with these people (the one there is, or a new one). */
  @Post('direct')
  @ZodResponse({ status: 201, type: ChannelDto })
  @ApiErrors('chat/person_not_found')
  direct(@CurrentUser() user: AuthUser, @Body() body: DirectChannelDto) {
    return this.channels.direct(user, body.userIds);
  }

  @Get('channels/:id')
  @ZodResponse({ status: 200, type: ChannelDto })
  @ApiErrors('chat/channel_not_found')
  get(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto) {
    return this.channels.get(user, id);
  }

  /** Name, topic, description, read receipts, archive: the channel's owners and administrators. */
  @Patch('channels/:id')
  @ZodResponse({ status: 200, type: ChannelDto })
  @ApiErrors(
    'chat/channel_not_found',
    'chat/not_channel_manager',
    'chat/org_channel_fixed',
    'chat/channel_name_taken',
  )
  update(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto, @Body() body: UpdateChannelDto) {
    return this.channels.update(user, id, body);
  }

  @Post('channels/:id/join')
  @ZodResponse({ status: 201, type: ChannelDto })
  @ApiErrors('chat/channel_not_found', 'chat/channel_archived')
  join(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto) {
    return this.channels.join(user, id);
  }

  @Post('channels/:id/leave')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'I am no longer a member.' })
  @ApiErrors('chat/channel_not_found', 'chat/not_member', 'chat/cannot_leave')
  async leave(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto): Promise<void> {
    await this.channels.leave(user, id);
  }

  @Get('channels/:id/members')
  @ZodResponse({ status: 200, type: ChatMembersDto })
  @ApiErrors('chat/channel_not_found')
  members(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto) {
    return this.channels.members(user, id);
  }

  @Post('channels/:id/members')
  @ZodResponse({ status: 201, type: ChatMembersDto })
  @ApiErrors(
    'chat/channel_not_found',
    'chat/not_channel_manager',
    'chat/org_channel_fixed',
    'chat/channel_archived',
    'chat/person_not_found',
  )
  addMembers(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto, @Body() body: AddMembersDto) {
    return this.channels.addMembers(user, id, body.userIds);
  }

  @Delete('channels/:id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'The person is no longer a member (their devices leave the room at once).',
  })
  @ApiErrors(
    'chat/channel_not_found',
    'chat/not_channel_manager',
    'chat/org_channel_fixed',
    'chat/person_not_found',
    'chat/cannot_leave',
  )
  async removeMember(@CurrentUser() user: AuthUser, @Param() { id, userId }: MemberParamDto): Promise<void> {
    await this.channels.removeMember(user, id, userId);
  }

  /** Which messages of this channel notify me: all, mentions (and direct messages), none. */
  @Put('channels/:id/notify')
  @ZodResponse({ status: 200, type: ChannelDto })
  @ApiErrors('chat/channel_not_found', 'chat/not_member')
  notify(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto, @Body() body: NotifyDto) {
    return this.channels.setNotify(user, id, body.notify);
  }

  /** A file to send with my next message in this channel (it is readable by the channel once sent). */
  @Post('channels/:id/files')
  @UseInterceptors(FileInterceptor('file', uploadOptions(CHAT_FILE_MAX_BYTES)))
  @ZodResponse({ status: 201, type: ChatFileDto })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'The file as the form field `file`: an image, a PDF or an office document, at most 30 MB.',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(
    'chat/channel_not_found',
    'chat/not_member',
    'chat/channel_archived',
    'files/missing',
    'files/too_large',
    'files/type_not_allowed',
  )
  upload(
    @CurrentUser() user: AuthUser,
    @Param() { id }: ChannelIdParamDto,
    @UploadedFile() file: UploadedChatFile | undefined,
  ) {
    return this.files.upload(user, id, file);
  }

  /** How far each other member has read the channel (read receipts on): 既読 counts, kept live by `chat:read`. */
  @Get('channels/:id/read-states')
  @ZodResponse({ status: 200, type: ChatReadStatesDto })
  @ApiErrors('chat/channel_not_found', 'chat/not_member', 'chat/receipts_off')
  readStates(@CurrentUser() user: AuthUser, @Param() { id }: ChannelIdParamDto) {
    return this.channels.readStates(user, id);
  }

  /** Who has read a message (既読) and who has not: members, when the channel shows receipts (its sender always). */
  @Get('channels/:id/messages/:messageId/receipts')
  @ZodResponse({ status: 200, type: ChatReceiptsDto })
  @ApiErrors(...ON_MESSAGE, 'chat/receipts_off')
  receipts(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageParamDto) {
    return this.channels.receipts(user, id, messageId);
  }

  /** Who has confirmed (確認しました) a message that asks for it, and who has not yet. */
  @Get('channels/:id/messages/:messageId/acks')
  @ZodResponse({ status: 200, type: ChatReceiptsDto })
  @ApiErrors(...ON_MESSAGE, 'chat/ack_not_requested')
  acks(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageParamDto) {
    return this.channels.acks(user, id, messageId);
  }

  /** Presence of people (online, away, テレワーク中, offline). */
  @Get('presence')
  @ZodResponse({ status: 200, type: ChatPresenceDto })
  async presenceOf(@Query() { ids }: PresenceQueryDto) {
    const list = [...new Set(ids.split(',').map((s) => s.trim().toLowerCase()))]
      .filter((s) => /^[0-9a-f-]{36}$/.test(s))
      .slice(0, 200);
    const map = await this.presence.of(list);
    return { items: list.map((userId) => ({ userId, presence: map.get(userId) ?? 'offline' })) };
  }

  @Put('presence')
  @ZodResponse({ status: 200, type: ChatPresenceDto })
  async setPresence(@CurrentUser() user: AuthUser, @Body() body: SetPresenceDto) {
    const presence = await this.presence.set(user.id, body.presence);
    this.presence.announce(user.id, presence);
    return { items: [{ userId: user.id, presence }] };
  }
}
