import { ref } from 'vue';
import { loadFeatureMessages, registerFeatureMessages } from '../../../app/i18n';

registerFeatureMessages('meetingOffline', {
  ja: () => import('../locales/offline.ja').then((m) => m.meetingOfflineJa),
  en: () => import('../locales/offline.en').then((m) => m.meetingOfflineEn),
});

/**
 * The offline panels' messages (`meetingOffline.*`), loaded when a panel first shows rather than listed in the
 * routes; `ready` turns true once they are there (a language switch loads them again by itself).
 */
export function useOfflineMessages() {
  const ready = ref(false);
  void loadFeatureMessages(['meetingOffline']).then(() => {
    ready.value = true;
  });
  return ready;
}

/** Whether the browser says it is online, kept current. */
export function useOnline() {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const update = () => {
    online.value = navigator.onLine;
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  return {
    online,
    stop: () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    },
  };
}
