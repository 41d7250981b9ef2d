import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from '../org/org.module';
import { ApprovalActionsService } from './approval-actions.service';
import { ApprovalAttachmentsService } from './approval-attachments.service';
import { ApprovalDocumentPolicy } from './approval-document.policy';
import { ApprovalDocumentsService } from './approval-documents.service';
import { ApprovalExportController } from './approval-export.controller';
import { ApprovalExportService } from './approval-export.service';
import { ApprovalDraftsService } from './approval-drafts.service';
import { ApprovalPaperDecisionsService } from './approval-paper-decisions.service';
import { ApprovalReadService } from './approval-read.service';
import { ApprovalRemindersService } from './approval-reminders.service';
import { ApprovalRoutingService } from './approval-routing.service';
import { ApprovalSearchController } from './approval-search.controller';
import { ApprovalSearchService } from './approval-search.service';
import { ApprovalTemplatesController } from './approval-templates.controller';
import { ApprovalTemplatesService } from './approval-templates.service';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsPublisher } from './approvals.publisher';
import { ApprovalActionEntity } from './entities/approval-action.entity';
import { ApprovalAttachmentEntity } from './entities/approval-attachment.entity';
import { ApprovalDocumentVersionEntity } from './entities/approval-document-version.entity';
import { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { ApprovalNumberCounterEntity } from './entities/approval-number-counter.entity';
import { ApprovalPendingEntity } from './entities/approval-pending.entity';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';
import { DecisionAuthorityRuleEntity } from './entities/decision-authority-rule.entity';
import { ApprovalsSeeder } from './seed/approvals.seeder';

/**
 * Electronic approval (電子決裁): templates, the 専決規程, drafting, routing, acting, numbering and the inbox.
 * Depends on org (`OrgChartService`) for routes; announces its changes as domain events (approvals.events.ts).
 */
@Module({
  imports: [
    OrgModule,
    TypeOrmModule.forFeature([
      ApprovalTemplateEntity,
      DecisionAuthorityRuleEntity,
      ApprovalDocumentEntity,
      ApprovalDocumentVersionEntity,
      ApprovalActionEntity,
      ApprovalNumberCounterEntity,
      ApprovalPendingEntity,
      ApprovalAttachmentEntity,
    ]),
  ],
  controllers: [
    ApprovalTemplatesController,
    ApprovalSearchController,
    ApprovalExportController,
    ApprovalsController,
  ],
  providers: [
    ApprovalTemplatesService,
    ApprovalRoutingService,
    ApprovalDocumentPolicy,
    ApprovalAttachmentsService,
    ApprovalDraftsService,
    ApprovalActionsService,
    ApprovalReadService,
    ApprovalDocumentsService,
    ApprovalsPublisher,
    ApprovalsSeeder,
    ApprovalExportService,
    ApprovalSearchService,
    ApprovalRemindersService,
    ApprovalPaperDecisionsService,
  ],
  exports: [
    ApprovalDocumentPolicy,
    ApprovalReadService,
    ApprovalDraftsService,
    ApprovalActionsService,
    ApprovalAttachmentsService,
    ApprovalRoutingService,
    ApprovalPaperDecisionsService,
  ],
})
export class ApprovalsModule {}
