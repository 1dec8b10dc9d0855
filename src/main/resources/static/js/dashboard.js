// The dashboard's live layer: one socket to /ws/agent (authenticated by the session cookie), a live conversation
// list (refreshed through htmx when the server says a conversation changed), and the open thread, which catches up
// from its last sequence number after every reconnect. What a colleague does to the open conversation (assign,
// resolve, reopen, a note) is patched into the page in place, and said ("Ana resolved this"): the reply box keeps its
// text, cursor and file. The reply being written is also kept per conversation in the tab's session storage (until
// sent, or until sign-out), so a reload does not lose it either. User text only ever goes through textContent
// (message and note text through the widget's markdown renderer, which builds its few elements itself).

import { render } from '/shared/markdown.js';
import { fileLink, wireUploads } from './attachments.js';
import { notify, preferences } from './notifications.js';
import { wireCopyButtons } from './copy.js';
import { wireSavedReplies } from './replies.js';
import { wireShortcuts } from './shortcuts.js';

const body = document.body;
const conversation = body.dataset.conversation || null;
const log = document.getElementById('messages');
const composer = document.getElementById('composer');
const input = document.getElementById('reply');
const status = document.getElementById('composer-status');
const noteMode = document.getElementById('note-mode');
const notice = document.getElementById('thread-notice');
const me = body.dataset.me || null;
const typingLine = document.getElementById('typing');
let typingHideTimer = null;
let lastTypingSent = 0;
const MAX_CHARS = 5000;
const DRAFT_PREFIX = 'confidant.draft.';

let socket = null;
let retryDelay = 500;
let leaving = false; // this page is navigating away (signing out, say): its socket's end needs no reload
window.addEventListener('beforeunload', () => { leaving = true; });
let lastSeq = 0;
const pending = new Map(); // clientMsgId -> {kind: 'message' | 'note', text, element}

function formatTimes(root) {
  for (const time of root.querySelectorAll('time[datetime]')) {
    const date = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(date.getTime())) {
      time.textContent = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      time.title = date.toLocaleString();
    }
  }
}

function renderedSeqs() {
  return log ? Array.from(log.querySelectorAll('li[data-seq]'), (li) => Number(li.dataset.seq)) : [];
}

function messageElement(m) {
  const li = document.createElement('li');
  li.className = 'msg ' + (m.author.kind === 'agent' ? 'msg--agent' : 'msg--visitor');
  li.dataset.author = m.author.kind;
  if (m.seq) li.dataset.seq = String(m.seq);
  if (m.clientMsgId) li.dataset.clientMsgId = m.clientMsgId;
  const meta = document.createElement('div');
  meta.className = 'meta';
  const author = document.createElement('span');
  author.className = 'author';
  author.textContent = m.author.name;
  const time = document.createElement('time');
  time.setAttribute('datetime', m.sentAt);
  meta.append(author, ' ', time);
  if (m.redacted === true) {
    const marker = document.createElement('span');
    marker.className = 'pill redacted';
    marker.title = 'Card numbers, IBANs or other data the workspace does not keep were removed before this message was stored';
    marker.textContent = 'redacted';
    meta.append(' ', marker);
  }
  const text = document.createElement('div');
  text.className = 'text';
  // a file's message text is its name: shown as it is, never as markdown
  if (m.attachment) text.textContent = m.text;
  else render(text, m.text);
  li.append(meta, text);
  if (m.attachment) li.append(fileLink(m.attachment));
  formatTimes(li);
  return li;
}

function noteElement(n) {
  const li = document.createElement('li');
  li.className = 'msg msg--note';
  if (n.id) li.dataset.note = n.id;
  if (n.clientMsgId) li.dataset.clientMsgId = n.clientMsgId;
  const meta = document.createElement('div');
  meta.className = 'meta';
  const label = document.createElement('span');
  label.className = 'note-label';
  label.textContent = 'Internal note';
  const author = document.createElement('span');
  author.className = 'author';
  author.textContent = n.author.name;
  const time = document.createElement('time');
  time.setAttribute('datetime', n.createdAt);
  meta.append(label, ' · ', author, ' ', time);
  const text = document.createElement('div');
  text.className = 'text';
  render(text, n.text);
  li.append(meta, text);
  formatTimes(li);
  return li;
}

// Shows a committed note once, after what is there (before this tab's pending bubbles).
function showNote(n) {
  if (!log || n.conversation !== conversation) return;
  if (log.querySelector(`li[data-note="${CSS.escape(n.id)}"]`)) return;
  const mine = n.clientMsgId && n.author.id === me && pending.get(n.clientMsgId);
  if (mine) {
    mine.element.remove();
    pending.delete(n.clientMsgId);
  }
  const element = noteElement(n);
  log.insertBefore(element, log.querySelector('li.msg--pending'));
  element.scrollIntoView({ block: 'end' });
}

