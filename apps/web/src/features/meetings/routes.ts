import type { RouteRecordRaw } from 'vue-router';
import { registerFeatureMessages } from '../../app/i18n';

registerFeatureMessages('meetings', {
  ja: () => import('./locales/ja').then((m) => m.meetingsJa),
  en: () => import('./locales/en').then((m) => m.meetingsEn),
});

// Minutes, search and disposal (issue 7, after the meeting): messages of their own, loaded with these screens.
registerFeatureMessages('meetingRecords', {
  ja: () => import('./locales/records.ja').then((m) => m.meetingRecordsJa),
  en: () => import('./locales/records.en').then((m) => m.meetingRecordsEn),
});

/** 会議: my meetings, a new meeting, the meeting and a material, each loaded only when opened, with its messages. */
export const meetingRoutes: RouteRecordRaw[] = [
  {
    path: 'meetings',
    name: 'meetings',
    component: () => import('./views/MeetingListView.vue'),
    meta: { messages: ['meetings', 'meetingRecords'], titleKey: 'titles.meetings' },
  },
  {
    path: 'meetings/search',
    name: 'meeting-search',
    component: () => import('./views/MeetingSearchView.vue'),
    meta: { messages: ['meetings', 'meetingRecords'], titleKey: 'meetingRecords.search.title' },
  },
  {
    path: 'meetings/new',
    name: 'meeting-new',
    component: () => import('./views/MeetingNewView.vue'),
    meta: { messages: ['meetings'], titleKey: 'meetings.titles.new' },
  },
  {
    path: 'meetings/:id',
    name: 'meeting',
    component: () => import('./views/MeetingView.vue'),
    props: true,
    meta: { messages: ['meetings', 'meetingRecords'], titleKey: 'meetings.titles.meeting' },
  },
  {
    path: 'meetings/:id/materials/:materialId',
    name: 'meeting-material',
    component: () => import('./views/MaterialView.vue'),
    props: true,
    meta: { messages: ['meetings'], titleKey: 'meetings.titles.material' },
  },
];
