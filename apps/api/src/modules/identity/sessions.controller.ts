import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { RevokedCount, SessionList } from '@ringi/contracts';
import { AdminOnly, Client, CurrentUser, type ClientInfo } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { AdminSessionQueryDto, IdParamDto } from './identity.dto';
import { SessionAdminService } from './session-admin.service';

@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionAdminService) {}

  @Get('me/sessions')
  async mine(@CurrentUser() user: AuthUser): Promise<SessionList> {
    return { items: await this.sessions.list(user, { userId: user.id }) };
  }

  @Delete('me/sessions/:id')
  @HttpCode(204)
  endMine(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.sessions.endOwn(user, id, client);
  }

  @Post('me/sessions/revoke-others')
  @HttpCode(200)
  endOthers(@CurrentUser() user: AuthUser, @Client() client: ClientInfo): Promise<RevokedCount> {
    return this.sessions.endOthers(user, client);
  }

  @AdminOnly()
  @Get('admin/sessions')
  async all(@CurrentUser() user: AuthUser, @Query() query: AdminSessionQueryDto): Promise<SessionList> {
    return { items: await this.sessions.list(user, query) };
  }

  @AdminOnly()
  @Delete('admin/sessions/:id')
  @HttpCode(204)
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
  revokeAllOf(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Client() client: ClientInfo,
  ): Promise<RevokedCount> {
    return this.sessions.revokeAllOf(user, id, client);
  }
}
