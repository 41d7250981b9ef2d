import type { HelloEvent } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/** State of the live connection, fed only by app/socket.ts. */
export const useRealtimeStore = defineStore('realtime', () => {
  const connected = ref(false);
  /** Whether a connection was ever made since sign-in: only then is a lost one worth telling. */
  const everConnected = ref(false);
  /** Server clock minus this device's clock, in milliseconds, from the last `hello`. */
  const clockOffsetMs = ref(0);

  const connectionLost = computed(() => everConnected.value && !connected.value);

  function onHello(payload: HelloEvent): void {
    clockOffsetMs.value = Date.parse(payload.serverTime) - Date.now();
  }

  function setConnected(value: boolean): void {
    connected.value = value;
    if (value) everConnected.value = true;
  }

  function reset(): void {
    connected.value = false;
    everConnected.value = false;
  }

  return { connected, everConnected, clockOffsetMs, connectionLost, onHello, setConnected, reset };
});
