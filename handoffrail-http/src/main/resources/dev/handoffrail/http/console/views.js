// What the console shows: queue rows and the packet detail, built with dom.h (text only, never markup).

import { h } from './dom.js';
import { agent, ago, deadline, duration, shortId, timeLeft, value, when } from './format.js';

/** The link that opens a packet; only ids the server gave us, encoded, behind a fragment. */
export function packetHref(id) {
  return `#packet=${encodeURIComponent(id)}`;
}

/** What a reviewer is asked: the question, else the checkpoint's reason, else the summary. */
export function headline(packet) {
  const hitl = packet.hitl || {};
  return hitl.question || hitl.reason || packet.context.summary || `Packet ${shortId(packet.id)}`;
}

/**
 * The time the packet entered awaiting_human, as far as the packet alone tells: updated_at, which a status change
 * sets (a later content-only update moves it too, so the queue's time left can be generous; the detail view reads
 * the exact time from the history).
 */
export function queueEntry(packet) {
  return packet.updated_at || packet.created_at;
}

/** The exact time of entering awaiting_human: the last "awaiting_human" or "created" history event. */
export function historyEntry(events, packet) {
  let entered = null;
  for (const event of events) {
    if (event.event_type === 'awaiting_human' || event.event_type === 'created') {
      entered = event.timestamp;
    }
  }
  return entered || queueEntry(packet);
}

function priorityBadge(priority) {
  return h('span', { class: `badge priority-${priority}` }, `${priority} priority`);
}

function timeLeftNode(deadlineMs, nowMs) {
  const attributes = { class: 'time-left' };
  if (deadlineMs !== null) {
    attributes.dataset = { deadline: String(deadlineMs) };
    attributes.class = deadlineMs - nowMs < 15 * 60 * 1000 ? 'time-left soon' : 'time-left';
  }
  return h('span', attributes, timeLeft(deadlineMs, nowMs));
}

/** One row of the queue. */
export function queueItem(packet, nowMs) {
  const meta = packet.metadata;
  const hitl = packet.hitl || {};
  const due = deadline(hitl, queueEntry(packet));
  return h('li', { class: `queue-item priority-${meta.priority}`, dataset: { packetId: packet.id } },
    h('a', { class: 'queue-link', href: packetHref(packet.id) }, headline(packet)),
    h('p', { class: 'queue-meta' },
      priorityBadge(meta.priority), ' ',
      h('span', { class: 'agents' }, `${agent(meta.source_agent)} → ${agent(meta.target_agent)}`), ' ',
      timeLeftNode(due, nowMs), ' ',
      h('span', { class: 'age', dataset: { since: queueEntry(packet) } }, `waiting ${ago(queueEntry(packet), nowMs)}`)),
    packet.context.summary && packet.context.summary !== headline(packet)
      ? h('p', { class: 'queue-summary' }, packet.context.summary) : null);
}

/** Refreshes every time-left and waiting-since label on the page against {@code nowMs}. */
export function tickTimeLeft(root, nowMs) {
  for (const node of root.querySelectorAll('.age[data-since]')) {
    node.textContent = `waiting ${ago(node.dataset.since, nowMs)}`;
  }
  for (const node of root.querySelectorAll('.time-left[data-deadline]')) {
    const due = Number(node.dataset.deadline);
    node.textContent = timeLeft(due, nowMs);
    node.classList.toggle('soon', due - nowMs < 15 * 60 * 1000);
  }
}

function section(id, title, content) {
  const empty = content === null || (Array.isArray(content) && content.length === 0);
  return h('section', { class: 'detail-section', id: `section-${id}`, 'aria-labelledby': `heading-${id}` },
    h('h2', { id: `heading-${id}` }, title),
    empty ? h('p', { class: 'empty' }, 'None.') : content);
}

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([term, description]) => [h('dt', null, term), h('dd', null, description)]));
}

function list(items, render) {
  return items.length === 0 ? [] : h('ul', { class: 'entries' }, items.map((item) => h('li', null, render(item))));
}

function pre(json) {
  return h('pre', { class: 'value' }, value(json));
}

