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
import type { Request } from 'express';
import { STAFF_CSV_COLUMNS, type Staff, type StaffImportResult, type StaffList } from '@ringi/contracts';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { localeFromHeader } from '../../core/errors/request-locale';
import type { UploadedFile as Upload } from '../../core/files/files.service';
import {
  CreateMembershipDto,
  CreateStaffDto,
  IdParamDto,
  ImportQueryDto,
  SetPasswordDto,
  StaffListQueryDto,
  UpdateMembershipDto,
  UpdateStaffDto,
} from './org.dto';
import { STAFF_CSV_MAX_BYTES, StaffImportService } from './staff-import.service';
import { StaffService } from './staff.service';

@Controller('org')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly importer: StaffImportService,
  ) {}

  @Get('staff')
  list(@Query() query: StaffListQueryDto): Promise<StaffList> {
    return this.staff.list(query);
  }

  @Get('staff/:id')
  get(@Param() { id }: IdParamDto): Promise<Staff> {
    return this.staff.get(id);
  }

  @AdminOnly()
  @Post('staff')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateStaffDto): Promise<Staff> {
    return this.staff.create(user, body);
  }

  @AdminOnly()
  @Patch('staff/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: UpdateStaffDto,
  ): Promise<Staff> {
    return this.staff.update(user, id, body);
  }

  @AdminOnly()
  @Put('staff/:id/password')
  @HttpCode(204)
  setPassword(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: SetPasswordDto,
  ): Promise<void> {
    return this.staff.setPassword(user, id, body.password);
  }

  @AdminOnly()
  @Post('staff/:id/memberships')
  addMembership(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: CreateMembershipDto,
  ): Promise<Staff> {
    return this.staff.addMembership(user, id, body);
  }

  @AdminOnly()
  @Patch('memberships/:id')
  updateMembership(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: UpdateMembershipDto,
  ): Promise<Staff> {
    return this.staff.updateMembership(user, id, body);
  }

  @AdminOnly()
  @Delete('memberships/:id')
  deleteMembership(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto): Promise<Staff> {
    return this.staff.deleteMembership(user, id);
  }

  /** Validates (dryRun=true, the default) or imports a staff CSV. Nothing is written unless every row is valid. */
  @AdminOnly()
  @Post('staff/import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: STAFF_CSV_MAX_BYTES, files: 1 } }))
  import(
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: Upload | undefined,
    @Req() req: Request,
  ): Promise<StaffImportResult> {
    return this.importer.import(
      user,
      file?.buffer,
      query.dryRun as unknown as boolean,
      localeFromHeader(req.headers['accept-language']),
    );
  }

  /** A CSV template with the header row and one example, UTF-8 with BOM so Excel opens it correctly. */
  @AdminOnly()
  @Get('staff-csv-template')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header(
    'Content-Disposition',
    `attachment; filename="staff-template.csv"; filename*=UTF-8''${encodeURIComponent('職員取込テンプレート.csv')}`,
  )
  template(): string {
    const header = STAFF_CSV_COLUMNS.map((c) => c.ja).join(',');
    return `\uFEFF${header}\r\n12345,山田,太郎,ヤマダ,タロウ,SOUMU,SHUJI,2026-04-01,,taro.yamada@example.lg.jp\r\n`;
  }
}
