import { createZodDto } from 'nestjs-zod';
import {
  approvalActionRequestSchema,
  approvalAttachmentIdParamSchema,
  approvalDocumentIdParamSchema,
  approvalDocumentSchema,
  approvalInboxCountsSchema,
  approvalInboxQuerySchema,
  approvalInboxSchema,
  approvalTemplateListSchema,
  approvalTemplateSchema,
  createApprovalDraftRequestSchema,
  createApprovalTemplateRequestSchema,
  decisionAuthorityTableSchema,
  replaceDecisionAuthorityRequestSchema,
  updateApprovalDraftRequestSchema,
  updateApprovalTemplateRequestSchema,
} from '@ringi/contracts';

// Requests
export class ApprovalIdParamDto extends createZodDto(approvalDocumentIdParamSchema) {}
export class ApprovalAttachmentParamDto extends createZodDto(approvalAttachmentIdParamSchema) {}
export class CreateApprovalTemplateDto extends createZodDto(createApprovalTemplateRequestSchema) {}
export class UpdateApprovalTemplateDto extends createZodDto(updateApprovalTemplateRequestSchema) {}
export class ReplaceDecisionAuthorityDto extends createZodDto(replaceDecisionAuthorityRequestSchema) {}
export class CreateApprovalDraftDto extends createZodDto(createApprovalDraftRequestSchema) {}
export class UpdateApprovalDraftDto extends createZodDto(updateApprovalDraftRequestSchema) {}
export class ApprovalActionDto extends createZodDto(approvalActionRequestSchema) {}
export class ApprovalInboxQueryDto extends createZodDto(approvalInboxQuerySchema) {}

// Responses
export class ApprovalTemplateDto extends createZodDto(approvalTemplateSchema) {}
export class ApprovalTemplateListDto extends createZodDto(approvalTemplateListSchema) {}
export class DecisionAuthorityTableDto extends createZodDto(decisionAuthorityTableSchema) {}
export class ApprovalDocumentDto extends createZodDto(approvalDocumentSchema) {}
export class ApprovalInboxDto extends createZodDto(approvalInboxSchema) {}
export class ApprovalInboxCountsDto extends createZodDto(approvalInboxCountsSchema) {}
