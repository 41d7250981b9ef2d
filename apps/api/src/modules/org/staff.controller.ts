import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Request } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { STAFF_CSV_COLUMNS } from '@ringi/contracts';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { localeFromHeader } from '../../core/errors/request-locale';
import type { UploadedFile as Upload } from '../../core/files/files.service';
import { uploadOptions } from '../../core/files/upload-limits';
import {
  CreateMembershipDto,
  CreateStaffDto,
  IdParamDto,
  ImportQueryDto,
  SetPasswordDto,
  StaffDto,
  StaffImportResultDto,
  StaffListDto,
  StaffListQueryDto,
  UpdateMembershipDto,
  UpdateStaffDto,
} from './org.dto';
import { STAFF_CSV_MAX_BYTES, StaffImportService } from './staff-import.service';
import { StaffReadService } from './staff-read.service';
import { StaffService } from './staff.service';

/**
 * Staff administration (管理 › 職員), for administrators only: accounts, roles, lockouts, inactive staff and
 * assignments. Colleagues find each other through the directory (`DirectoryController`).
 */
@AdminOnly()
@Controller('org')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly reader: StaffReadService,
    private readonly importer: StaffImportService,
  ) {}

  @Get('staff')
  @ZodResponse({ status: 200, type: StaffListDto })
  list(@Query() query: StaffListQueryDto) {
    return this.reader.list(query);
  }

  @Get('staff/:id')
  @ZodResponse({ status: 200, type: StaffDto })
  get(@Param() { id }: IdParamDto) {
    return this.reader.get(id);
  }

  @Post('staff')
  @ZodResponse({ status: 201, type: StaffDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateStaffDto) {
    return this.staff.create(user, body);
  }

  @Patch('staff/:id')
  @ZodResponse({ status: 200, type: StaffDto })
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto, @Body() body: UpdateStaffDto) {
    return this.staff.update(user, id, body);
  }

  /** Sets a person's password, lifts a lockout and signs the person out everywhere. */
  @Put('staff/:id/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set; every session of the person has ended.' })
  setPassword(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: SetPasswordDto,
  ): Promise<void> {
    return this.staff.setPassword(user, id, body.password);
  }

  @Post('staff/:id/memberships')
  @ZodResponse({ status: 201, type: StaffDto })
  addMembership(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: CreateMembershipDto,
  ) {
    return this.staff.addMembership(user, id, body);
  }

  @Patch('memberships/:id')
  @ZodResponse({ status: 200, type: StaffDto })
  updateMembership(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: UpdateMembershipDto,
  ) {
    return this.staff.updateMembership(user, id, body);
  }

  @Delete('memberships/:id')
  @ZodResponse({ status: 200, type: StaffDto })
  deleteMembership(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto) {
    return this.staff.deleteMembership(user, id);
  }

  /** Validates (dryRun=true, the default) or imports a staff CSV. Nothing is written unless every row is valid. */
  @Post('staff/import')
  @ZodResponse({ status: 200, type: StaffImportResultDto })
  @UseInterceptors(FileInterceptor('file', uploadOptions(STAFF_CSV_MAX_BYTES)))
  import(
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: Upload | undefined,
    @Req() req: Request,
  ) {
    return this.importer.import(
      user,
      file?.buffer,
      query.dryRun,
      localeFromHeader(req.headers['accept-language']),
    );
  }

  /** A CSV template with the header row and one example, UTF-8 with BOM so Excel opens it correctly. */
  @Get('staff-csv-template')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header(
    'Content-Disposition',
    `attachment; filename="staff-template.csv"; filename*=UTF-8''${encodeURIComponent('職員取込テンプレート.csv')}`,
  )
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The staff CSV template (UTF-8 with BOM).', schema: { type: 'string' } })
  template(): string {
    const header = STAFF_CSV_COLUMNS.map((c) => c.ja).join(',');
    return `\uFEFF${header}\r\n12345,山田,太郎,ヤマダ,タロウ,SOUMU,SHUJI,2026-04-01,,taro.yamada@example.lg.jp\r\n`;
  }
}
