import type { RouteRecordRaw } from 'vue-router';
import type { ComingSoonArea } from '../../app/route-meta';

const comingSoon = () => import('./views/ComingSoonView.vue');

const area = (path: ComingSoonArea): RouteRecordRaw => ({
  path,
  name: path,
  component: comingSoon,
  meta: { area: path, titleKey: `titles.${path}` },
});

export const homeRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('./views/HomeView.vue'),
    meta: { titleKey: 'titles.home' },
  },
  area('attendance'),
];

export const notFoundRoute: RouteRecordRaw = {
  path: ':pathMatch(.*)*',
  name: 'not-found',
  component: () => import('./views/NotFoundView.vue'),
  meta: { titleKey: 'titles.notFound' },
};
