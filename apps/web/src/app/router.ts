import type { Pinia } from 'pinia';
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { accountRoutes } from '../features/account/routes';
import { adminRoutes } from '../features/admin/routes';
import { approvalRoutes } from '../features/approvals/routes';
import { attendanceRoutes } from '../features/attendance/routes';
import { recordsRoutes } from '../features/records/routes';
import { chatRoutes } from '../features/chat/routes';
import { disasterRoutes } from '../features/disaster/routes';
import { directoryRoutes } from '../features/directory/routes';
import { fileRoutes } from '../features/files/routes';
import { homeRoutes, notFoundRoute } from '../features/home/routes';
import { identityRoutes } from '../features/identity/routes';
import { meetingRoutes } from '../features/meetings/routes';
import { hasSignedInHint, useAuthStore } from './auth-store';
import { loadFeatureMessages } from './i18n';

/** Only paths inside this app are followed after sign-in (no `//evil.example`). */
export function safeRedirect(value: unknown): string | null {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  ) {
    return null;
  }
  return value.startsWith('/sign-in') ? null : value;
}

export function signInLocation(from: RouteLocationNormalized | null) {
  const redirect = from && from.name !== 'sign-in' && from.fullPath !== '/' ? from.fullPath : undefined;
  return { name: 'sign-in' as const, query: redirect ? { redirect } : {} };
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    ...identityRoutes,
    {
      path: '/',
      component: () => import('./shell/AppShell.vue'),
      children: [
        // チャット is built now: its own routes replace the "coming soon" page of the home feature.
        ...homeRoutes,
        ...approvalRoutes,
        ...chatRoutes,
        ...attendanceRoutes,
        ...recordsRoutes,
        ...meetingRoutes,
        ...directoryRoutes,
        ...fileRoutes,
        ...accountRoutes,
        ...adminRoutes,
        ...disasterRoutes,
        notFoundRoute,
      ],
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

/** Signed-out people go to /sign-in; people who are not administrators never see /admin. */
export function installGuards(pinia: Pinia): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore(pinia);
    // The sign-in page asks "who is signed in?" only if someone was on this device (see hasSignedInHint).
    if (!auth.checked && !(to.meta.public && !hasSignedInHint())) {
      try {
        await auth.loadMe();
      } catch {
        // The API is unreachable: treat as signed out; the sign-in page says what happens on retry.
      }
    }
    if (to.meta.public) {
      if (to.name === 'sign-in' && auth.isSignedIn)
        return safeRedirect(to.query.redirect) ?? { name: 'home' };
      return true;
    }
    if (!auth.isSignedIn) return signInLocation(to);
    if (to.matched.some((record) => record.meta.admin) && !auth.isAdmin) return { name: 'home' };
    await loadFeatureMessages(to.matched.flatMap((record) => record.meta.messages ?? []));
    return true;
  });
}
