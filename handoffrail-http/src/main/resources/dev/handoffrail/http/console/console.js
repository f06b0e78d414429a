// The reviewer console: sign in with a key, the queue of packets awaiting a human, a packet's detail, the answer.

import * as api from './api.js';
import { byId, h, setText } from './dom.js';
import { priorityRank, shortId } from './format.js';
import { watchQueue } from './updates.js';
import * as views from './views.js';

const PAGE_SIZE = 20;
const NAME_STORAGE = 'handoffrail.console.responded_by';
const KEY_PATTERN = /^hr_[A-Za-z0-9_-]+$/;

const state = {
  role: null,
  page: 0,
  total: 0,
  signature: '',
  loading: false,
  reloadWanted: false,
  stopWatching: null,
  lastOpened: null,
  openId: null,
};

function show(view) {
  for (const id of ['sign-in', 'queue', 'detail']) {
    byId(id).hidden = id !== view;
  }
}

function announce(message) {
  setText(byId('announce'), message);
}

function alertError(message) {
  setText(byId('alert'), message);
}

/** Errors that mean the key no longer works end the session; the rest are shown where they happened. */
function sessionEnded(error) {
  if (error instanceof api.ApiError && ['UNAUTHORIZED', 'KEY_REVOKED', 'TENANT_DELETED'].includes(error.code)) {
    signOut(api.describe(error));
    return true;
  }
  return false;
}

function signOut(message) {
  api.forgetKey();
  state.role = null;
  stopWatching();
  byId('session').hidden = true;
  byId('queue-list').replaceChildren();
  state.signature = '';
  show('sign-in');
  alertError('');
  setText(byId('key-error'), message || '');
  announce(message ? '' : 'The key was forgotten.');
  byId('key-input').focus();
}

