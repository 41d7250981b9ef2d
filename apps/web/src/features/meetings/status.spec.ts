import { meetingStatusTone, nextSteps } from './status';

describe('meeting status', () => {
  it('offers the steps the API allows from each status', () => {
    expect(nextSteps('draft')).toEqual(['distribute']);
    expect(nextSteps('distributed')).toEqual(['start', 'close']);
    expect(nextSteps('in_session')).toEqual(['close']);
    expect(nextSteps('closed')).toEqual([]);
  });

  it('colours the badge by status', () => {
    expect(meetingStatusTone('draft')).toBe('neutral');
    expect(meetingStatusTone('distributed')).toBe('info');
    expect(meetingStatusTone('in_session')).toBe('accent');
  });
});
