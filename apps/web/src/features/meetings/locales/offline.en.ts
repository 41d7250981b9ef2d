import type { MeetingOfflineMessages } from './offline.ja';

/** English for `meetingOffline.*` (same shape as `./offline.ja.ts`). */
export const meetingOfflineEn: MeetingOfflineMessages = {
  title: 'Read offline',
  keep: 'Keep on this device (read offline)',
  keepHint:
    'Keeps the meeting and the latest version of each material on this device, so they can be read without a network. Signing out deletes them.',
  progressLabel: 'Progress of keeping',
  saving: {
    app: 'Keeping the app…',
    files: 'Keeping materials (file {done} of {total})',
  },
  savedState: 'Kept on this device (kept {when}, {files} materials, {size})',
  savedDone: 'Kept on this device. It can be read without a network.',
  refresh: 'Keep the latest versions again',
  remove: 'Remove from this device',
  removed: 'Removed from this device.',
  failed: {
    save: 'Could not keep it. Connect to the network and try again.',
    remove: 'Could not remove it. Please try again.',
  },
  unsupported: 'This browser cannot keep meetings for reading offline.',
  offlineNotice: 'No network. Showing what was kept on this device.',
  megabytes: '{n} MB',
  list: {
    title: 'Meetings kept on this device',
    empty: 'No meetings are kept on this device.',
    saveUpcoming: 'Keep all upcoming meetings',
    savingUpcoming: 'Keeping upcoming meetings on this device…',
    savedUpcoming: '{n} meetings kept on this device.',
    nothingNew: 'No new meetings to keep.',
    someFailed: '{n} meetings could not be kept.',
    signOutNote: 'Signing out deletes every meeting kept on this device.',
  },
};
