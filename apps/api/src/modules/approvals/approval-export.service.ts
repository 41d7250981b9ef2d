import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { buildExportModel, EXPORTABLE_STATUSES } from './approval-export.layout';
import { exportFontBytes } from '../../core/pdf/japanese-font';
import { renderExportPdf } from './approval-export.pdf';
import { ApprovalReadService } from './approval-read.service';
import { templateView } from './approval-templates.service';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';

export interface ExportedPdf {
  filename: string;
  pdf: Uint8Array;
}

/**
 * 決裁文書 as a PDF (pdf-lib with Noto Sans JP embedded as a subset, so the text is real text). Whoever may see
 * the document may export it (the document view applies `ApprovalDocumentPolicy`: 404 for everyone else), once
 * its route is done: decided, completed (施行済) or circulated (供覧済). Each export is recorded in the audit chain.
 */
@Injectable()
export class ApprovalExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly read: ApprovalReadService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async export(user: AuthUser, id: string): Promise<ExportedPdf> {
    const doc = await this.read.document(user, id);
    if (!EXPORTABLE_STATUSES.includes(doc.status)) throw new AppException('approval/export_not_decided');
    const template = await this.dataSource
      .getRepository(ApprovalTemplateEntity)
      .findOneBy({ id: doc.templateId });
    const model = buildExportModel(doc, template ? templateView(template) : null, new Date());
    const pdf = await renderExportPdf(model, await exportFontBytes());
    // Who took the official record out of the system, of which version, when.
    await this.uow.run((tx) =>
      this.audit.append(tx, {
        type: 'approval.exported',
        actorId: user.id,
        subject: id,
        data: { version: doc.currentVersion, number: doc.number, bytes: pdf.length },
      }),
    );
    return { filename: model.filename, pdf };
  }
}
