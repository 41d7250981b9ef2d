import type {
  ApprovalTemplate,
  CreateApprovalTemplateRequest,
  DecisionAuthorityTableView,
  ReplaceDecisionAuthorityRequest,
  UpdateApprovalTemplateRequest,
} from '@ringi/contracts';
import { http } from '../../app/http';

/**
 * The administrator's side of 電子決裁: templates (様式) and the decision-authority table (専決規程). Forms show
 * their own errors next to the fields, hence `quiet` on the changes.
 */
export interface ApprovalTemplateList {
  items: ApprovalTemplate[];
}

const template = (id: string) => `/api/approvals/templates/${encodeURIComponent(id)}`;

/** Administrators also get the templates no longer in use (`active: false`). */
export const listTemplates = () => http.get<ApprovalTemplateList>('/api/approvals/templates');
export const createTemplate = (body: CreateApprovalTemplateRequest) =>
  http.post<ApprovalTemplate>('/api/approvals/templates', body, { quiet: true });
export const updateTemplate = (id: string, body: UpdateApprovalTemplateRequest) =>
  http.patch<ApprovalTemplate>(template(id), body, { quiet: true });

export const getDecisionAuthority = () =>
  http.get<DecisionAuthorityTableView>('/api/approvals/decision-authority');
/** Replaces the whole table; the API checks it as one (no repeated bound, no lower position above a higher). */
export const replaceDecisionAuthority = (body: ReplaceDecisionAuthorityRequest) =>
  http.put<DecisionAuthorityTableView>('/api/approvals/decision-authority', body, { quiet: true });
