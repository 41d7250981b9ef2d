import type { ApprovalSearchParams, ApprovalSearchResult } from '@ringi/contracts';
import { http } from '../../app/http';

/**
 * The query string of a search: empty values left out, a list (several statuses) as repeated keys
 * (`status=decided&status=completed`), the way the API reads it.
 */
export function searchQueryString(params: ApprovalSearchParams): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') qs.append(key, String(item));
    }
  }
  return qs.toString();
}

/** 文書検索: one page of the documents the signed-in person may see that match. Errors are the caller's to show. */
export const searchDocuments = (params: ApprovalSearchParams) =>
  http.get<ApprovalSearchResult>(`/api/approvals/search?${searchQueryString(params)}`, { quiet: true });
