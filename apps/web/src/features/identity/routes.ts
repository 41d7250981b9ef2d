import type { RouteRecordRaw } from 'vue-router';

export const identityRoutes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('./views/SignInView.vue'),
    meta: { public: true, titleKey: 'titles.signIn' },
  },
];
