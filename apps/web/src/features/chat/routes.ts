import type { RouteRecordRaw } from 'vue-router';
import { registerFeatureMessages } from '../../app/i18n';

registerFeatureMessages('chat', {
  ja: () => import('./locales/ja').then((m) => m.chatJa),
  en: () => import('./locales/en').then((m) => m.chatEn),
});

/** 業務チャット: the channel list, a channel (`?message=` in context, `?thread=` open), and search. */
export const chatRoutes: RouteRecordRaw[] = [
  {
    path: 'chat',
    name: 'chat',
    component: () => import('./views/ChatView.vue'),
    meta: { messages: ['chat'], titleKey: 'titles.chat' },
  },
  {
    path: 'chat/search',
    name: 'chat-search',
    component: () => import('./views/ChatSearchView.vue'),
    meta: { messages: ['chat'], titleKey: 'chat.searchPage.title' },
  },
  {
    path: 'chat/:channelId',
    name: 'chat-channel',
    component: () => import('./views/ChatView.vue'),
    props: true,
    meta: { messages: ['chat'], titleKey: 'titles.chat' },
  },
];
