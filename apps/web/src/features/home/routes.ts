import type { RouteRecordRaw } from 'vue-router';
export const homeRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('./views/HomeView.vue'),
    meta: { titleKey: 'titles.home' },
  },
];

export const notFoundRoute: RouteRecordRaw = {
  path: ':pathMatch(.*)*',
  name: 'not-found',
  component: () => import('./views/NotFoundView.vue'),
  meta: { titleKey: 'titles.notFound' },
};
