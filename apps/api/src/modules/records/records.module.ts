import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { RecordsBindersController } from './records-binders.controller';
import { RecordsBindersService } from './records-binders.service';
import { RecordsDisposalService } from './records-disposal.service';
import { RecordsFilePlanService } from './records-file-plan.service';
import { RecordsReceiptPolicy } from './records-receipt.policy';
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
    // file plan, binders, retention
    RecordsBindersController,
    RecordsRetentionController,
    // dashboard
  ],
  providers: [
    // receipts, paper decisions, secrecy
    // file plan, binders, retention
    RecordsReceiptPolicy, // the binder's receipts are listed by it (harmless if listed again above)
    RecordsFilePlanService,
    RecordsBindersService,
    RecordsRetentionService,
    RecordsDisposalService,
    // dashboard
  ],
  exports: [
    // file plan, binders, retention: `binderFor` files a completed document without a chosen binder
    RecordsBindersService,
  ],
})
export class RecordsModule {}
