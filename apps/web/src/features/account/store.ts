import type { ChangePasswordRequest, SessionSummary } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useAuthStore } from '../../app/auth-store';
import * as accountApi from './api';

/** The signed-in person's own account: devices, password, photo. */
export const useAccountStore = defineStore('account', () => {
  const sessions = ref<SessionSummary[]>([]);
  const loadingSessions = ref(false);
  const savingPassword = ref(false);
  const uploadingPhoto = ref(false);
  const revoking = ref<string | 'others' | null>(null);

  const otherSessions = computed(() => sessions.value.filter((session) => !session.current));
  /** The current device first, then the most recently used. */
  const sortedSessions = computed(() =>
    [...sessions.value].sort((a, b) =>
      a.current !== b.current ? (a.current ? -1 : 1) : b.lastSeenAt.localeCompare(a.lastSeenAt),
    ),
  );

  async function loadSessions(): Promise<void> {
    loadingSessions.value = true;
    try {
      sessions.value = (await accountApi.listSessions()).items;
    } finally {
      loadingSessions.value = false;
    }
  }

  async function revokeSession(id: string): Promise<void> {
    revoking.value = id;
    try {
      await accountApi.revokeSession(id);
      sessions.value = sessions.value.filter((session) => session.id !== id);
    } finally {
      revoking.value = null;
    }
  }

  async function revokeOthers(): Promise<number> {
    revoking.value = 'others';
    try {
      const { revoked } = await accountApi.revokeOtherSessions();
      sessions.value = sessions.value.filter((session) => session.current);
      return revoked;
    } finally {
      revoking.value = null;
    }
  }

  async function changePassword(request: ChangePasswordRequest): Promise<void> {
    savingPassword.value = true;
    try {
      await accountApi.changePassword(request);
      // The API signs out every other device when the password changes.
      sessions.value = sessions.value.filter((session) => session.current);
    } finally {
      savingPassword.value = false;
    }
  }

  async function uploadPhoto(file: File): Promise<void> {
    uploadingPhoto.value = true;
    try {
      useAuthStore().setMe(await accountApi.uploadPhoto(file));
    } finally {
      uploadingPhoto.value = false;
    }
  }

  return {
    sessions,
    loadingSessions,
    savingPassword,
    uploadingPhoto,
    revoking,
    otherSessions,
    sortedSessions,
    loadSessions,
    revokeSession,
    revokeOthers,
    changePassword,
    uploadPhoto,
  };
});