// A colleague's status (online, away, offline) changed: every place that shows it says so, through textContent only.
function showStatus(frame) {
  for (const element of document.querySelectorAll('[data-member-status]')) {
    if (element.dataset.memberStatus !== frame.member) continue;
    element.dataset.status = frame.status;
    if (element.tagName !== 'OPTION') {
      element.textContent = frame.status;
      continue;
    }
    // an assignee choice reads "name · status": the name is all before the last " · " (a status has none)
    const text = element.textContent;
    element.textContent = `${text.slice(0, text.lastIndexOf(' · '))} · ${frame.status}`;
  }
}

// Says in place what a colleague (or this member, elsewhere) did to the open conversation.
function sayChange(frame) {
  const change = frame.change;
  if (!notice || !change) return;
  const self = change.by.id === me;
  const who = self ? 'You' : change.by.name;
  let what;
  switch (change.kind) {
    case 'assigned':
      what = frame.assignee === change.by.id ? 'took this conversation'
        : `assigned this to ${frame.assignee === me ? 'you' : change.assigneeName}`;
      break;
    case 'unassigned': what = 'unassigned this conversation'; break;
    case 'resolved': what = 'resolved this conversation'; break;
    case 'reopened': what = 'reopened this conversation'; break;
    case 'labelled': what = 'changed the labels of this conversation'; break;
    default: return;
  }
  notice.textContent = `${who} ${what}.`;
}

// The thread's head (status, assignee, actions) fetched afresh and swapped in; nothing else on the page moves.
function refreshHead() {
  if (window.htmx) window.htmx.trigger(body, 'confidant:head');
}

// Shows a committed message once, in sequence order; replaces its pending bubble if this tab sent it.
function showMessage(m) {
  if (!log || m.conversation !== conversation) return;
  if (log.querySelector(`li[data-seq="${m.seq}"]`)) return;
  const mine = m.clientMsgId && pending.get(m.clientMsgId);
  if (mine) {
    mine.element.remove();
    pending.delete(m.clientMsgId);
  }
  const element = messageElement(m);
  const later = Array.from(log.querySelectorAll('li[data-seq]')).find((li) => Number(li.dataset.seq) > m.seq);
  const firstPending = log.querySelector('li.msg--pending');
  log.insertBefore(element, later || firstPending || null);
  if (m.seq > lastSeq) {
    if (m.seq > lastSeq + 1 && lastSeq > 0) {
      send({ type: 'watch', conversation, after: lastSeq }); // a gap: ask for what is missing
    }
    lastSeq = Math.max(lastSeq, m.seq);
    if (document.visibilityState === 'visible') send({ type: 'read', conversation, seq: lastSeq });
  }
  element.scrollIntoView({ block: 'end' });
}

function send(frame) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

function refreshList() {
  if (window.htmx) window.htmx.trigger(body, 'confidant:refresh');
}

let refreshTimer = null;
function refreshListSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshList, 150);
}

function onFrame(frame) {
  switch (frame.type) {
    case 'welcome':
      retryDelay = 500;
      preferences(frame);
      if (conversation) send({ type: 'watch', conversation, after: lastSeq });
      for (const [clientMsgId, p] of pending) {
        send({ type: p.kind === 'note' ? 'note.send' : 'message.send', conversation, clientMsgId, text: p.text });
      }
      refreshList();
      break;
    case 'message':
      showMessage(frame);
      break;
    case 'note':
      showNote(frame);
      break;
    case 'typing':
      if (frame.conversation === conversation && typingLine) {
        typingLine.textContent = 'The visitor is typing…';
        clearTimeout(typingHideTimer);
        typingHideTimer = setTimeout(() => { typingLine.textContent = ''; }, 4000);
      }
      break;
    case 'ack':
    case 'note.ack': {
      const p = pending.get(frame.clientMsgId);
      if (p) p.element.classList.add('msg--sent');
      break;
    }
    case 'conversation.changed': {
      refreshListSoon();
      const head = document.getElementById('thread-head');
      if (frame.conversation === conversation && head
          && (frame.status.toUpperCase() !== head.dataset.status || (frame.assignee || '') !== (head.dataset.assignee || '')
            || (frame.change && frame.change.kind === 'labelled'))) {
        // someone resolved, reopened, (un)assigned or labelled the open conversation: its head is redrawn, the reply box stays
        head.dataset.status = frame.status.toUpperCase();
        head.dataset.assignee = frame.assignee || '';
        sayChange(frame);
        refreshHead();
      }
      break;
    }
    case 'notify':
      notify(frame, conversation);
      break;
    case 'preferences':
      preferences(frame);
      break;
    case 'status':
      showStatus(frame);
      break;
    case 'access.changed':
      location.reload(); // the member's role, permissions, scope or inboxes changed: show what they may see now
      break;
    case 'error': {
      const p = frame.clientMsgId && pending.get(frame.clientMsgId);
      if (p) {
        p.element.classList.add('msg--failed');
        pending.delete(frame.clientMsgId);
      }
      if (status) status.textContent = frame.message;
      break;
    }
    default:
      break;
  }
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  socket = new WebSocket(`${scheme}//${location.host}/ws/agent`);
  socket.addEventListener('message', (event) => {
    try {
      onFrame(JSON.parse(event.data));
    } catch (e) {
      console.error('bad frame from server', e);
    }
  });
  socket.addEventListener('close', (event) => {
    if (event.code === 4403 || event.code === 1008) {
      // the membership or the session ended: the server sends this page to sign-in (unless the page is already
      // leaving, as when its own sign-out ended the session: a reload would race that navigation)
      if (!leaving) location.reload();
      return;
    }
    const delay = retryDelay + Math.random() * retryDelay;
    retryDelay = Math.min(retryDelay * 2, 10000);
    setTimeout(connect, delay);
  });
}

