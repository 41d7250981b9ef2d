import type { MeetingNote, NoteAnchor, NoteBody } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as meetingsApi from './api';

/** A note as shown: saved, or still waiting to be saved (kept on this device and sent again). */
export type ShownNote = MeetingNote & { unsaved?: boolean };

/**
 * My private notes on the material on screen. A new note shows at once and is saved with an id made here, so
 * sending it again after a lost answer or a dropped connection never saves it twice; a note the server could
 * not take yet stays (marked unsaved) and `retry` sends it again (the view calls it when the device is back
 * online).
 */
export const useMeetingNotesStore = defineStore('meeting-notes', () => {
  const meetingId = ref('');
  const materialId = ref('');
  const notes = ref<ShownNote[]>([]);
  const loading = ref(false);
  /** The last refusal in the person's words (e.g. the material was replaced meanwhile). */
  const error = ref('');
  const unsavedCount = computed(() => notes.value.filter((n) => n.unsaved).length);

  async function load(meeting: string, material: string): Promise<void> {
    meetingId.value = meeting;
    materialId.value = material;
    loading.value = true;
    try {
      const { items } = await meetingsApi.listNotes(meeting, material);
      if (meetingId.value === meeting && materialId.value === material)
        notes.value = [...items, ...notes.value.filter((n) => n.unsaved && n.materialId === material)];
    } finally {
      loading.value = false;
    }
  }

  async function save(note: ShownNote): Promise<void> {
    try {
      const saved = await meetingsApi.createNote(meetingId.value, note.materialId, {
        id: note.id,
        versionId: note.versionId,
        page: note.page,
        body: note.body,
        anchor: note.anchor,
      });
      notes.value = notes.value.map((n) => (n.id === note.id ? saved : n));
      error.value = '';
    } catch (e) {
      const status = (e as { status?: number }).status ?? 0;
      if (status >= 400 && status < 500) {
        // Refused for good (e.g. the material was replaced): say so and drop it.
        notes.value = notes.value.filter((n) => n.id !== note.id);
        error.value = (e as Error).message;
      } else {
        notes.value = notes.value.map((n) => (n.id === note.id ? { ...n, unsaved: true } : n));
      }
    }
  }

  async function add(versionId: string, page: number, body: NoteBody, anchor: NoteAnchor): Promise<void> {
    const now = new Date().toISOString();
    const note: ShownNote = {
      id: crypto.randomUUID(),
      materialId: materialId.value,
      versionId,
      page,
      body,
      anchor,
      pageChanged: false,
      movedAt: null,
      createdAt: now,
      updatedAt: now,
      unsaved: true,
    };
    notes.value = [...notes.value, note];
    await save(note);
  }

  async function retry(): Promise<void> {
    for (const note of notes.value.filter((n) => n.unsaved)) await save(note);
  }

  async function update(id: string, body: NoteBody): Promise<void> {
    const saved = await meetingsApi.updateNote(meetingId.value, id, { body });
    notes.value = notes.value.map((n) => (n.id === id ? saved : n));
  }

  async function acknowledge(ids: string[]): Promise<void> {
    for (const id of ids) {
      const saved = await meetingsApi.updateNote(meetingId.value, id, { acknowledgeChange: true });
      notes.value = notes.value.map((n) => (n.id === id ? saved : n));
    }
  }

  async function remove(id: string): Promise<void> {
    const note = notes.value.find((n) => n.id === id);
    if (note && !note.unsaved) await meetingsApi.deleteNote(meetingId.value, id);
    notes.value = notes.value.filter((n) => n.id !== id);
  }

  function onPage(versionId: string, page: number): ShownNote[] {
    return notes.value.filter((n) => n.versionId === versionId && n.page === page);
  }

  return {
    meetingId,
    materialId,
    notes,
    loading,
    error,
    unsavedCount,
    load,
    add,
    retry,
    update,
    acknowledge,
    remove,
    onPage,
  };
});
