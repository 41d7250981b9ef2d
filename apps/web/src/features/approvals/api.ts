import type {
  ApprovalActionRequest,
  ApprovalBox,
  ApprovalDocument,
  ApprovalInbox,
  ApprovalInboxCounts,
  ApprovalTemplate,
  CreateApprovalDraftRequest,
  DirectoryList,
  UpdateApprovalDraftRequest,
} from '@ringi/contracts';
import { http } from '../../app/http';

export interface ApprovalTemplateList {
  items: ApprovalTemplate[];
}

const doc = (id: string) => `/api/approvals/documents/${encodeURIComponent(id)}`;

export const listTemplates = () => http.get<ApprovalTemplateList>('/api/approvals/templates');
export const getInbox = (box: ApprovalBox, page: number, pageSize = 20) =>
  http.get<ApprovalInbox>('/api/approvals/inbox', { query: { box, page, pageSize } });
export const getInboxCounts = () => http.get<ApprovalInboxCounts>('/api/approvals/inbox/counts');
export const getDocument = (id: string) => http.get<ApprovalDocument>(doc(id));
export const createDraft = (body: CreateApprovalDraftRequest) =>
  http.post<ApprovalDocument>('/api/approvals/documents', body, { quiet: true });
export const updateDraft = (id: string, body: UpdateApprovalDraftRequest) =>
  http.patch<ApprovalDocument>(doc(id), body, { quiet: true });
/** 引用起案: a new draft from a document one may see. */
export const copyDocument = (id: string) => http.post<ApprovalDocument>(`${doc(id)}/copy`);
export const act = (id: string, body: ApprovalActionRequest) =>
  http.post<ApprovalDocument>(`${doc(id)}/actions`, body, { quiet: true });
/** People to add for 合議 or 後閲 (the staff directory, searched by name or reading). */
export const searchPeople = (q: string) =>
  http.get<DirectoryList>('/api/org/directory', { query: { q, pageSize: 20 } });
/** 添付: one file per request (the form field `file`). */
export const addAttachment = (id: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.post<ApprovalDocument>(`${doc(id)}/attachments`, form, { quiet: true });
};
export const removeAttachment = (id: string, attachmentId: string) =>
  http.delete<ApprovalDocument>(`${doc(id)}/attachments/${encodeURIComponent(attachmentId)}`, {
    quiet: true,
  });
