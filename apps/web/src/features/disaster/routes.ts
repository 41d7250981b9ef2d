import type { RouteRecordRaw } from 'vue-router';
import { registerFeatureMessages } from '../../app/i18n';

registerFeatureMessages('disaster', {
  ja: () => import('./locales/ja').then((m) => m.disasterJa),
  en: () => import('./locales/en').then((m) => m.disasterEn),
});

/**
 * 災害モード: the roll-calls (administrators start one here; everyone may open it) and one roll-call (answer,
 * and the tally for those who may see it). The red banner of an open roll-call lives in the app shell.
 */
export const disasterRoutes: RouteRecordRaw[] = [
  {
    path: 'disaster',
    name: 'disaster',
    component: () => import('./views/DisasterView.vue'),
    meta: { messages: ['disaster'], titleKey: 'disaster.titles.list' },
  },
  {
    path: 'disaster/:id',
    name: 'disaster-roll-call',
    component: () => import('./views/RollCallView.vue'),
    props: true,
    meta: { messages: ['disaster'], titleKey: 'disaster.titles.rollCall' },
  },
];
