import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { RecordsBindersController } from './records-binders.controller';
import { RecordsBindersService } from './records-binders.service';
import { RecordsDashboardController } from './records-dashboard.controller';
import { RecordsDashboardService } from './records-dashboard.service';
import { RecordsDisposalService } from './records-disposal.service';
import { RecordsDocumentsService } from './records-documents.service';
import { RecordsFilePlanService } from './records-file-plan.service';
import { RecordsReceiptPolicy } from './records-receipt.policy';
import { RecordsReceiptsController } from './records-receipts.controller';
import { RecordsReceiptsService } from './records-receipts.service';
import { RecordsRetentionController } from './records-retention.controller';
import { RecordsRetentionService } from './records-retention.service';

/**
 * Records management (文書管理, issue 10): the receipt register (収受), the file plan and yearly binders (文書分類表・
 * 簿冊), secret documents (秘文書), paper decisions (書面決定), the end of retention (延長・移管・廃棄目録) and the
 * dashboard (電子決裁率). Builds on approvals (documents, routes, numbering, the audit chain) and reads its tables.
 */
@Module({
  imports: [ApprovalsModule, NotificationsModule, OrgModule],
  controllers: [
    // receipts, paper decisions, secrecy
    RecordsReceiptsController,
    // file plan, binders, retention
    RecordsBindersController,
    RecordsRetentionController,
    // dashboard
    RecordsDashboardController,
  ],
  providers: [
    // receipts, paper decisions, secrecy
    RecordsReceiptPolicy,
    RecordsReceiptsService,
    RecordsDocumentsService,
    // file plan, binders, retention
    RecordsFilePlanService,
    RecordsBindersService,
    RecordsRetentionService,
    RecordsDisposalService,
    // dashboard
    RecordsDashboardService,
  ],
})
export class RecordsModule {}
