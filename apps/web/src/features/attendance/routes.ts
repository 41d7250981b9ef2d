import type { RouteRecordRaw } from 'vue-router';
import { registerFeatureMessages } from '../../app/i18n';

registerFeatureMessages('attendance', {
  ja: () => import('./locales/ja').then((m) => m.attendanceJa),
  en: () => import('./locales/en').then((m) => m.attendanceEn),
});

/** 勤怠: clocking in and out, today's status, my month. */
export const attendanceRoutes: RouteRecordRaw[] = [
  {
    path: 'attendance',
    name: 'attendance',
    component: () => import('./views/AttendanceView.vue'),
    meta: { messages: ['attendance'], titleKey: 'attendance.title' },
  },
  {
    path: 'attendance/timesheets',
    name: 'attendance-timesheets',
    component: () => import('./views/TimesheetView.vue'),
    meta: { messages: ['attendance'], titleKey: 'attendance.timesheet.title' },
  },
];
