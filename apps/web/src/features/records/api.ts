import type {
  CreatePaperDecision,
  CreateReceipt,
  FileableBinders,
  PaperDecisionResult,
  PendingReplies,
  Receipt,
  ReceiptList,
  Secrecy,
  SetSecrecy,
  StartFromReceiptResult,
  UpdateReceipt,
} from '@ringi/contracts';
import { http } from '../../app/http';

const base = '/api/records';

/** The receipt register: by 年度, words, open replies; what I may see. */
export const listReceipts = (query: {
  fiscalYear?: number;
  q?: string;
  replyOpen?: boolean;
  page?: number;
}) =>
  http.get<ReceiptList>(`${base}/receipts`, {
    query: {
      ...(query.fiscalYear ? { fiscalYear: query.fiscalYear } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.replyOpen ? { replyOpen: 'true' } : {}),
      page: query.page ?? 1,
      pageSize: 50,
    },
  });
export const pendingReplies = () => http.get<PendingReplies>(`${base}/receipts/pending-replies`);
export const getReceipt = (id: string) => http.get<Receipt>(`${base}/receipts/${encodeURIComponent(id)}`);
/** Quiet: the form shows why a registration was refused. */
export const registerReceipt = (body: CreateReceipt) =>
  http.post<Receipt>(`${base}/receipts`, body, { quiet: true });
/** Quiet: the form shows why a change was refused. */
export const updateReceipt = (id: string, body: UpdateReceipt) =>
  http.patch<Receipt>(`${base}/receipts/${encodeURIComponent(id)}`, body, { quiet: true });
/** One file per request (the form field `file`). */
export const addReceiptFile = (id: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.post<Receipt>(`${base}/receipts/${encodeURIComponent(id)}/files`, form, { quiet: true });
};
export const startFromReceipt = (id: string, kind: 'circulation' | 'reply') =>
  http.post<StartFromReceiptResult>(`${base}/receipts/${encodeURIComponent(id)}/start`, { kind });
export const markReplied = (id: string, repliedOn: string | null) =>
  http.put<Receipt>(`${base}/receipts/${encodeURIComponent(id)}/reply`, { repliedOn });
export const fileableBinders = (fiscalYear?: number) =>
  http.get<FileableBinders>(`${base}/fileable-binders`, { query: fiscalYear ? { fiscalYear } : {} });

/** 書面決定: the scan and the facts (JSON) in one request. Quiet: the form shows why it was refused. */
export const registerPaperDecision = (facts: CreatePaperDecision, scan: File) => {
  const form = new FormData();
  form.append('data', JSON.stringify(facts));
  form.append('file', scan, scan.name);
  return http.post<PaperDecisionResult>(`${base}/paper-decisions`, form, { quiet: true });
};

export const setSecrecy = (documentId: string, body: SetSecrecy) =>
  http.put<Secrecy>(`${base}/documents/${encodeURIComponent(documentId)}/secrecy`, body, { quiet: true });
