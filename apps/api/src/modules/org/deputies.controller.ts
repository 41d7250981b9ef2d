import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import {
  CreateDeputyDto,
  CreateOwnDeputyDto,
  DeputyDto,
  DeputyListDto,
  DeputyListQueryDto,
  EndDeputyDto,
  IdParamDto,
  OwnDeputiesDto,
} from './org.dto';
import { DeputiesService } from './deputies.service';

/** Deputies (代決者) of anyone, for administrators. */
@AdminOnly()
@Controller('org/deputies')
export class DeputiesController {
  constructor(private readonly deputies: DeputiesService) {}

  @Get()
  @ZodResponse({ status: 200, type: DeputyListDto })
  async list(@Query() query: DeputyListQueryDto) {
    return {
      items: await this.deputies.list({ userId: query.userId, includePast: query.includePast === 'true' }),
    };
  }

  @Post()
  @ZodResponse({ status: 201, type: DeputyDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateDeputyDto) {
    return this.deputies.registerDeputyPeriod({ ...body, source: 'admin', actorId: user.id });
  }

  @Post(':id/end')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: DeputyDto })
  end(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto, @Body() body: EndDeputyDto) {
    return this.deputies.end(user.id, id, body.lastDay);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The deputy period, which had not begun, is deleted.' })
  async remove(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto): Promise<void> {
    await this.deputies.remove(user.id, id);
  }
}

/** One's own deputies: who covers me while I am away, and for whom I am registered. */
@Controller('me/deputies')
export class OwnDeputiesController {
  constructor(private readonly deputies: DeputiesService) {}

  @Get()
  @ZodResponse({ status: 200, type: OwnDeputiesDto })
  own(@CurrentUser() user: AuthUser) {
    return this.deputies.own(user.id);
  }

  @Post()
  @ZodResponse({ status: 201, type: DeputyDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateOwnDeputyDto) {
    return this.deputies.registerDeputyPeriod({
      ...body,
      principalUserId: user.id,
      source: 'self',
      actorId: user.id,
    });
  }

  @Post(':id/end')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: DeputyDto })
  end(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto, @Body() body: EndDeputyDto) {
    return this.deputies.end(user.id, id, body.lastDay, user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The deputy period, which had not begun, is deleted.' })
  async remove(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto): Promise<void> {
    await this.deputies.remove(user.id, id, user.id);
  }
}
