// How the queue learns that something changed. Today it polls GET /api/v1/packets/awaiting every few seconds.
//
// The one place to switch to the real-time stream (http-api.md §17.5) once /events is served: replace the body of
// watchQueue with a stream that calls onChange() on every event whose data.status is "awaiting_human" or whose
// previous_status was, and keep the interval only as a slow fallback. Open the stream with fetch() and the
// X-API-Key header, reading text/event-stream from response.body; do not hand the key to EventSource in the api_key
// query parameter, because that would put the key in a URL, which the console promises never to do.

export const POLL_MILLIS = 5000;

/**
 * Calls onChange() every POLL_MILLIS while the tab is visible, and at once when it becomes visible again.
 * Returns the function that stops watching.
 */
export function watchQueue(onChange) {
  let timer = null;
  const start = () => {
    if (timer === null) {
      timer = setInterval(onChange, POLL_MILLIS);
    }
  };
  const stop = () => {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
  const visibility = () => {
    if (document.hidden) {
      stop();
    } else {
      onChange();
      start();
    }
  };
  document.addEventListener('visibilitychange', visibility);
  if (!document.hidden) {
    start();
  }
  return () => {
    stop();
    document.removeEventListener('visibilitychange', visibility);
  };
}