function newClientMsgId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return 'a-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function submitReply(event) {
  event.preventDefault();
  const text = input.value;
  const note = Boolean(noteMode && noteMode.checked);
  const what = note ? 'note' : 'message';
  if (!text.trim()) {
    status.textContent = 'Write something first.';
    return;
  }
  if ([...text].length > MAX_CHARS) {
    status.textContent = `A ${what} has at most ${MAX_CHARS} characters.`;
    return;
  }
  status.textContent = '';
  const clientMsgId = newClientMsgId();
  const now = new Date().toISOString();
  const element = note
    ? noteElement({ author: { id: me, name: 'You' }, text, createdAt: now, clientMsgId })
    : messageElement({ author: { kind: 'agent', name: 'You' }, text, sentAt: now, clientMsgId });
  element.classList.add('msg--pending');
  log.append(element);
  element.scrollIntoView({ block: 'end' });
  pending.set(clientMsgId, { kind: what, text, element });
  input.value = '';
  forgetDraft();
  // if offline, sent again on reconnect
  send({ type: note ? 'note.send' : 'message.send', conversation, clientMsgId, text });
}

// Drafts: the reply box's text per conversation, in this tab's session storage (gone with the tab, and at sign-out).
function draftKey() {
  return DRAFT_PREFIX + conversation;
}

function keepDraft() {
  try {
    if (input.value) sessionStorage.setItem(draftKey(), input.value);
    else sessionStorage.removeItem(draftKey());
  } catch (e) {
    // storage full or refused: the draft lives in the box only
  }
}

function forgetDraft() {
  try {
    sessionStorage.removeItem(draftKey());
  } catch (e) {
    // nothing kept
  }
}

function forgetAllDrafts() {
  try {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
    }
  } catch (e) {
    // nothing kept
  }
}

formatTimes(document);
lastSeq = Math.max(0, ...renderedSeqs());
for (const signout of document.querySelectorAll('form.signout')) {
  signout.addEventListener('submit', forgetAllDrafts);
}
if (composer && conversation) {
  wireSavedReplies(input, conversation, status);
  try {
    const draft = sessionStorage.getItem(draftKey());
    if (draft && !input.value) input.value = draft;
  } catch (e) {
    // no storage: no draft to restore
  }
  input.addEventListener('input', keepDraft);
  // "is typing" for the visitor: never for a note, never any text, at most one signal every 2 s
  input.addEventListener('input', () => {
    const now = Date.now();
    if (input.value && !(noteMode && noteMode.checked) && now - lastTypingSent >= 2000) {
      lastTypingSent = now;
      send({ type: 'typing', conversation });
    }
  });
  if (noteMode) {
    noteMode.addEventListener('change', () => {
      composer.classList.toggle('composer--note', noteMode.checked);
      input.setAttribute('aria-label', noteMode.checked ? 'Internal note' : 'Reply');
      input.placeholder = noteMode.checked ? 'Write an internal note… (members only, never sent to the visitor)'
        : 'Write a reply… (Enter sends, Shift+Enter adds a line, / picks a saved reply)';
    });
  }
  composer.addEventListener('submit', submitReply);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submitReply(event);
  });
  if (log.lastElementChild) log.lastElementChild.scrollIntoView({ block: 'end' });
}
wireUploads();
wireCopyButtons();
wireShortcuts();
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && conversation && lastSeq > 0) {
    send({ type: 'read', conversation, seq: lastSeq });
  }
});
connect();

// The installable app: a service worker from the origin's root that keeps static assets only (see /sw.js).
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js')
    .catch((error) => console.warn('The service worker was not installed:', error));
}