function conversation(entries) {
  return entries.length === 0 ? [] : h('ol', { class: 'conversation' }, entries.map((entry) =>
    h('li', { class: `turn role-${entry.role}` },
      h('p', { class: 'turn-head' }, h('span', { class: 'role' }, entry.role),
        entry.timestamp ? h('time', { datetime: entry.timestamp }, ` ${when(entry.timestamp)}`) : null),
      h('p', { class: 'text' }, entry.content))));
}

function decisions(items) {
  return list(items, (d) => [
    h('p', { class: 'text strong' }, d.decision),
    facts([['Rationale', d.rationale], ['Alternatives', d.alternatives.join(', ')], ['Decided by', d.decided_by],
      ['When', when(d.timestamp)], ['Id', d.id]])]);
}

function actions(all) {
  const group = (title, items, render) => h('div', { class: 'action-group' },
    h('h3', null, `${title} (${items.length})`),
    items.length === 0 ? h('p', { class: 'empty' }, 'None.') : list(items, render));
  return [
    group('Pending', all.pending, (a) => [h('p', { class: 'text strong' }, a.description),
      facts([['Assignee', a.assignee], ['Priority', a.priority], ['Depends on', a.depends_on.join(', ')],
        ['Deadline', a.deadline], ['Id', a.id]])]),
    group('Completed', all.completed, (a) => [h('p', { class: 'text strong' }, a.description),
      facts([['Result', a.result], ['Completed by', a.completed_by], ['Completed at', a.completed_at],
        ['Id', a.id]])]),
    group('Failed', all.failed, (a) => [h('p', { class: 'text strong' }, a.description),
      facts([['Error', a.error], ['Retries remaining', a.retries_remaining], ['Id', a.id]])]),
  ];
}

function dependencies(items) {
  return list(items, (d) => [
    h('p', { class: 'text strong' }, `${d.id} · ${d.type.replaceAll('_', ' ')} · ${d.status}`),
    d.description ? h('p', { class: 'text' }, d.description) : null,
    d.source ? facts([['Source', d.source]]) : null]);
}

function artifacts(items) {
  return list(items, (a) => [
    h('p', { class: 'text strong' }, a.key,
      a.content_type ? h('span', { class: 'muted' }, ` (${a.content_type})`) : null),
    pre(a.value)]);
}

function chain(packet, parent, events) {
  const children = events.filter((e) => e.event_type === 'chained' && e.details && e.details.child_packet_id)
    .map((e) => e.details.child_packet_id);
  const parts = [];
  if (packet.parent_packet_id) {
    parts.push(h('h3', null, 'Parent'), h('p', null,
      h('a', { href: packetHref(packet.parent_packet_id) }, `Packet ${shortId(packet.parent_packet_id)}`),
      parent ? ` · ${parent.status} · ${parent.context.summary}` : ' (not available)'));
  }
  if (children.length > 0) {
    parts.push(h('h3', null, `Children (${children.length})`), h('ul', { class: 'entries' },
      children.map((id) => h('li', null, h('a', { href: packetHref(id) }, `Packet ${shortId(id)}`)))));
  }
  return parts;
}

function historyList(events) {
  return events.length === 0 ? [] : h('ol', { class: 'history' }, events.map((e) =>
    h('li', null,
      h('p', null, h('time', { datetime: e.timestamp }, when(e.timestamp)), ' ',
        h('span', { class: 'strong' }, e.event_type.replaceAll('_', ' ')), ` by ${e.actor}`),
      e.details && Object.keys(e.details).length > 0 ? pre(e.details) : null)));
}

/** The checkpoint: what is asked, why, until when, and the answer once given. */
function checkpoint(packet, entered, nowMs) {
  const hitl = packet.hitl;
  if (!hitl) {
    return null;
  }
  const due = deadline(hitl, entered);
  return facts([
    ['Question', hitl.question],
    ['Reason', hitl.reason],
    ['Options', hitl.options && hitl.options.length ? hitl.options.join(' · ') : 'free text'],
    ['Time left', packet.status === 'awaiting_human' ? timeLeftNode(due, nowMs) : null],
    ['Timeout', hitl.timeout_seconds ? `${duration(hitl.timeout_seconds * 1000)} after it started waiting` : null],
    ['Response', hitl.response],
    ['Responded by', hitl.responded_by],
    ['Responded at', when(hitl.responded_at)],
    ['Notes', hitl.notes],
  ]);
}

