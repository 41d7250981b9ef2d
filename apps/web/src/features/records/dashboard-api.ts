import type { RecordsDashboard } from '@ringi/contracts';
import { http } from '../../app/http';

/** 文書管理の集計: the figures (the view shows a refusal itself) and the CSV's address for a download link. */
const base = '/api/records';

export interface DashboardQuery {
  fiscalYear: number;
  departmentId?: string;
}

const params = (q: DashboardQuery) => ({
  fiscalYear: String(q.fiscalYear),
  ...(q.departmentId ? { departmentId: q.departmentId } : {}),
});

export const dashboard = (q: DashboardQuery) =>
  http.get<RecordsDashboard>(`${base}/dashboard`, { query: params(q), quiet: true });
export const dashboardCsvUrl = (q: DashboardQuery) =>
  `${base}/dashboard.csv?${new URLSearchParams(params(q))}`;
