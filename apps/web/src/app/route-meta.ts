import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title). */
    titleKey?: string;
    /** Reachable without signing in. */
    public?: boolean;
    /** Only for administrators. */
    admin?: boolean;
    /** Features whose messages the screen needs, loaded before it shows (see `registerFeatureMessages`). */
    messages?: string[];
  }
}
