import { onBeforeUnmount, watch } from 'vue';
import { useRoute } from 'vue-router';
import { useMeetingLiveStore } from './live-store';

/**
 * Keeps a meeting's screen in its live room while it is open: joined at once (whatever the meeting's status),
 * read again when `meeting:changed` says it changed (started, closed, agenda or materials changed), and left
 * when the person goes somewhere outside the meeting (moving between the meeting and its materials stays in).
 */
export function useMeetingRoom(
  meetingId: () => string,
  loadedVersion: () => number | undefined,
  reload: () => void,
): void {
  const live = useMeetingLiveStore();
  const route = useRoute();
  watch(
    meetingId,
    (id) => {
      if (live.meetingId !== id) void live.join(id);
    },
    { immediate: true },
  );
  watch(
    () => live.changed,
    (change) => {
      const loaded = loadedVersion();
      if (change && change.meetingId === meetingId() && (loaded === undefined || change.lockVersion > loaded))
        reload();
    },
  );
  onBeforeUnmount(() => {
    // By now the route is the one being entered.
    if (live.meetingId === meetingId() && route.params.id !== meetingId()) void live.leave();
  });
}
