// One turn of the event loop for other work (a Cancel message, a newer count) between slices of a long
// job, through a MessageChannel: setTimeout(0) nested in timers waits at least 4 ms (the HTML standard's clamp),
// which came to 5–7 ms a turn in Chromium on a loaded machine, a quarter of the import worker's 16 ms slices.
// scheduler.yield is not used: its continuation goes ahead of messages already waiting, such as a Cancel.

/** Resolves on a later turn of the event loop, after what is already queued. */
export function nextTurn(): Promise<void> {
  if (typeof MessageChannel !== "function") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
