import type { attendanceJa } from './ja';

/** Attendance's messages in English (the same shape as ./ja.ts). */
export const attendanceEn: typeof attendanceJa = {
  title: 'Attendance',
  today: {
    heading: 'Today',
    holiday: 'Today is {name}.',
    weekend: 'Today is a day off (weekend).',
    closure: 'The town hall is closed today.',
    standard: 'Working hours {start}–{end} (break {breakStart}–{breakEnd})',
    notYet: 'You have not clocked in yet.',
    clockedIn: 'Clocked in at {time} ({source})',
    clockedOut: 'Clocked out at {time} ({source})',
    worked: 'Worked {hours} h {minutes} min',
  },
  punch: {
    in: 'Clock in',
    out: 'Clock out',
    inDone: 'Clocked in {time}',
    outDone: 'Clocked out {time}',
    where: 'Working from',
    note: 'Note (optional)',
    noteHint: 'Up to 200 characters, e.g. going straight to a site, business trip',
    sending: 'Recording…',
    done: '{kind} recorded ({time}).',
    failed: 'It could not be recorded. Check the connection and press again (it will not be recorded twice).',
    retry: 'Send again',
  },
  source: { office: 'Town hall', telework: 'Telework' },
  month: {
    heading: 'Attendance record for {month}',
    previous: 'Previous month',
    next: 'Next month',
    date: 'Date',
    in: 'In',
    out: 'Out',
    worked: 'Worked',
    where: 'Where',
    summary: '{days} days at work, {hours} h {minutes} min worked, {telework} days of telework',
    none: '—',
  },
  nonWorking: { weekend: 'Weekend', national_holiday: 'Holiday', town_closure: 'Closed' },
};
