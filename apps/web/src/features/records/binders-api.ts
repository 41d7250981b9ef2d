import type {
  Binder,
  BinderDetail,
  BinderList,
  BinderStatus,
  CreateDisposalList,
  CreateYearBindersResult,
  DepartmentList,
  DisposalList,
  DisposalLists,
  ExtendRetention,
  FilePlan,
  FilePlanItem,
  RetentionDue,
  SaveFilePlanItem,
} from '@ringi/contracts';
import { http } from '../../app/http';

/** File plan, binders and the end of retention (文書分類表・簿冊・保存期間満了). */
const base = '/api/records';
const id = (value: string) => encodeURIComponent(value);

export const filePlan = () => http.get<FilePlan>(`${base}/file-plan`);
export const createFilePlanItem = (body: SaveFilePlanItem) =>
  http.post<FilePlanItem>(`${base}/file-plan`, body, { quiet: true });
export const updateFilePlanItem = (itemId: string, body: SaveFilePlanItem) =>
  http.patch<FilePlanItem>(`${base}/file-plan/${id(itemId)}`, body, { quiet: true });

export const createYearBinders = (fiscalYear: number) =>
  http.post<CreateYearBindersResult>(`${base}/binders/year`, { fiscalYear });
/** The binder search (`binderSearchSchema`) as the screens send it. */
export interface BinderQuery {
  fiscalYear?: number;
  departmentId?: string;
  classification?: string;
  title?: string;
  status?: BinderStatus;
  page?: number;
  pageSize?: number;
}

export const searchBinders = (query: BinderQuery) =>
  http.get<BinderList>(`${base}/binders`, { query: { ...query } });
export const binder = (binderId: string) => http.get<BinderDetail>(`${base}/binders/${id(binderId)}`);

export const retentionDue = (by?: string) =>
  http.get<RetentionDue>(`${base}/retention/due`, { query: { by } });
export const extendRetention = (binderId: string, body: ExtendRetention) =>
  http.post<Binder>(`${base}/binders/${id(binderId)}/extend`, body, { quiet: true });
export const startTransfer = (binderId: string) =>
  http.post<Binder>(`${base}/binders/${id(binderId)}/transfer`);
export const markTransferred = (binderId: string) =>
  http.post<Binder>(`${base}/binders/${id(binderId)}/transferred`);
export const disposalLists = () => http.get<DisposalLists>(`${base}/disposal-lists`);
export const createDisposalList = (body: CreateDisposalList) =>
  http.post<DisposalList>(`${base}/disposal-lists`, body, { quiet: true });

/** Every department, for the search form (anyone signed in may read the org chart). */
export const departments = () => http.get<DepartmentList>('/api/org/departments');
