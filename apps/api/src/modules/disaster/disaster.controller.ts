import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import {
  AnswerDisasterRollCallDto,
  DisasterRollCallDto,
  DisasterRollCallIdParamDto,
  DisasterRollCallListDto,
  DisasterRollCallListQueryDto,
  DisasterTallyDto,
  StartDisasterRollCallDto,
} from './disaster.dto';
import { DisasterService } from './disaster.service';

/**
 * 災害モード: all-staff roll-calls (安否確認). Everyone signed in sees them and answers; administrators start and
 * close them; the tally is for administrators and heads of divisions (their own people). See disaster.policy.ts.
 */
@Controller('disaster/roll-calls')
export class DisasterController {
  constructor(private readonly disaster: DisasterService) {}

  /** The open roll-calls (at most one), or the last closed ones, each with my answer. */
  @Get()
  @ZodResponse({ status: 200, type: DisasterRollCallListDto })
  list(@CurrentUser() user: AuthUser, @Query() query: DisasterRollCallListQueryDto) {
    return this.disaster.list(user, query);
  }

  @Post()
  @ZodResponse({ status: 201, type: DisasterRollCallDto })
  @ApiErrors('disaster/not_allowed', 'disaster/already_open')
  async start(@CurrentUser() user: AuthUser, @Body() body: StartDisasterRollCallDto) {
    return this.disaster.get(user, await this.disaster.start(user, body));
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: DisasterRollCallDto })
  @ApiErrors('disaster/not_found')
  get(@CurrentUser() user: AuthUser, @Param() { id }: DisasterRollCallIdParamDto) {
    return this.disaster.get(user, id);
  }

  /** My answer (無事 / 要支援 / 参集可能); answering again replaces it. */
  @Put(':id/answer')
  @ZodResponse({ status: 200, type: DisasterRollCallDto })
  @ApiErrors('disaster/not_found', 'disaster/closed')
  async answer(
    @CurrentUser() user: AuthUser,
    @Param() { id }: DisasterRollCallIdParamDto,
    @Body() body: AnswerDisasterRollCallDto,
  ) {
    await this.disaster.answer(user, id, body);
    return this.disaster.get(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: DisasterRollCallDto })
  @ApiErrors('disaster/not_found', 'disaster/not_allowed')
  async close(@CurrentUser() user: AuthUser, @Param() { id }: DisasterRollCallIdParamDto) {
    await this.disaster.close(user, id);
    return this.disaster.get(user, id);
  }

  @Get(':id/tally')
  @ZodResponse({ status: 200, type: DisasterTallyDto })
  @ApiErrors('disaster/not_found', 'disaster/tally_not_allowed')
  tally(@CurrentUser() user: AuthUser, @Param() { id }: DisasterRollCallIdParamDto) {
    return this.disaster.tally(user, id);
  }
}
