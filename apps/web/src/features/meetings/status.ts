import type { MeetingStatus } from '@ringi/contracts';

/** The badge colour of a meeting's status. */
export function meetingStatusTone(status: MeetingStatus): 'neutral' | 'info' | 'success' | 'accent' {
  if (status === 'distributed') return 'info';
  if (status === 'in_session') return 'accent';
  if (status === 'closed') return 'neutral';
  return 'neutral';
}
