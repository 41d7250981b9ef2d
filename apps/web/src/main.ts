import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app/App.vue';
import { useAuthStore } from './app/auth-store';
import { configureHttp } from './app/http';
import { useIdleStore } from './app/idle-store';
import { currentLocale, i18n, setUiLocale, storedLocale } from './app/i18n';
import { installOffline } from './app/offline';
import { installGuards, router, signInLocation } from './app/router';
import { installSocket } from './app/socket';
import { useToastStore } from './app/toast-store';
import './styles.css';

async function start(): Promise<void> {
  const pinia = createPinia();

  configureHttp({
    locale: currentLocale,
    networkMessage: () => i18n.global.t('errors.network'),
    onUnauthorized: (error) => {
      const auth = useAuthStore(pinia);
      auth.clear(error.code === 'auth/session_expired' ? 'expired' : 'unauthenticated');
      const here = router.currentRoute.value;
      if (here.name !== 'sign-in') void router.replace(signInLocation(here));
    },
    onError: (error) => useToastStore(pinia).error(error.message, error.requestId),
    onSessionTime: (time) => useIdleStore(pinia).fromServer(time),
  });

  await setUiLocale(storedLocale());

  const app = createApp(App);
  app.use(pinia);
  app.use(i18n);
  installGuards(pinia);
  app.use(router);
  installSocket(pinia, router);
  installOffline(pinia);
  await router.isReady();
  app.mount('#app');
}

void start();
