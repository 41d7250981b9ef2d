import type { ChatFile } from '@ringi/contracts';

/** A message not yet confirmed by the server: shown greyed at the end, resent with the same clientId. */
export interface PendingMessage {
  clientId: string;
  channelId: string;
  text: string;
  threadRootId: string | null;
  files: ChatFile[];
  ackRequested: boolean;
  createdAt: string;
  /** sending: on its way; waiting: no connection, sent when it is back; failed: the server refused it. */
  state: 'sending' | 'waiting' | 'failed';
  error?: string;
}

const key = (userId: string) => `ringi.chat.outbox.${userId}`;

/** The outbox of this person on this device (it survives a reload; never anything secret beyond the text). */
export function loadOutbox(userId: string): PendingMessage[] {
  try {
    const raw = window.localStorage.getItem(key(userId));
    const list = raw ? (JSON.parse(raw) as PendingMessage[]) : [];
    return Array.isArray(list)
      ? list.map((p) => ({ ...p, state: p.state === 'failed' ? 'failed' : 'waiting' }))
      : [];
  } catch {
    return [];
  }
}

export function saveOutbox(userId: string, list: PendingMessage[]): void {
  try {
    if (list.length) window.localStorage.setItem(key(userId), JSON.stringify(list));
    else window.localStorage.removeItem(key(userId));
  } catch {
    // Storage full or disabled: the outbox lives only in this tab.
  }
}
