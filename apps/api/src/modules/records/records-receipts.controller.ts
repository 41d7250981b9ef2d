import {
  Body,
  Controller,
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
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { createPaperDecisionSchema } from '@ringi/contracts';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { ValidationFailedException } from '../../core/errors/validation-failed.exception';
import type { UploadedFile as Upload } from '../../core/files/files.service';
import { uploadOptions } from '../../core/files/upload-limits';
import { RecordsDocumentsService } from './records-documents.service';
import { RECEIPT_FILE_MAX_BYTES, RecordsReceiptsService } from './records-receipts.service';
import {
  CreateReceiptDto,
  FileableBindersDto,
  FileableBindersQueryDto,
  MarkRepliedDto,
  PaperDecisionFormDto,
  PaperDecisionResultDto,
  PendingRepliesDto,
  ReceiptDto,
  ReceiptListDto,
  ReceiptSearchDto,
  RecordsIdParamDto,
  SecrecyDto,
  SetSecrecyDto,
  StartFromReceiptDto,
  StartFromReceiptResultDto,
  UpdateReceiptDto,
} from './records.dto';

const FILE_ERRORS = ['files/missing', 'files/too_large', 'files/type_not_allowed'] as const;

/**
 * The receipt register (収受簿), paper decisions (書面決定) and the secrecy of documents (秘文書). Every receipt
 * and document is read through its policy: one nobody may see answers 404.
 */
@Controller('records')
export class RecordsReceiptsController {
  constructor(
    private readonly receipts: RecordsReceiptsService,
    private readonly documents: RecordsDocumentsService,
  ) {}

  /** The receipt register: what this person may see, newest first; by 年度, department, words, open replies. */
  @Get('receipts')
  @ZodResponse({ status: 200, type: ReceiptListDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ReceiptSearchDto) {
    return this.receipts.list(user, query);
  }

  /** Receipts of my departments waiting for a reply, soonest deadline first (the home page). */
  @Get('receipts/pending-replies')
  @ZodResponse({ status: 200, type: PendingRepliesDto })
  pendingReplies(@CurrentUser() user: AuthUser) {
    return this.receipts.pendingReplies(user);
  }

  /**
   * Registers a received document with the next 収受番号 of my department for the 年度 of its day of receipt;
   * its scans and files follow (`POST receipts/:id/files`). A resend with the same client id registers nothing
   * new.
   */
  @Post('receipts')
  @ZodResponse({ status: 201, type: ReceiptDto })
  @ApiErrors(
    'records/received_in_future',
    'records/no_department',
    'records/receipt_not_found',
    'approval/binder_not_allowed',
  )
  register(@CurrentUser() user: AuthUser, @Body() body: CreateReceiptDto) {
    return this.receipts.register(user, body);
  }

  @Get('receipts/:id')
  @ZodResponse({ status: 200, type: ReceiptDto })
  @ApiErrors('records/receipt_not_found')
  get(@CurrentUser() user: AuthUser, @Param() { id }: RecordsIdParamDto) {
    return this.receipts.get(user, id);
  }

  /** Corrects a receipt (not its number or day of receipt): the receiving department and administrators. */
  @Patch('receipts/:id')
  @ZodResponse({ status: 200, type: ReceiptDto })
  @ApiErrors('records/receipt_not_found', 'records/not_receiver', 'approval/binder_not_allowed')
  update(@CurrentUser() user: AuthUser, @Param() { id }: RecordsIdParamDto, @Body() body: UpdateReceiptDto) {
    return this.receipts.update(user, id, body);
  }

  /** Adds a scan or a received file: PDF, office documents, JPEG or PNG, up to 10 per receipt. */
  @Post('receipts/:id/files')
  @UseInterceptors(FileInterceptor('file', uploadOptions(RECEIPT_FILE_MAX_BYTES)))
  @ZodResponse({ status: 201, type: ReceiptDto })
  @ApiConsumes('multipart/form-data')
  @ApiErrors(
    'records/receipt_not_found',
    'records/not_receiver',
    'records/receipt_files_full',
    ...FILE_ERRORS,
  )
  @ApiBody({
    description:
      'The file as the form field `file`: PDF, Word, Excel, PowerPoint (or OpenDocument), JPEG or PNG.',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  addFile(
    @CurrentUser() user: AuthUser,
    @Param() { id }: RecordsIdParamDto,
    @UploadedFile() file: Upload | undefined,
  ) {
    return this.receipts.addFile(user, id, file);
  }

  /** 供覧 or 起案 from a receipt: a draft of mine linked back to it, its files carried over. */
  @Post('receipts/:id/start')
  @ZodResponse({ status: 201, type: StartFromReceiptResultDto })
  @ApiErrors(
    'records/receipt_not_found',
    'approval/template_not_found',
    'approval/no_department',
    'approval/fiscal_year_not_allowed',
  )
  async start(
    @CurrentUser() user: AuthUser,
    @Param() { id }: RecordsIdParamDto,
    @Body() body: StartFromReceiptDto,
  ) {
    return { documentId: await this.receipts.start(user, id, body.kind) };
  }

  /** Marks a receipt answered by hand (a telephone reply, a letter outside Ringi), or opens it again (null). */
  @Put('receipts/:id/reply')
  @ZodResponse({ status: 200, type: ReceiptDto })
  @ApiErrors('records/receipt_not_found', 'records/not_receiver', 'records/received_in_future')
  markReplied(
    @CurrentUser() user: AuthUser,
    @Param() { id }: RecordsIdParamDto,
    @Body() body: MarkRepliedDto,
  ) {
    return this.receipts.markReplied(user, id, body.repliedOn);
  }

  /**
   * Registers a decision made on paper (書面決定) with its scan and the reason: it takes the next document number
   * of my department and 年度, and counts as not electronic. Multipart: `file` (the scan) and `data` (JSON).
   */
  @Post('paper-decisions')
  @UseInterceptors(FileInterceptor('file', uploadOptions(RECEIPT_FILE_MAX_BYTES)))
  @ZodResponse({ status: 201, type: PaperDecisionResultDto })
  @ApiConsumes('multipart/form-data')
  @ApiErrors(
    'records/paper_decided_in_future',
    'records/receipt_not_found',
    'approval/template_not_found',
    'approval/no_department',
    'approval/document_not_found',
    'approval/binder_not_allowed',
    ...FILE_ERRORS,
  )
  @ApiBody({
    description:
      'The scan as the form field `file` (PDF, JPEG or PNG) and the facts as the form field `data`: JSON of ' +
      '{ templateId, title, body?, decidedOn, enforcedOn?, decidedBy, reason, binderId?, secret?, secretUntil?, ' +
      'retention?, receiptId?, clientId }.',
    schema: {
      type: 'object',
      required: ['file', 'data'],
      properties: { file: { type: 'string', format: 'binary' }, data: { type: 'string' } },
    },
  })
  registerPaperDecision(
    @CurrentUser() user: AuthUser,
    @Body() body: PaperDecisionFormDto,
    @UploadedFile() file: Upload | undefined,
  ) {
    let json: unknown;
    try {
      json = JSON.parse(body.data);
    } catch {
      json = undefined;
    }
    const parsed = createPaperDecisionSchema.safeParse(json);
    if (!parsed.success) throw new ValidationFailedException(parsed.error.issues);
    return this.documents.registerPaperDecision(user, parsed.data, file);
  }

  /** The binders I may file a receipt or document in this 年度 (or the one given): my department's and above. */
  @Get('fileable-binders')
  @ZodResponse({ status: 200, type: FileableBindersDto })
  fileableBinders(@CurrentUser() user: AuthUser, @Query() { fiscalYear }: FileableBindersQueryDto) {
    return this.receipts.fileableBinders(user, fiscalYear);
  }

  /** Marks a document secret (秘文書, optionally until a day: 時限秘) or not: its drafter or an administrator. */
  @Put('documents/:id/secrecy')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: SecrecyDto })
  @ApiErrors('approval/document_not_found', 'records/secrecy_not_allowed')
  setSecrecy(@CurrentUser() user: AuthUser, @Param() { id }: RecordsIdParamDto, @Body() body: SetSecrecyDto) {
    return this.documents.setSecrecy(user, id, body);
  }
}
