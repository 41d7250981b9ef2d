import type {
  Ack,
  ClientEventAck,
  ClientEventPayload,
  MeetingChanged,
  MeetingPointer,
  MeetingPresentation,
} from '@ringi/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { emitWithAck } from '../../app/socket';

/**
 * The live session of the meeting on screen: what the presenter shows (`meeting:presentation`, fed by
 * app/socket.ts), whether this device follows it, and presenting. Following is soft: a person who browses on their
 * own sees where the presenter is and returns with one tap; only a `forced` presentation moves everyone.
 */
export const useMeetingLiveStore = defineStore('meeting-live', () => {
  const meetingId = ref<string | null>(null);
  const presentation = ref<MeetingPresentation | null>(null);
  /** This device follows the presenter's page (the default; turning a page oneself stops it). */
  const following = ref(true);
  const error = ref('');

  /** The last `meeting:changed` heard for the meeting on screen (its screens read it again if newer). */
  const changed = ref<MeetingChanged | null>(null);
  /** Where the presenter points now (on their material and page); gone after a few quiet seconds. */
  const pointer = ref<MeetingPointer | null>(null);
  let pointerTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Counts the presentations heard live. A join's answer read before one of them (it can arrive after it) is
   * older: the page heard live is kept.
   */
  let heard = 0;

  async function call<E extends 'meeting:join' | 'meeting:leave' | 'meeting:present' | 'meeting:point'>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<ClientEventAck<E> | null> {
    const ack = (await emitWithAck(event, payload)) as Ack<ClientEventAck<E>> | null;
    if (!ack) return null;
    if (!ack.ok) {
      error.value = ack.error.message;
      return null;
    }
    error.value = '';
    return ack.data;
  }

  /** Enters the meeting's session (again after a reconnection); a latecomer gets the current page. */
  async function join(id: string): Promise<void> {
    meetingId.value = id;
    const asked = heard;
    const data = await call('meeting:join', { meetingId: id });
    if (data && meetingId.value === id && heard === asked) presentation.value = data.presentation;
  }

  async function leave(): Promise<void> {
    const id = meetingId.value;
    meetingId.value = null;
    presentation.value = null;
    following.value = true;
    if (id) await call('meeting:leave', { meetingId: id });
  }

  async function present(materialId: string, page: number, forced = false): Promise<boolean> {
    if (!meetingId.value) return false;
    const data = await call('meeting:present', { meetingId: meetingId.value, materialId, page, forced });
    if (data) presentation.value = data.presentation;
    return !!data;
  }

  function onPresentation(payload: MeetingPresentation): void {
    if (payload.meetingId !== meetingId.value) return;
    heard++;
    presentation.value = payload;
    if (payload.forced) following.value = true;
  }

  /** Points at a spot of the page shown (fractions of the page), or hides the pointer (null). */
  async function point(x: number | null, y: number | null): Promise<void> {
    if (meetingId.value) await call('meeting:point', { meetingId: meetingId.value, x, y });
  }

  function onChanged(payload: MeetingChanged): void {
    if (payload.meetingId === meetingId.value) changed.value = payload;
  }

  function onPointer(payload: MeetingPointer): void {
    if (payload.meetingId !== meetingId.value) return;
    clearTimeout(pointerTimer);
    pointer.value = payload.x === null ? null : payload;
    if (payload.x !== null) pointerTimer = setTimeout(() => (pointer.value = null), 8000);
  }

  /** After the socket came back: rejoin the room (rooms do not survive a reconnection). */
  function onReconnected(): void {
    if (meetingId.value) void join(meetingId.value);
  }

  function reset(): void {
    meetingId.value = null;
    presentation.value = null;
    pointer.value = null;
    changed.value = null;
    following.value = true;
    error.value = '';
  }

  return {
    meetingId,
    presentation,
    following,
    error,
    join,
    leave,
    present,
    pointer,
    point,
    changed,
    onChanged,
    onPresentation,
    onPointer,
    onReconnected,
    reset,
  };
});
