import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** Shown small under an error so staff can quote it to the help desk. */
  requestId?: string;
}

const LIFETIME_MS: Record<ToastKind, number> = { info: 6000, success: 6000, error: 12000 };

/** The one notice area of the app. Views and the HTTP client post here; stores never do. */
export const useToastStore = defineStore('toast', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  function show(kind: ToastKind, message: string, requestId?: string): number {
    // The same message twice in a row (e.g. two failing requests) is shown once.
    const same = toasts.value.find((toast) => toast.message === message && toast.kind === kind);
    if (same) return same.id;
    const id = nextId++;
    toasts.value = [...toasts.value.slice(-3), { id, kind, message, requestId }];
    window.setTimeout(() => dismiss(id), LIFETIME_MS[kind]);
    return id;
  }

  const success = (message: string): number => show('success', message);
  const info = (message: string): number => show('info', message);
  const error = (message: string, requestId?: string): number => show('error', message, requestId);

  return { toasts, show, success, info, error, dismiss };
});
