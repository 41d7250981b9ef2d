import type { Locale, Me, MembershipSummary, SignInRequest } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as identityApi from '../features/identity/api';
import { isApiRequestError } from './http';
import { currentLocale, setUiLocale } from './i18n';
import { deleteOfflineCopies } from './offline';

/**
 * Why the person was sent back to the sign-in page; the page shows a plain sentence for it. `expired`: no activity
 * for the idle time; `lifetime`: the session's absolute lifetime since sign-in is over.
 */
export type SignOutReason = 'signed_out' | 'revoked' | 'expired' | 'lifetime' | 'unauthenticated';

/**
 * A plain "someone was signed in on this device" flag (never a token: the session is an httpOnly cookie).
 * It lets the sign-in page skip asking the API who is signed in when nobody was, so a fresh visit makes
 * no failing request.
 */
const SIGNED_IN_HINT_KEY = 'ringi.signedIn';

export function hasSignedInHint(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_HINT_KEY) === '1';
  } catch {
    return true;
  }
}

function setSignedInHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
    else window.localStorage.removeItem(SIGNED_IN_HINT_KEY);
  } catch {
    // Storage disabled: the sign-in page will simply ask the API.
  }
}

function byPrimaryThenRank(a: MembershipSummary, b: MembershipSummary): number {
  if (a.isPrimary !== b.isPrimary) return a.isPrimary ? -1 : 1;
  return a.positionRank - b.positionRank;
}

/** Who is signed in. The session itself is an httpOnly cookie: nothing secret is ever kept here. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const loading = ref(false);
  /** Whether we have asked the API who is signed in since the page was opened. */
  const checked = ref(false);
  const signOutReason = ref<SignOutReason | null>(null);
  /** Set while this tab signs out, so the socket's own "revoked" echo is not shown as a surprise. */
  const signingOut = ref(false);
  /** The language was switched on the sign-in page during this visit: keep it after signing in. */
  const localeChosenBeforeSignIn = ref(false);

  const isSignedIn = computed(() => me.value !== null);
  const isAdmin = computed(() => me.value?.role === 'admin');
  const fullName = computed(() => (me.value ? `${me.value.familyName} ${me.value.givenName}` : ''));
  const memberships = computed(() => [...(me.value?.memberships ?? [])].sort(byPrimaryThenRank));
  const primaryMembership = computed(() => memberships.value[0] ?? null);

  function setMe(next: Me): void {
    me.value = next;
    setSignedInHint(true);
  }

  /** Forgets the signed-in person locally (after a 401, a revoked session or signing out). */
  function clear(reason: SignOutReason | null = null): void {
    me.value = null;
    checked.value = true;
    signOutReason.value = reason;
    setSignedInHint(false);
  }

  async function loadMe(): Promise<Me | null> {
    loading.value = true;
    try {
      setMe(await identityApi.getMe());
      await setUiLocale(me.value?.locale ?? 'ja');
    } catch (error) {
      if (!isApiRequestError(error) || error.status !== 401) throw error;
      me.value = null;
      setSignedInHint(false);
    } finally {
      loading.value = false;
      checked.value = true;
    }
    return me.value;
  }

  async function signIn(request: SignInRequest): Promise<Me> {
    loading.value = true;
    try {
      const signedIn = await identityApi.signIn(request);
      setMe(signedIn);
      checked.value = true;
      signOutReason.value = null;
      const shown = currentLocale();
      if (localeChosenBeforeSignIn.value && shown !== signedIn.locale) {
        // The person switched language on the sign-in page: keep it and save it as their preference.
        const updated = await identityApi.updateMe({ locale: shown }).catch(() => signedIn);
        setMe(updated);
        return updated;
      }
      await setUiLocale(signedIn.locale);
      return signedIn;
    } finally {
      loading.value = false;
    }
  }

  async function signOut(): Promise<void> {
    loading.value = true;
    signingOut.value = true;
    try {
      // Another person may use this device next: the meetings kept on it for reading offline go first.
      await deleteOfflineCopies().catch(() => undefined);
      await identityApi.signOut().catch(() => undefined);
      clear('signed_out');
    } finally {
      loading.value = false;
      signingOut.value = false;
    }
  }

  /** Shows the UI in another language; saved on the server when signed in and on this device always. */
  async function setLocale(locale: Locale): Promise<void> {
    await setUiLocale(locale);
    if (me.value && me.value.locale !== locale) {
      me.value = await identityApi.updateMe({ locale });
    } else if (!me.value) {
      localeChosenBeforeSignIn.value = true;
    }
  }

  return {
    me,
    loading,
    checked,
    signOutReason,
    signingOut,
    isSignedIn,
    isAdmin,
    fullName,
    memberships,
    primaryMembership,
    setMe,
    clear,
    loadMe,
    signIn,
    signOut,
    setLocale,
  };
});
