// How the queue learns that something changed: the real-time stream GET /events (http-api.md §17.5), with polling
// of GET /api/v1/packets/awaiting as the fallback while the stream is not open.
//
// The stream is read with fetch() and the X-API-Key header (api.events), parsing text/event-stream by hand; never
// with EventSource, which could only pass the key in the address, and the console promises never to do that.

import { ApiError, events } from './api.js';

export const POLL_MILLIS = 5000;

// Tests only: a slower polling period in seconds, read from the tab's sessionStorage when the queue opens, so that a
// test can tell an update that came through the stream from one that came from polling. It can only slow polling
// down (never below POLL_MILLIS) and nothing in the console writes it.
const POLL_OVERRIDE_STORAGE = 'handoffrail.console.poll_seconds';

// The events that can change the queue: a packet entering awaiting_human, and the three ways out of it (§8.1:
// respond makes it claimed, PATCH can fail it, DELETE, PATCH, TTL or the checkpoint timeout expire it).
const CHANNELS = ['status:awaiting_human', 'status:claimed', 'status:failed', 'status:expired'];

const RETRY_FIRST_MILLIS = 1000;
const RETRY_MAX_MILLIS = 60000;
// The server pings every 30 s; a stream silent for longer than this is stuck (a proxy, a sleeping laptop).
const SILENCE_MILLIS = 75000;

/** Whether an event (§17.1) may add a packet to the queue or take one out of it. */
function touchesQueue(event) {
  const data = event && event.data ? event.data : {};
  return data.status === 'awaiting_human' || data.previous_status === 'awaiting_human'
    || event.type === 'hitl.response_ready';
}

function pollMillis() {
  const override = Number(sessionStorage.getItem(POLL_OVERRIDE_STORAGE));
  return Number.isFinite(override) && override * 1000 > POLL_MILLIS ? override * 1000 : POLL_MILLIS;
}

/**
 * Splits text/event-stream into messages: calls onMessage(eventName, data) for each one, where data joins the
 * message's data lines. Lines end in CRLF, LF or CR (a CR at the very end of a chunk waits for the next one).
 */
function sseParser(onMessage) {
  let buffer = '';
  let name = '';
  let data = [];
  const line = (text) => {
    if (text === '') {
      if (data.length > 0) {
        onMessage(name || 'message', data.join('\n'));
      }
      name = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) {
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      name = value;
    } else if (field === 'data') {
      data.push(value);
    }
  };
  return (chunk) => {
    buffer += chunk;
    for (;;) {
      const end = /\r\n|\r(?=[^\n])|\n/.exec(buffer);
      if (!end) {
        return;
      }
      line(buffer.slice(0, end.index));
      buffer = buffer.slice(end.index + end[0].length);
    }
  };
}

/**
 * Calls onChange() whenever the queue may have changed: on every stream event that touches awaiting_human, when the
 * stream (re)connects, and every POLL_MILLIS while the stream is not open. While the tab is hidden it neither streams
 * nor polls (so a hidden tab does not hold one of the tenant's real-time connections); on becoming visible it calls
 * onChange() at once. onMode(mode) reports 'connecting', 'live' or 'polling'. Returns the function that stops.
 */
export function watchQueue(onChange, onMode = () => {}) {
  let pollTimer = null;
  let retryTimer = null;
  let silenceTimer = null;
  let controller = null;
  let failures = 0;
  let streamingAllowed = true;
  let stopped = false;

  const setMode = (mode) => onMode(mode);
  const startPolling = () => {
    if (pollTimer === null) {
      pollTimer = setInterval(onChange, pollMillis());
    }
  };
  const stopPolling = () => {
    if (pollTimer !== null) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  };
  const clearTimer = (timer) => {
    if (timer !== null) {
      clearTimeout(timer);
    }
    return null;
  };
  const closeStream = () => {
    silenceTimer = clearTimer(silenceTimer);
    retryTimer = clearTimer(retryTimer);
    if (controller) {
      controller.abort();
      controller = null;
    }
  };
  const retryLater = (error) => {
    startPolling();
    setMode('polling');
    if (!streamingAllowed || stopped || document.hidden) {
      return;
    }
    failures += 1;
    const backoff = Math.min(RETRY_MAX_MILLIS, RETRY_FIRST_MILLIS * 2 ** Math.min(failures - 1, 10));
    const asked = error instanceof ApiError ? Number(error.retryAfter) * 1000 : 0;
    const delay = Math.max(asked || 0, backoff) * (0.8 + Math.random() * 0.4);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  const connect = async () => {
    if (stopped || document.hidden || !streamingAllowed || controller) {
      return;
    }
    const mine = new AbortController();
    controller = mine;
    setMode(pollTimer === null ? 'connecting' : 'polling');
    startPolling();
    const watchSilence = () => {
      silenceTimer = clearTimer(silenceTimer);
      silenceTimer = setTimeout(() => mine.abort(), SILENCE_MILLIS);
    };
    const parse = sseParser((name, data) => {
      if (name === 'connected') {
        failures = 0;
        stopPolling();
        setMode('live');
        onChange();
        return;
      }
      if (name === 'ping') {
        return;
      }
      let event;
      try {
        event = JSON.parse(data);
      } catch (notJson) {
        return;
      }
      if (touchesQueue(event)) {
        onChange();
      }
    });
    let failure = null;
    try {
      watchSilence();
      const response = await events(CHANNELS, mine.signal);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        watchSilence();
        parse(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      failure = error;
      // a refused key or a stream this server does not offer: polling only (it reports the key problem itself)
      if (error instanceof ApiError && [400, 401, 403, 404].includes(error.status)) {
        streamingAllowed = false;
      }
    }
    if (controller === mine) {
      controller = null;
      silenceTimer = clearTimer(silenceTimer);
      retryLater(failure);
    }
  };

  const visibility = () => {
    if (document.hidden) {
      closeStream();
      stopPolling();
    } else {
      onChange();
      connect();
      if (!streamingAllowed) {
        startPolling();
      }
    }
  };
  document.addEventListener('visibilitychange', visibility);
  if (!document.hidden) {
    connect();
  }
  return () => {
    stopped = true;
    closeStream();
    stopPolling();
    document.removeEventListener('visibilitychange', visibility);
  };
}
