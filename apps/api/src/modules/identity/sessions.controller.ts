import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { ApiNoContentResponse } from '@nestjs/swagger';
import { revokedCountSchema, sessionListSchema, type RevokedCount, type SessionList } from '@ringi/contracts';
import { AdminOnly, Client, CurrentUser, type ClientInfo } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { AdminSessionQueryDto, IdParamDto } from './identity.dto';
import { SessionAdminService } from './session-admin.service';

class SessionListDto extends createZodDto(sessionListSchema) {}
class RevokedCountDto extends createZodDto(revokedCountSchema) {}

@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionAdminService) {}

  @Get('me/sessions')
  @ZodResponse({ status: 200, type: SessionListDto })
  async mine(@CurrentUser() user: AuthUser): Promise<SessionList> {
    return { items: await this.sessions.list(user, { userId: user.id }) };
  }

  @Delete('me/sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended.' })
  endMine(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.sessions.endOwn(user, id, client);
  }

  @Post('me/sessions/revoke-others')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: RevokedCountDto })
  endOthers(@CurrentUser() user: AuthUser, @Client() client: ClientInfo): Promise<RevokedCount> {
    return this.sessions.endOthers(user, client);
  }

  @AdminOnly()
  @Get('admin/sessions')
  @ZodResponse({ status: 200, type: SessionListDto })
  async all(@CurrentUser() user: AuthUser, @Query() query: AdminSessionQueryDto): Promise<SessionList> {
    return { items: await this.sessions.list(user, query) };
  }

  @AdminOnly()
  @Delete('admin/sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended.' })
  revoke(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.sessions.revoke(user, id, client);
  }

  @AdminOnly()
  @Post('admin/staff/:id/revoke-sessions')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: RevokedCountDto })
  revokeAllOf(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Client() client: ClientInfo,
  ): Promise<RevokedCount> {
    return this.sessions.revokeAllOf(user, id, client);
  }
}
