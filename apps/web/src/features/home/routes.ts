import type { RouteRecordRaw } from 'vue-router';
export const homeRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('./views/HomeView.vue'),
    // The home page lists the received documents waiting for a reply (records' words).
    meta: { titleKey: 'titles.home', messages: ['records'] },
  },
];

export const notFoundRoute: RouteRecordRaw = {
  path: ':pathMatch(.*)*',
  name: 'not-found',
  component: () => import('./views/NotFoundView.vue'),
  meta: { titleKey: 'titles.notFound' },
};