/**
 * The answer form: option buttons (or a free-text answer), the responder's name, optional notes. Disabled, with the
 * reason next to it, when the key may not answer. The caller wires the submit event.
 */
export function answerForm(packet, canAnswer, role, respondedBy) {
  const options = packet.hitl.options || [];
  const denied = canAnswer ? null : h('p', { id: 'answer-denied', class: 'notice' },
    `Your key has role ${role}: it can read the queue but not answer. Answering needs a key of role agent or higher.`);
  const fields = h('fieldset',
    { id: 'answer-fields', disabled: !canAnswer, 'aria-describedby': denied ? 'answer-denied' : null },
    h('legend', null, packet.hitl.question || 'Answer the checkpoint'),
    h('label', { for: 'responded-by' }, 'Your name or email (recorded as who answered)'),
    h('input', { id: 'responded-by', name: 'responded_by', type: 'text', maxlength: 256, autocomplete: 'email',
      required: true, value: respondedBy || '' }),
    options.length === 0 ? [
      h('label', { for: 'answer-text' }, 'Your response'),
      h('textarea', { id: 'answer-text', name: 'response', rows: 4, maxlength: 10000, required: true }),
    ] : null,
    h('label', { for: 'answer-notes' }, 'Notes (optional)'),
    h('textarea', { id: 'answer-notes', name: 'notes', rows: 3, maxlength: 10000 }),
    options.length > 0
      ? h('div', { class: 'options', role: 'group', 'aria-label': 'Answer with one of the options' },
        options.map((option) => h('button', { type: 'submit', class: 'option', value: option,
          dataset: { option } }, option)))
      : h('div', { class: 'options' }, h('button', { type: 'submit', class: 'option' }, 'Send response')));
  return h('section', { class: 'detail-section answer', id: 'section-answer', 'aria-labelledby': 'heading-answer' },
    h('h2', { id: 'heading-answer' }, 'Your answer'),
    denied,
    h('form', { id: 'answer-form', novalidate: true }, fields,
      h('p', { id: 'answer-error', class: 'field-error', role: 'alert', hidden: true })));
}

/** The whole detail view of {@code packet}. */
export function detail(packet, events, parent, nowMs, answer) {
  const meta = packet.metadata;
  const entered = historyEntry(events, packet);
  return [
    h('p', { class: 'detail-meta' }, priorityBadge(meta.priority), ' ',
      h('span', { class: `badge status-${packet.status}`, id: 'detail-status' },
        packet.status.replaceAll('_', ' ')), ' ',
      h('span', { class: 'muted' }, `Packet ${packet.id}`)),
    facts([
      ['From', agent(meta.source_agent)],
      ['To', agent(meta.target_agent)],
      ['Tags', meta.tags.join(', ')],
      ['Created', when(packet.created_at)],
      ['Updated', when(packet.updated_at)],
    ]),
    section('summary', 'Summary', packet.context.summary ? h('p', { class: 'text', id: 'detail-summary' },
      packet.context.summary) : null),
    section('checkpoint', 'Checkpoint', checkpoint(packet, entered, nowMs)),
    answer,
    section('conversation', `Conversation (${packet.context.conversation_state.length})`,
      conversation(packet.context.conversation_state)),
    section('decisions', `Decisions (${packet.decisions.length})`, decisions(packet.decisions)),
    section('actions', 'Actions', actions(packet.actions)),
    section('dependencies', `Dependencies (${packet.dependencies.length})`, dependencies(packet.dependencies)),
    section('artifacts', `Artifacts (${packet.context.artifacts.length})`, artifacts(packet.context.artifacts)),
    section('custom', 'Custom data',
      Object.keys(packet.context.custom || {}).length ? pre(packet.context.custom) : null),
    section('chain', 'Chain', chain(packet, parent, events)),
    section('history', `History (${events.length})`, historyList(events)),
  ];
}