/** "an admin key", "a reader key". */
function keyOf(role) {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} key`;
}

function signedIn(role) {
  state.role = role;
  byId('session').hidden = false;
  byId('session-role').textContent = api.canAnswer(role)
    ? `Signed in with ${keyOf(role)}` : `Signed in with ${keyOf(role)} (read only)`;
}

async function submitKey(event) {
  event.preventDefault();
  const input = byId('key-input');
  const key = input.value.trim();
  if (!KEY_PATTERN.test(key)) {
    setText(byId('key-error'), 'That is not an API key: a key starts with hr_ followed by letters, digits, - and _.');
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  const button = byId('key-submit');
  button.disabled = true;
  try {
    const role = await api.signIn(key);
    input.value = '';
    input.removeAttribute('aria-invalid');
    setText(byId('key-error'), '');
    signedIn(role);
    announce(api.canAnswer(role) ? `Signed in with ${keyOf(role)}.`
      : `Signed in with ${keyOf(role)}: you can read the queue but not answer.`);
    route();
  } catch (error) {
    setText(byId('key-error'), api.describe(error));
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } finally {
    button.disabled = false;
  }
}

function stopWatching() {
  if (state.stopWatching) {
    state.stopWatching();
    state.stopWatching = null;
  }
}

/** Which view the address asks for: #packet=<id> is a packet's detail, anything else the queue. */
function route() {
  if (!api.storedKey()) {
    show('sign-in');
    return;
  }
  const match = /^#packet=([^&]+)$/.exec(window.location.hash);
  if (match) {
    openPacket(decodeURIComponent(match[1]));
  } else {
    openQueue();
  }
}

function openQueue() {
  const fromDetail = state.openId !== null;
  state.openId = null;
  show('queue');
  document.title = 'Queue · HandoffRail reviewer console';
  if (!state.stopWatching) {
    state.stopWatching = watchQueue(() => loadQueue(), showUpdateMode);
  }
  loadQueue().then(() => {
    if (fromDetail) {
      const link = state.lastOpened && byId('queue-list')
        .querySelector(`li[data-packet-id="${CSS.escape(state.lastOpened)}"] a`);
      (link || byId('queue-title')).focus();
    }
  });
}

function urgency(a, b) {
  const byPriority = priorityRank(a.metadata.priority) - priorityRank(b.metadata.priority);
  if (byPriority !== 0) {
    return byPriority;
  }
  const due = (p) => (p.hitl && p.hitl.timeout_seconds
    ? Date.parse(views.queueEntry(p)) + p.hitl.timeout_seconds * 1000 : Number.POSITIVE_INFINITY);
  const byDeadline = due(a) - due(b);
  if (byDeadline !== 0 && !Number.isNaN(byDeadline)) {
    return byDeadline;
  }
  return a.created_at < b.created_at ? -1 : (a.created_at > b.created_at ? 1 : 0);
}

/** Fetches the current page of the queue and redraws it when it changed. */
async function loadQueue() {
  if (!api.storedKey()) {
    return;
  }
  if (state.loading) {
    // a change announced while a load is under way may not be in its answer: load once more afterwards
    state.reloadWanted = true;
    return;
  }
  state.loading = true;
  state.reloadWanted = false;
  try {
    let list = await api.awaiting(PAGE_SIZE, state.page * PAGE_SIZE);
    if (list.packets.length === 0 && list.total > 0 && state.page > 0) {
      state.page = Math.floor((list.total - 1) / PAGE_SIZE);
      list = await api.awaiting(PAGE_SIZE, state.page * PAGE_SIZE);
    }
    state.total = list.total;
    renderQueue(list.packets);
    if (!byId('queue').hidden) {
      alertError('');
    }
  } catch (error) {
    if (!sessionEnded(error) && !byId('queue').hidden) {
      alertError(`The queue could not be loaded: ${api.describe(error)}`);
    }
  } finally {
    state.loading = false;
  }
  if (state.reloadWanted) {
    await loadQueue();
  }
}

const UPDATE_MODES = {
  connecting: 'Connecting to live updates…',
  live: 'Live: updates as packets arrive.',
  polling: 'Live updates unavailable; checking every few seconds.',
};

/** The unobtrusive note under the queue's heading: how the queue is kept up to date. */
function showUpdateMode(mode) {
  const node = byId('update-mode');
  node.dataset.mode = mode;
  node.textContent = UPDATE_MODES[mode] || '';
}

function renderQueue(packets) {
  const now = api.serverNow();
  const sorted = [...packets].sort(urgency);
  const signature = sorted.map((p) => `${p.id}@${p.updated_at}`).join(',');
  const listNode = byId('queue-list');
  if (signature !== state.signature) {
    const focusedId = document.activeElement && listNode.contains(document.activeElement)
      ? document.activeElement.closest('li').dataset.packetId : null;
    listNode.replaceChildren(...sorted.map((p) => views.queueItem(p, now)));
    state.signature = signature;
    if (focusedId) {
      const again = listNode.querySelector(`li[data-packet-id="${CSS.escape(focusedId)}"] a`);
      (again || byId('queue-title')).focus();
    }
  } else {
    views.tickTimeLeft(listNode, now);
  }
  byId('queue-empty').hidden = sorted.length > 0;
  byId('queue-count').textContent = `(${state.total})`;
  const pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
  byId('page-label').textContent = `Page ${state.page + 1} of ${pages}`;
  byId('page-prev').disabled = state.page === 0;
  byId('page-next').disabled = state.page + 1 >= pages;
  byId('queue-updated').textContent = `Updated ${new Date().toLocaleTimeString()}.`;
}

async function openPacket(id) {
  state.openId = id;
  state.lastOpened = id;
  stopWatching();
  show('detail');
  alertError('');
  const title = byId('detail-title');
  title.textContent = `Packet ${shortId(id)}`;
  byId('detail-body').replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  title.focus();
  try {
    await renderPacket(id);
    title.focus();
  } catch (error) {
    if (!sessionEnded(error)) {
      byId('detail-body').replaceChildren();
      alertError(`The packet could not be loaded: ${api.describe(error)}`);
    }
  }
}

async function renderPacket(id) {
  const [packet, history] = await Promise.all([api.packet(id), api.history(id)]);
  let parent = null;
  if (packet.parent_packet_id) {
    parent = await api.packet(packet.parent_packet_id).catch(() => null);
  }
  if (state.openId !== id) {
    return;
  }
  const answerable = packet.status === 'awaiting_human' && packet.hitl;
  const answer = answerable
    ? views.answerForm(packet, api.canAnswer(state.role), state.role, localStorage.getItem(NAME_STORAGE))
    : h('section', { class: 'detail-section answer', id: 'section-answer', 'aria-labelledby': 'heading-answer' },
      h('h2', { id: 'heading-answer' }, 'Your answer'),
      h('p', { class: 'notice', id: 'answer-closed' },
        `Nothing to answer: this packet is in status ${packet.status.replaceAll('_', ' ')}, not awaiting a human.`));
  byId('detail-title').textContent = views.headline(packet);
  document.title = `${views.headline(packet).slice(0, 60)} · HandoffRail reviewer console`;
  byId('detail-body').replaceChildren(...views.detail(packet, history.events, parent, api.serverNow(), answer)
    .filter(Boolean));
  const form = byId('answer-form');
  if (form) {
    form.addEventListener('submit', (event) => submitAnswer(event, packet));
  }
}

async function submitAnswer(event, packet) {
  event.preventDefault();
  const errorNode = byId('answer-error');
  const byInput = byId('responded-by');
  const respondedBy = byInput.value.trim();
  const textInput = byId('answer-text');
  const response = textInput ? textInput.value.trim() : (event.submitter && event.submitter.value);
  const notes = byId('answer-notes').value.trim();
  if (!respondedBy) {
    setText(errorNode, 'Enter your name or email: it is recorded as who answered.');
    byInput.setAttribute('aria-invalid', 'true');
    byInput.focus();
    return;
  }
  if (!response) {
    setText(errorNode, textInput ? 'Write a response first.' : 'Choose one of the options.');
    (textInput || byInput).focus();
    return;
  }
  localStorage.setItem(NAME_STORAGE, respondedBy);
  const fields = byId('answer-fields');
  fields.disabled = true;
  fields.setAttribute('aria-busy', 'true');
  setText(errorNode, '');
  try {
    const answered = await api.respond(packet.id, response, respondedBy, notes);
    state.lastOpened = null;
    // back to the queue without a history entry that would reopen the answered packet
    window.history.replaceState(null, '', window.location.pathname);
    route();
    announce(`Answered “${response}” for packet ${shortId(packet.id)}; it is now ${answered.status}.`);
  } catch (error) {
    if (sessionEnded(error)) {
      return;
    }
    if (error instanceof api.ApiError && ['NOT_AWAITING_HUMAN', 'GONE', 'NOT_FOUND'].includes(error.code)) {
      // someone else was first, or the checkpoint timed out: say so, show the packet as it is now, refresh the queue
      state.signature = '';
      loadQueue();
      try {
        await renderPacket(packet.id);
      } catch (reload) {
        byId('detail-body').replaceChildren();
      }
      alertError(api.describe(error));
      byId('alert').focus();
      return;
    }
    fields.disabled = error instanceof api.ApiError && error.code === 'FORBIDDEN';
    fields.removeAttribute('aria-busy');
    setText(errorNode, api.describe(error));
  }
}

function changePage(delta) {
  state.page = Math.max(0, state.page + delta);
  state.signature = '';
  loadQueue().then(() => byId('queue-title').focus());
}

function start() {
  byId('key-form').addEventListener('submit', submitKey);
  byId('sign-out').addEventListener('click', () => signOut(''));
  byId('refresh').addEventListener('click', () => {
    state.signature = '';
    loadQueue().then(() => announce('Queue refreshed.'));
  });
  byId('page-prev').addEventListener('click', () => changePage(-1));
  byId('page-next').addEventListener('click', () => changePage(1));
  byId('back').addEventListener('click', (event) => {
    event.preventDefault();
    window.location.hash = '';
  });
  window.addEventListener('hashchange', () => {
    announce('');
    route();
  });
  setInterval(() => views.tickTimeLeft(document, api.serverNow()), 1000);
  if (api.storedKey()) {
    signedIn(api.storedRole());
  }
  route();
}

start();
