// Words and numbers for the screen: priorities, time left, timestamps, values of any JSON type.

const PRIORITY_RANK = { critical: 0, high: 1, normal: 2, low: 3 };

export function priorityRank(priority) {
  return priority in PRIORITY_RANK ? PRIORITY_RANK[priority] : 4;
}

/** "2 h 5 min", "45 s": a duration in words, coarse enough to read at a glance. */
export function duration(ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  }
  return `${Math.floor(hours / 24)} days`;
}

/**
 * When the checkpoint times out (ms since the epoch), or null when it has no timeout. {@code since} is when the
 * packet entered awaiting_human (an RFC 3339 string).
 */
export function deadline(hitl, since) {
  if (!hitl || !hitl.timeout_seconds || !since) {
    return null;
  }
  const start = Date.parse(since);
  return Number.isNaN(start) ? null : start + hitl.timeout_seconds * 1000;
}

/** "12 min left", "overdue by 3 s" or "no timeout". */
export function timeLeft(deadlineMs, nowMs) {
  if (deadlineMs === null) {
    return 'no timeout';
  }
  const left = deadlineMs - nowMs;
  return left >= 0 ? `${duration(left)} left` : `timed out ${duration(-left)} ago`;
}

/** A server timestamp in the reader's locale, e.g. "30 May 2026, 19:35:00". */
export function when(timestamp) {
  if (!timestamp) {
    return '';
  }
  const parsed = new Date(timestamp);
  if (Number.isNaN(parsed.getTime())) {
    return String(timestamp);
  }
  return parsed.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "3 min ago". */
export function ago(timestamp, nowMs) {
  const parsed = Date.parse(timestamp);
  return Number.isNaN(parsed) ? '' : `${duration(nowMs - parsed)} ago`;
}

/** An agent as "Name (id)", or just the id when it has no name. */
export function agent(ref) {
  if (!ref) {
    return 'unknown agent';
  }
  return ref.name && ref.name !== ref.id ? `${ref.name} (${ref.id})` : ref.id;
}

/** Any JSON value as text: strings as they are, everything else as indented JSON. */
export function value(json) {
  return typeof json === 'string' ? json : JSON.stringify(json, null, 2);
}

/** The first 8 characters of an id, for headings and labels. */
export function shortId(id) {
  return String(id).slice(0, 8);
}
