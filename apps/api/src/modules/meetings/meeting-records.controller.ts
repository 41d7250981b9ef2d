import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { MEETING_MINUTES_MAX_BYTES } from '@ringi/contracts';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import {
  StreamingFileInterceptor,
  type RequestWithStreamedFile,
} from '../../core/files/streaming-file.interceptor';
import { MeetingDisposalService } from './meeting-disposal.service';
import { MeetingMinutesService } from './meeting-minutes.service';
import {
  MeetingDisposalDto,
  MeetingMinutesDto,
  MeetingSearchListDto,
  MeetingSearchQueryDto,
  SaveMeetingMinutesDto,
} from './meeting-records.dto';
import { MeetingSearchService } from './meeting-search.service';
import { MeetingIdParamDto } from './meetings.dto';

/**
 * After the meeting: its minutes (議事録), search over meetings and their materials, and disposal (廃棄). Who may
 * do what is the meeting policy's; anyone who may not see a meeting is told it does not exist.
 *
 * Registered before `MeetingsController`, so `GET /meetings/search` is not taken for `GET /meetings/:id`.
 */
@Controller('meetings')
export class MeetingRecordsController {
  constructor(
    private readonly minutes: MeetingMinutesService,
    private readonly searching: MeetingSearchService,
    private readonly disposal: MeetingDisposalService,
  ) {}

  /** Meetings I may see, by title, the day they start and the text in their materials (each word found). */
  @Get('search')
  @ZodResponse({ status: 200, type: MeetingSearchListDto })
  @ApiErrors('meeting/search_range_invalid')
  search(@CurrentUser() user: AuthUser, @Query() query: MeetingSearchQueryDto) {
    return this.searching.search(user, query);
  }

  /** The minutes (empty, version 0, before anything is written). */
  @Get(':id/minutes')
  @ZodResponse({ status: 200, type: MeetingMinutesDto })
  @ApiErrors('meeting/not_found')
  getMinutes(@CurrentUser() user: AuthUser, @Param() { id }: MeetingIdParamDto) {
    return this.minutes.get(user, id);
  }

  /** Saves the minutes' text (organiser, administrators, a chair; also once the meeting is closed). */
  @Put(':id/minutes')
  @ZodResponse({ status: 200, type: MeetingMinutesDto })
  @ApiErrors('meeting/not_found', 'meeting/not_allowed_to_write_minutes', 'meeting/minutes_changed')
  async saveMinutes(
    @CurrentUser() user: AuthUser,
    @Param() { id }: MeetingIdParamDto,
    @Body() body: SaveMeetingMinutesDto,
  ) {
    await this.minutes.saveText(user, id, body);
    return this.minutes.get(user, id);
  }

  /** Attaches the minutes as a PDF (checked as materials are); one attached before is replaced. */
  @Post(':id/minutes/file')
  @UseInterceptors(StreamingFileInterceptor('file', MEETING_MINUTES_MAX_BYTES))
  @ZodResponse({ status: 201, type: MeetingMinutesDto })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'The minutes as a PDF in the form field `file` (at most 50 MiB).',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(
    'meeting/not_found',
    'meeting/not_allowed_to_write_minutes',
    'files/missing',
    'files/too_large',
    'files/type_not_allowed',
    'files/pdf_unreadable',
    'files/pdf_password',
    'files/pdf_check_failed',
  )
  async attachMinutesFile(
    @CurrentUser() user: AuthUser,
    @Param() { id }: MeetingIdParamDto,
    @Req() req: RequestWithStreamedFile,
  ) {
    await this.minutes.attachFile(user, id, req.streamedFile);
    return this.minutes.get(user, id);
  }

  @Delete(':id/minutes/file')
  @ZodResponse({ status: 200, type: MeetingMinutesDto })
  @ApiErrors('meeting/not_found', 'meeting/not_allowed_to_write_minutes', 'meeting/minutes_file_not_found')
  async removeMinutesFile(@CurrentUser() user: AuthUser, @Param() { id }: MeetingIdParamDto) {
    await this.minutes.removeFile(user, id);
    return this.minutes.get(user, id);
  }

  /** 廃棄: an administrator, once the `disposeAfter` day has passed. Afterwards the meeting answers 404. */
  @Post(':id/dispose')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: MeetingDisposalDto })
  @ApiErrors('meeting/not_found', 'meeting/not_allowed_to_dispose', 'meeting/not_disposable_yet')
  dispose(@CurrentUser() user: AuthUser, @Param() { id }: MeetingIdParamDto) {
    return this.disposal.disposeByHand(user, id);
  }
}
