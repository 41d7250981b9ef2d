import type {
  Channel,
  ChannelList,
  ChatChanges,
  ChatDraftCreated,
  ChatFile,
  ChatLinkPreview,
  ChatMembers,
  ChatMessage,
  ChatMessagePage,
  ChatPresenceList,
  ChatReadStates,
  ChatReceipts,
  ChatSearchQuery,
  ChatSearchResult,
  ChatThread,
  CreateChannelRequest,
  DirectoryList,
  MarkReadResult,
  NotifyLevel,
  SendMessageRequest,
  UpdateChannelRequest,
} from '@ringi/contracts';
import { http } from '../../app/http';

const base = '/api/chat';
const ch = (id: string) => `${base}/channels/${encodeURIComponent(id)}`;
const msg = (id: string, mid: string) => `${ch(id)}/messages/${encodeURIComponent(mid)}`;

export const listChannels = (scope: 'mine' | 'browse' = 'mine') =>
  http.get<ChannelList>(`${base}/channels`, { query: { scope } });
export const createChannel = (body: CreateChannelRequest) =>
  http.post<Channel>(`${base}/channels`, body, { quiet: true });
export const openDirect = (userIds: string[]) => http.post<Channel>(`${base}/direct`, { userIds });
/** Quiet: the chat page says "not found" itself. */
export const getChannel = (id: string) => http.get<Channel>(ch(id), { quiet: true });
export const updateChannel = (id: string, body: UpdateChannelRequest) =>
  http.patch<Channel>(ch(id), body, { quiet: true });
export const joinChannel = (id: string) => http.post<Channel>(`${ch(id)}/join`);
export const leaveChannel = (id: string) => http.post<void>(`${ch(id)}/leave`);
export const listMembers = (id: string) => http.get<ChatMembers>(`${ch(id)}/members`);
export const setNotify = (id: string, notify: NotifyLevel) =>
  http.put<Channel>(`${ch(id)}/notify`, { notify });
export const uploadFile = (
  id: string,
  file: File,
  onUploadProgress?: (sent: number, total: number) => void,
) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.post<ChatFile>(`${ch(id)}/files`, form, { quiet: true, onUploadProgress });
};
export const listMessages = (id: string, query: { before?: number; around?: number; limit?: number } = {}) =>
  http.get<ChatMessagePage>(`${ch(id)}/messages`, { query });
/** Quiet: a catch-up that fails is retried on the next reconnection. */
export const listChanges = (id: string, after: number) =>
  http.get<ChatChanges>(`${ch(id)}/changes`, { query: { after }, quiet: true });
/** The same request as `chat:send`, for when the socket is not there (idempotent by clientId). */
export const postMessage = (id: string, body: SendMessageRequest) =>
  http.post<ChatMessage>(`${ch(id)}/messages`, body, { quiet: true });
export const getMessage = (id: string, mid: string) => http.get<ChatMessage>(msg(id, mid), { quiet: true });
export const getThread = (id: string, mid: string) => http.get<ChatThread>(`${msg(id, mid)}/thread`);
export const editMessage = (id: string, mid: string, text: string) =>
  http.patch<ChatMessage>(msg(id, mid), { text });
export const deleteMessage = (id: string, mid: string) => http.delete<void>(msg(id, mid));
export const react = (id: string, mid: string, emoji: string, on: boolean) =>
  http.post<ChatMessage>(`${msg(id, mid)}/reactions`, { emoji, on });
export const ack = (id: string, mid: string) => http.post<ChatMessage>(`${msg(id, mid)}/ack`);
export const receipts = (id: string, mid: string) => http.get<ChatReceipts>(`${msg(id, mid)}/receipts`);
export const readStates = (id: string) => http.get<ChatReadStates>(`${ch(id)}/read-states`, { quiet: true });
export const acks = (id: string, mid: string) => http.get<ChatReceipts>(`${msg(id, mid)}/acks`);
export const remindAcks = (id: string, mid: string) =>
  http.post<{ reminded: number }>(`${msg(id, mid)}/acks/remind`);
export const makeDraft = (id: string, mid: string) => http.post<ChatDraftCreated>(`${msg(id, mid)}/draft`);
export const markRead = (id: string, seq: number) =>
  http.post<MarkReadResult>(`${ch(id)}/read`, { seq }, { quiet: true });
export const search = (query: ChatSearchQuery) =>
  http.get<ChatSearchResult>(`${base}/search`, { query: { ...query } });
export const linkPreviews = (refs: string[]) =>
  http.get<{ items: ChatLinkPreview[] }>(`${base}/link-previews`, {
    query: { refs: refs.join(',') },
    quiet: true,
  });
export const presence = (ids: string[]) =>
  http.get<ChatPresenceList>(`${base}/presence`, { query: { ids: ids.join(',') }, quiet: true });
export const setPresence = (state: 'online' | 'away' | 'telework') =>
  http.put<ChatPresenceList>(`${base}/presence`, { presence: state });
/** People to pick (the staff directory, searched by name or reading). */
export const searchPeople = (q: string) =>
  http.get<DirectoryList>('/api/org/directory', { query: { q, pageSize: 20 } });
