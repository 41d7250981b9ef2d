import type { MeetingStatus } from '@ringi/contracts';

/** The badge colour of a meeting's status. */
export function meetingStatusTone(status: MeetingStatus): 'neutral' | 'info' | 'accent' {
  if (status === 'distributed') return 'info';
  if (status === 'in_session') return 'accent';
  return 'neutral';
}

export type MeetingStep = 'distribute' | 'start' | 'close';

/** What can happen next: 配布する in a draft, 開始する or 終了する once distributed, 終了する in session. */
export function nextSteps(status: MeetingStatus): MeetingStep[] {
  if (status === 'draft') return ['distribute'];
  if (status === 'distributed') return ['start', 'close'];
  if (status === 'in_session') return ['close'];
  return [];
}
