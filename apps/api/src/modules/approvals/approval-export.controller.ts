import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { contentDisposition } from '../../core/http/content-disposition';
import { ApprovalExportService } from './approval-export.service';
import { ApprovalIdParamDto } from './approvals.dto';

/** The decided document as a PDF (決裁文書), for whoever may see the document. */
@Controller('approvals')
export class ApprovalExportController {
  constructor(private readonly exporter: ApprovalExportService) {}

  @Get('documents/:id/export.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description:
      'The 決裁文書 (or 供覧文書) as a PDF download: facts, fields, body, the route with seals and times, ' +
      'comments and history, attachments with their sha256. Real text in an embedded Japanese font.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors('approval/document_not_found', 'approval/export_not_decided')
  async export(
    @CurrentUser() user: AuthUser,
    @Param() { id }: ApprovalIdParamDto,
    @Res() res: Response,
  ): Promise<void> {
    const { filename, pdf } = await this.exporter.export(user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(filename));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', String(pdf.byteLength));
    res.end(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  }
}
