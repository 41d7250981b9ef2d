import type { ApprovalDocumentSummary } from '@ringi/contracts';

export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'accent';

/** The colour of a document's status badge (the text always says the status too). */
export function statusTone(status: ApprovalDocumentSummary['status']): StatusTone {
  switch (status) {
    case 'in_progress':
      return 'info';
    case 'decided':
    case 'completed':
    case 'circulated':
      return 'success';
    case 'sent_back':
    case 'withdrawn':
      return 'warning';
    case 'rejected':
      return 'danger';
    default:
      return 'neutral';
  }
}
