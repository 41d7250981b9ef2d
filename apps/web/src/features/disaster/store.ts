import type {
  Ack,
  DisasterAnsweredEvent,
  DisasterRollCall,
  DisasterRollCallEvent,
  DisasterStatus,
  DisasterTally,
} from '@ringi/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useAuthStore } from '../../app/auth-store';
import { loadFeatureMessages } from '../../app/i18n';
import { emitWithAck } from '../../app/socket';
import * as disasterApi from './api';
import { applyAnswer } from './tally';

/**
 * 災害モード: the roll-call open now (the red banner of the shell, with one's own answer), and the tally of the
 * roll-call on screen for those who may see it. Fed by the API and, live, by app/socket.ts
 * (`disaster:roll_call`, `disaster:answered`): no polling.
 */
export const useDisasterStore = defineStore('disaster', () => {
  /** The roll-call running now (at most one), as the signed-in person sees it; null: none. */
  const open = ref<DisasterRollCall | null>(null);
  /** Bumped on every started or closed roll-call, so screens showing lists read them again. */
  const changes = ref(0);
  /** The status being sent (its button shows it), and whether the last answer failed. */
  const answering = ref<DisasterStatus | null>(null);
  const answerFailed = ref(false);
  /** The tally of the roll-call being watched, kept up to date by `disaster:answered`. */
  const tally = ref<DisasterTally | null>(null);
  const watching = ref<string | null>(null);

  /**
   * Counts my answers applied to `open`. A read asked before one of them arrived may have been made before the
   * answer was saved: it is dropped rather than putting the banner back as if I had not answered.
   */
  let myAnswers = 0;

  /** Reads the open roll-call again (after sign-in, a reconnection, or a roll-call started or closed). */
  async function refreshOpen(): Promise<void> {
    const asked = myAnswers;
    const list = await disasterApi.listRollCalls('open', true);
    const current = list.items[0] ?? null;
    // The banner may show on any page: its messages come before it does.
    if (current) await loadFeatureMessages(['disaster']);
    if (myAnswers !== asked && current?.id === open.value?.id) return;
    open.value = current;
  }

  /** One tap: answers (or changes the answer to) a roll-call; the last answer counts. */
  async function answer(
    rollCallId: string,
    status: DisasterStatus,
    note?: string,
  ): Promise<DisasterRollCall | null> {
    answering.value = status;
    answerFailed.value = false;
    try {
      const saved = await disasterApi.answerRollCall(
        rollCallId,
        note === undefined ? { status } : { status, note },
      );
      if (open.value?.id === saved.id) {
        myAnswers++;
        open.value = saved;
      }
      return saved;
    } catch (error) {
      answerFailed.value = true;
      // A roll-call closed meanwhile: the banner goes.
      void refreshOpen().catch(() => undefined);
      throw error;
    } finally {
      answering.value = null;
    }
  }

  async function watch(rollCallId: string): Promise<void> {
    watching.value = rollCallId;
    const ack = (await emitWithAck('disaster:watch', { rollCallId })) as Ack<{ tally: DisasterTally }> | null;
    if (watching.value !== rollCallId) return;
    // Without a connection (or refused), read it once over HTTP; live updates follow the next connection.
    tally.value = ack?.ok ? ack.data.tally : await disasterApi.getTally(rollCallId);
  }

  async function unwatch(): Promise<void> {
    const id = watching.value;
    watching.value = null;
    tally.value = null;
    if (id) await emitWithAck('disaster:unwatch', { rollCallId: id });
  }

  function onRollCall(event: DisasterRollCallEvent): void {
    changes.value += 1;
    if (event.change === 'closed') {
      if (open.value?.id === event.rollCallId) open.value = null;
      if (tally.value?.rollCallId === event.rollCallId)
        tally.value = { ...tally.value, closedAt: event.closedAt };
    }
    void refreshOpen().catch(() => undefined);
  }

  function onAnswered(event: DisasterAnsweredEvent): void {
    const me = useAuthStore().me?.id;
    if (event.person.userId === me && open.value?.id === event.rollCallId && event.person.status) {
      const { status, note, answeredAt } = event.person;
      if (answeredAt) {
        myAnswers++;
        open.value = { ...open.value, myAnswer: { status, note, answeredAt } };
      }
    }
    if (tally.value) tally.value = applyAnswer(tally.value, event);
  }

  /** After a (re)connection: what is open now, and the tally watched again (nothing missed meanwhile). */
  function onReconnected(): void {
    void refreshOpen().catch(() => undefined);
    if (watching.value) void watch(watching.value).catch(() => undefined);
  }

  function reset(): void {
    open.value = null;
    tally.value = null;
    watching.value = null;
    answering.value = null;
    answerFailed.value = false;
  }

  return {
    open,
    changes,
    answering,
    answerFailed,
    tally,
    watching,
    refreshOpen,
    answer,
    watch,
    unwatch,
    onRollCall,
    onAnswered,
    onReconnected,
    reset,
  };
});
