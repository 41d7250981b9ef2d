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
  Req,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { MEETING_MATERIAL_MAX_BYTES } from '@ringi/contracts';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import {
  StreamingFileInterceptor,
  type RequestWithStreamedFile,
} from '../../core/files/streaming-file.interceptor';
import { MeetingAgendaService } from './meeting-agenda.service';
import { MeetingMaterialsService } from './meeting-materials.service';
import { MeetingReadService } from './meeting-read.service';
import {
  AddMeetingParticipantDto,
  CreateAgendaItemDto,
  CreateMeetingDto,
  MeetingAgendaItemParamDto,
  MeetingDto,
  MeetingIdParamDto,
  MeetingListDto,
  MeetingListQueryDto,
  MeetingMaterialFormDto,
  MeetingMaterialParamDto,
  MeetingParticipantParamDto,
  ReorderAgendaDto,
  UpdateAgendaItemDto,
  UpdateMeetingDto,
} from './meetings.dto';
import { MeetingsService } from './meetings.service';

const PDF_BODY = {
  description: 'The PDF as the form field `file` (at most 50 MiB), and optionally its `title`.',
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary' },
      title: { type: 'string', maxLength: 200 },
    },
  },
} as const;

/**
 * Meetings (会議): every answer is the meeting as the caller may see it. Who may see and change what is the
 * meeting policy's (meeting.policy.ts); anyone else is told the meeting does not exist.
 */
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly agenda: MeetingAgendaService,
    private readonly materials: MeetingMaterialsService,
    private readonly read: MeetingReadService,
  ) {}

  /** My meetings: as organiser, participant (also through my department today); administrators see all. */
  @Get()
  @ZodResponse({ status: 200, type: MeetingListDto })
  list(@CurrentUser() user: AuthUser, @Query() query: MeetingListQueryDto) {
    return this.read.list(user, query);
  }

  @Post()
  @ZodResponse({ status: 201, type: MeetingDto })
  @ApiErrors('meeting/time_range_invalid')
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateMeetingDto) {
    return this.read.meeting(user, await this.meetings.create(user, body));
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors('meeting/not_found')
  get(@CurrentUser() user: AuthUser, @Param() { id }: MeetingIdParamDto) {
    return this.read.meeting(user, id);
  }

  @Patch(':id')
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/changed',
    'meeting/not_editable',
    'meeting/time_range_invalid',
  )
  async update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: MeetingIdParamDto,
    @Body() body: UpdateMeetingDto,
  ) {
    await this.meetings.update(user, id, body);
    return this.read.meeting(user, id);
  }

  @Post(':id/participants')
  @ZodResponse({ status: 201, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/not_editable',
    'meeting/unknown_participant',
    'meeting/participant_exists',
  )
  async addParticipant(
    @CurrentUser() user: AuthUser,
    @Param() { id }: MeetingIdParamDto,
    @Body() body: AddMeetingParticipantDto,
  ) {
    await this.meetings.addParticipant(user, id, body);
    return this.read.meeting(user, id);
  }

  @Delete(':id/participants/:participantId')
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/not_editable',
    'meeting/participant_not_found',
  )
  async removeParticipant(
    @CurrentUser() user: AuthUser,
    @Param() { id, participantId }: MeetingParticipantParamDto,
  ) {
    await this.meetings.removeParticipant(user, id, participantId);
    return this.read.meeting(user, id);
  }

  @Post(':id/agenda')
  @ZodResponse({ status: 201, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/not_editable',
    'meeting/unknown_participant',
  )
  async addAgendaItem(
    @CurrentUser() user: AuthUser,
    @Param() { id }: MeetingIdParamDto,
    @Body() body: CreateAgendaItemDto,
  ) {
    await this.agenda.add(user, id, body);
    return this.read.meeting(user, id);
  }

  /** The whole agenda in its new order (every item id once); a stale list gets 409. */
  @Put(':id/agenda/order')
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/not_editable',
    'meeting/agenda_order_stale',
  )
  async reorderAgenda(
    @CurrentUser() user: AuthUser,
    @Param() { id }: MeetingIdParamDto,
    @Body() body: ReorderAgendaDto,
  ) {
    await this.agenda.reorder(user, id, body);
    return this.read.meeting(user, id);
  }

  @Patch(':id/agenda/:itemId')
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/not_editable',
    'meeting/agenda_item_not_found',
    'meeting/unknown_participant',
  )
  async updateAgendaItem(
    @CurrentUser() user: AuthUser,
    @Param() { id, itemId }: MeetingAgendaItemParamDto,
    @Body() body: UpdateAgendaItemDto,
  ) {
    await this.agenda.update(user, id, itemId, body);
    return this.read.meeting(user, id);
  }

  @Delete(':id/agenda/:itemId')
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/not_editable',
    'meeting/agenda_item_not_found',
    'meeting/material_not_removable',
  )
  async removeAgendaItem(@CurrentUser() user: AuthUser, @Param() { id, itemId }: MeetingAgendaItemParamDto) {
    await this.agenda.remove(user, id, itemId);
    return this.read.meeting(user, id);
  }

  /** A new material (PDF) of an agenda item: the organiser, administrators and the item's presenter. */
  @Post(':id/agenda/:itemId/materials')
  @UseInterceptors(StreamingFileInterceptor('file', MEETING_MATERIAL_MAX_BYTES))
  @ZodResponse({ status: 201, type: MeetingDto })
  @ApiConsumes('multipart/form-data')
  @ApiBody(PDF_BODY)
  @ApiErrors(
    'meeting/not_found',
    'meeting/agenda_item_not_found',
    'meeting/not_allowed_to_upload',
    'meeting/not_editable',
    'files/missing',
    'files/too_large',
    'files/type_not_allowed',
    'files/pdf_unreadable',
    'files/pdf_password',
    'files/pdf_check_failed',
  )
  async addMaterial(
    @CurrentUser() user: AuthUser,
    @Param() { id, itemId }: MeetingAgendaItemParamDto,
    @Body() body: MeetingMaterialFormDto,
    @Req() req: RequestWithStreamedFile,
  ) {
    await this.materials.add(user, id, itemId, req.streamedFile, body?.title);
    return this.read.meeting(user, id);
  }

  /** Replaces a material by a new version; the one before stays readable, marked superseded. */
  @Post(':id/materials/:materialId/versions')
  @UseInterceptors(StreamingFileInterceptor('file', MEETING_MATERIAL_MAX_BYTES))
  @ZodResponse({ status: 201, type: MeetingDto })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ ...PDF_BODY, description: 'The new version as the form field `file` (a PDF, at most 50 MiB).' })
  @ApiErrors(
    'meeting/not_found',
    'meeting/material_not_found',
    'meeting/not_allowed_to_upload',
    'meeting/not_editable',
    'files/missing',
    'files/too_large',
    'files/type_not_allowed',
    'files/pdf_unreadable',
    'files/pdf_password',
    'files/pdf_check_failed',
  )
  async replaceMaterial(
    @CurrentUser() user: AuthUser,
    @Param() { id, materialId }: MeetingMaterialParamDto,
    @Req() req: RequestWithStreamedFile,
  ) {
    await this.materials.replace(user, id, materialId, req.streamedFile);
    return this.read.meeting(user, id);
  }

  /** Removes a material with its versions: only before distribution. */
  @Delete(':id/materials/:materialId')
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/material_not_found',
    'meeting/not_organiser',
    'meeting/material_not_removable',
  )
  async removeMaterial(@CurrentUser() user: AuthUser, @Param() { id, materialId }: MeetingMaterialParamDto) {
    await this.materials.remove(user, id, materialId);
    return this.read.meeting(user, id);
  }

  /** 配布: draft → distributed; every participant (also a department's members today) is notified. */
  @Post(':id/distribute')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/invalid_transition',
    'meeting/not_editable',
  )
  async distribute(@CurrentUser() user: AuthUser, @Param() { id }: MeetingIdParamDto) {
    await this.meetings.transition(user, id, 'distribute');
    return this.read.meeting(user, id);
  }

  /** 開会: distributed → in_session (organiser, administrators, a chair). */
  @Post(':id/start')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/invalid_transition',
    'meeting/not_editable',
  )
  async start(@CurrentUser() user: AuthUser, @Param() { id }: MeetingIdParamDto) {
    await this.meetings.transition(user, id, 'start');
    return this.read.meeting(user, id);
  }

  /** 閉会: distributed or in_session → closed (organiser, administrators, a chair). */
  @Post(':id/close')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: MeetingDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_organiser',
    'meeting/invalid_transition',
    'meeting/not_editable',
  )
  async close(@CurrentUser() user: AuthUser, @Param() { id }: MeetingIdParamDto) {
    await this.meetings.transition(user, id, 'close');
    return this.read.meeting(user, id);
  }
}
