import type {
  CreateNoteRequest,
  MeetingNote,
  MeetingNoteList,
  UpdateNoteRequest,
  AddMeetingParticipantRequest,
  CreateAgendaItemRequest,
  CreateMeetingRequest,
  DirectoryList,
  Meeting,
  MeetingList,
  UpdateAgendaItemRequest,
  UpdateMeetingRequest,
} from '@ringi/contracts';
import { http } from '../../app/http';

const base = '/api/meetings';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
const pdfForm = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

export const listMeetings = (when: 'upcoming' | 'past', page: number, pageSize = 20) =>
  http.get<MeetingList>(base, { query: { when, page, pageSize } });
export const createMeeting = (body: CreateMeetingRequest) => http.post<Meeting>(base, body, { quiet: true });
/** Quiet: the meeting page says "not found or no access" itself. */
export const getMeeting = (id: string) => http.get<Meeting>(one(id), { quiet: true });
export const updateMeeting = (id: string, body: UpdateMeetingRequest) =>
  http.patch<Meeting>(one(id), body, { quiet: true });
export const addParticipant = (id: string, body: AddMeetingParticipantRequest) =>
  http.post<Meeting>(`${one(id)}/participants`, body, { quiet: true });
export const removeParticipant = (id: string, participantId: string) =>
  http.delete<Meeting>(`${one(id)}/participants/${encodeURIComponent(participantId)}`, { quiet: true });
export const addAgendaItem = (id: string, body: CreateAgendaItemRequest) =>
  http.post<Meeting>(`${one(id)}/agenda`, body, { quiet: true });
export const updateAgendaItem = (id: string, itemId: string, body: UpdateAgendaItemRequest) =>
  http.patch<Meeting>(`${one(id)}/agenda/${encodeURIComponent(itemId)}`, body, { quiet: true });
export const reorderAgenda = (id: string, itemIds: string[]) =>
  http.put<Meeting>(`${one(id)}/agenda/order`, { itemIds }, { quiet: true });
export const removeAgendaItem = (id: string, itemId: string) =>
  http.delete<Meeting>(`${one(id)}/agenda/${encodeURIComponent(itemId)}`, { quiet: true });
/** Uploads report their progress (a 50 MB PDF takes a while on a town's network). */
type Progress = (sent: number, total: number) => void;
export const addMaterial = (id: string, itemId: string, file: File, onUploadProgress?: Progress) =>
  http.post<Meeting>(`${one(id)}/agenda/${encodeURIComponent(itemId)}/materials`, pdfForm(file), {
    quiet: true,
    onUploadProgress,
  });
export const replaceMaterial = (id: string, materialId: string, file: File, onUploadProgress?: Progress) =>
  http.post<Meeting>(`${one(id)}/materials/${encodeURIComponent(materialId)}/versions`, pdfForm(file), {
    quiet: true,
    onUploadProgress,
  });
export const removeMaterial = (id: string, materialId: string) =>
  http.delete<Meeting>(`${one(id)}/materials/${encodeURIComponent(materialId)}`, { quiet: true });
export const transition = (id: string, to: 'distribute' | 'start' | 'close') =>
  http.post<Meeting>(`${one(id)}/${to}`, undefined, { quiet: true });
/** People to invite (the staff directory, searched by name or reading). */
export const searchPeople = (q: string) =>
  http.get<DirectoryList>('/api/org/directory', { query: { q, pageSize: 20 } });

// Private notes (個人メモ): only ever one's own.
const notesOf = (id: string, materialId: string) =>
  `${one(id)}/materials/${encodeURIComponent(materialId)}/notes`;
const note = (id: string, noteId: string) => `${one(id)}/notes/${encodeURIComponent(noteId)}`;
/** Quiet: the material page says itself when the meeting cannot be seen. */
export const listNotes = (id: string, materialId: string) =>
  http.get<MeetingNoteList>(notesOf(id, materialId), { quiet: true });
/** Quiet: the notes store keeps a note that could not be saved and says so itself. */
export const createNote = (id: string, materialId: string, body: CreateNoteRequest) =>
  http.post<MeetingNote>(notesOf(id, materialId), body, { quiet: true });
export const updateNote = (id: string, noteId: string, body: UpdateNoteRequest) =>
  http.patch<MeetingNote>(note(id, noteId), body);
export const deleteNote = (id: string, noteId: string) => http.delete<void>(note(id, noteId));
/** Where the browser downloads my notes drawn on the material's pages (a plain link). */
export const notesExportUrl = (id: string, materialId: string) => `${notesOf(id, materialId)}/export.pdf`;
