// The console's only door to the server: the public /api/v1 API, with the reviewer's key in the X-API-Key header.
// The key lives in sessionStorage (this tab only); it is never put in a URL, a cookie or a log.

const KEY_STORAGE = 'handoffrail.console.key';
const ROLE_STORAGE = 'handoffrail.console.role';
// The API's base, resolved against this module's own address, so the console also works behind a path prefix.
const API = new URL('../api/v1/', import.meta.url);
// Roles in order (http-api.md §3.1); answering a checkpoint needs "agent" (§3.4).
const ROLES = ['reader', 'agent', 'writer', 'admin'];

/** An error answer of the API (the §4.1 envelope), or a failure to reach it (status 0). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body.detail === 'string' ? body.detail : `HTTP ${status}`);
    this.status = status;
    this.code = body && typeof body.code === 'string' ? body.code : (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.body = body || {};
  }
}

let serverOffsetMs = 0;

/** Milliseconds since the epoch on the server's clock, as far as the Date headers tell. */
export function serverNow() {
  return Date.now() + serverOffsetMs;
}

export function storedKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storedRole() {
  return sessionStorage.getItem(ROLE_STORAGE);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_STORAGE);
  sessionStorage.removeItem(ROLE_STORAGE);
}

/** Whether a key of {@code role} may answer a checkpoint (role agent or higher). */
export function canAnswer(role) {
  return ROLES.indexOf(role) >= ROLES.indexOf('agent');
}

/**
 * Checks {@code key} and finds its role without changing anything: GET /keys needs admin, so an admin key gets 200
 * and any other valid key gets 403 naming its current role (§3.1). Stores key and role only when the key works.
 */
export async function signIn(key) {
  let role;
  try {
    await request('GET', 'keys', null, key);
    role = 'admin';
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'FORBIDDEN' || typeof error.body.current_role !== 'string') {
      throw error;
    }
    role = error.body.current_role;
  }
  sessionStorage.setItem(KEY_STORAGE, key);
  sessionStorage.setItem(ROLE_STORAGE, role);
  return role;
}

/** One page of the human queue (§9.3). */
export function awaiting(limit, offset) {
  return request('GET', `packets/awaiting?limit=${limit}&offset=${offset}`);
}

export function packet(id) {
  return request('GET', `packets/${encodeURIComponent(id)}`);
}

export function history(id) {
  return request('GET', `packets/${encodeURIComponent(id)}/history`);
}

/** Answers the checkpoint (§9.9); {@code notes} may be empty. */
export function respond(id, response, respondedBy, notes) {
  const body = { response, responded_by: respondedBy };
  if (notes) {
    body.notes = notes;
  }
  return request('POST', `packets/${encodeURIComponent(id)}/respond`, body);
}

/**
 * Opens the real-time stream GET /events (http-api.md §17.5) subscribed to {@code channels}, with the key in the
 * X-API-Key header like every other call (never EventSource, which could only carry the key in the address).
 * Resolves to the open response, whose body is text/event-stream; a refusal (401, 403, 429, ...) is an ApiError.
 */
export async function events(channels, signal) {
  const url = new URL('../../events', API);
  for (const channel of channels) {
    url.searchParams.append('subscribe', channel);
  }
  let response;
  try {
    response = await fetch(url, {
      headers: { 'Accept': 'text/event-stream', 'X-API-Key': storedKey() || '' },
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      signal,
    });
  } catch (failure) {
    throw new ApiError(0, { detail: 'The event stream could not be reached.' });
  }
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok || !response.body || !type.startsWith('text/event-stream')) {
    let json = null;
    try {
      json = await response.json();
    } catch (notJson) {
      json = null;
    }
    const error = new ApiError(response.status, json);
    error.retryAfter = response.headers.get('Retry-After');
    throw error;
  }
  return response;
}

async function request(method, path, body, key = storedKey()) {
  const headers = { 'Accept': 'application/json', 'X-API-Key': key || '' };
  if (body !== null && body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(new URL(path, API), {
      method,
      headers,
      body: body === null || body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
    });
  } catch (failure) {
    throw new ApiError(0, { detail: 'The server could not be reached. Check the connection and try again.' });
  }
  const date = Date.parse(response.headers.get('Date') || '');
  if (!Number.isNaN(date)) {
    // the header has whole seconds: only a larger difference is a clock that is really off
    const offset = date - Date.now();
    serverOffsetMs = Math.abs(offset) > 2000 ? offset : 0;
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (notJson) {
      json = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    error.requestId = response.headers.get('X-Request-ID');
    error.retryAfter = response.headers.get('Retry-After');
    throw error;
  }
  return json;
}

/** The error in words a reviewer can act on; the API's own detail follows where it adds something. */
export function describe(error) {
  if (!(error instanceof ApiError)) {
    return `Something went wrong in the console: ${error && error.message ? error.message : error}`;
  }
  const detail = error.body.detail ? ` (${error.body.detail})` : '';
  const reference = error.requestId ? ` Request id: ${error.requestId}.` : '';
  switch (error.code) {
    case 'NETWORK':
      return error.message;
    case 'UNAUTHORIZED':
      return `The server does not accept this key${detail}. Paste a valid key.`;
    case 'KEY_REVOKED':
      return 'This key has been revoked. Ask an admin of your tenant for a new one.';
    case 'TENANT_DELETED':
      return 'The tenant of this key has been deleted.';
    case 'FORBIDDEN':
      return error.body.required_role
        ? `Your key has role ${error.body.current_role}; this needs role ${error.body.required_role} or higher.`
        : `Your key may not do this${detail}.`;
    case 'RATE_LIMITED':
      return `Too many requests for now; try again in ${error.retryAfter || error.body.retry_after || 'a few'}`
        + ' seconds.';
    case 'NOT_FOUND':
      return `Not found: the packet no longer exists, or belongs to another tenant${detail}.`;
    case 'NOT_AWAITING_HUMAN':
      return 'Not answered: this packet is no longer waiting for a human; someone else answered it first or it was'
        + ` moved on${detail}.`;
    case 'GONE':
      return `Not answered: the packet has expired, for example because its checkpoint timed out${detail}.`;
    case 'INVALID_HITL_RESPONSE':
      return `The answer is not one of the checkpoint's options${detail}.`;
    case 'VALIDATION_ERROR':
      return `The server rejected the input${detail}.`;
    case 'SERVICE_UNAVAILABLE':
      return `The server is temporarily unavailable; try again shortly.${reference}`;
    case 'SERVER_ERROR':
      return `The server failed while handling the request.${reference}`;
    default:
      return `The request failed with HTTP ${error.status}${detail}.${reference}`;
  }
}
