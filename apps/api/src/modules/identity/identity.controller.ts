import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Patch,
  Post,
  Put,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiNoContentResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { meSchema, PHOTO_MAX_BYTES, SESSION_COOKIE, type Me } from '@ringi/contracts';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import {
  Client,
  CurrentUser,
  KeepsSessionAlive,
  Public,
  type ClientInfo,
} from '../../core/auth/auth.decorators';
import { sendSessionTime, sessionTokenFromCookieHeader } from '../../core/auth/auth.guard';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { SessionsService } from '../../core/auth/sessions.service';
import type { UploadedFile as Upload } from '../../core/files/files.service';
import { uploadOptions } from '../../core/files/upload-limits';
import { AccountService } from './account.service';
import { ChangePasswordDto, SignInDto, UpdateMeDto } from './identity.dto';
import { SessionAdminService } from './session-admin.service';
import { SignInService } from './sign-in.service';

class MeDto extends createZodDto(meSchema) {}

@Controller()
export class IdentityController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signInService: SignInService,
    private readonly account: AccountService,
    private readonly sessions: SessionsService,
    private readonly sessionAdmin: SessionAdminService,
  ) {}

  /**
   * Signs in with 職員番号 and password; a new session (and cookie) every time. Rate-limited per address and
   * staff number, and failures per address (SignInService).
   */
  @Public()
  @Post('auth/sign-in')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: MeDto })
  @ApiErrors('auth/invalid_credentials', 'auth/locked')
  async signIn(
    @Body() body: SignInDto,
    @Client() client: ClientInfo,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Me> {
    const signedIn = await this.signInService.signIn(
      body,
      client,
      sessionTokenFromCookieHeader(req.headers.cookie),
    );
    res.cookie(SESSION_COOKIE, signedIn.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.PUBLIC_URL?.startsWith('https:') ?? false,
      path: '/',
      maxAge: this.config.SESSION_ABSOLUTE_HOURS * 3_600_000,
    });
    const session = await this.sessions.resolve(signedIn.token);
    sendSessionTime(res, session);
    return this.account.me(session);
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out; the session cookie is cleared.' })
  async signOut(
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.sessionAdmin.signOut(user, client);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ZodResponse({ status: 200, type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<Me> {
    return this.account.me(user);
  }

  /**
   * The person is active (the web app reports pointer, touch, keys, scrolling and page turns at most once a minute,
   * and 作業を続ける): the guard starts the session's idle time again and answers with its new remaining time.
   */
  @KeepsSessionAlive()
  @Post('me/activity')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Activity recorded; the idle time starts again (see the x-ringi-session-time header).',
  })
  reportActivity(): void {
    // Nothing more to do: see KeepsSessionAlive.
  }

  @Patch('me')
  @ZodResponse({ status: 200, type: MeDto })
  update(@CurrentUser() user: AuthUser, @Body() body: UpdateMeDto): Promise<Me> {
    return this.account.update(user, body);
  }

  @Put('me/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; the other sessions are ended.' })
  @ApiErrors('auth/wrong_password')
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.account.changePassword(user, body, client);
  }

  @Put('me/photo')
  @UseInterceptors(FileInterceptor('file', uploadOptions(PHOTO_MAX_BYTES)))
  @ZodResponse({ status: 200, type: MeDto })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'The photo as the form field `file` (JPEG, PNG or WebP).',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  setPhoto(@CurrentUser() user: AuthUser, @UploadedFile() file: Upload | undefined): Promise<Me> {
    return this.account.setPhoto(user, file);
  }
}
