// The dashboard's live layer: one socket to /ws/agent (authenticated by the session cookie), a live conversation
// list (refreshed through htmx when the server says a conversation changed), and the open thread, which catches up
// from its last sequence number after every reconnect. User text only ever goes through textContent (message text
// through the widget's markdown renderer, which builds its few elements itself).

import { render } from '/shared/markdown.js';
import { fileLink, wireUploads } from './attachments.js';

const body = document.body;
const conversation = body.dataset.conversation || null;
const log = document.getElementById('messages');
const composer = document.getElementById('composer');
const input = document.getElementById('reply');
const status = document.getElementById('composer-status');
const MAX_CHARS = 5000;

let socket = null;
let retryDelay = 500;
let leaving = false; // this page is navigating away (signing out, say): its socket's end needs no reload
window.addEventListener('beforeunload', () => { leaving = true; });
let lastSeq = 0;
const pending = new Map(); // clientMsgId -> {text, element}

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
      if (conversation) send({ type: 'watch', conversation, after: lastSeq });
      for (const [clientMsgId, p] of pending) {
        send({ type: 'message.send', conversation, clientMsgId, text: p.text });
      }
      refreshList();
      break;
    case 'message':
      showMessage(frame);
      break;
    case 'ack': {
      const p = pending.get(frame.clientMsgId);
      if (p) p.element.classList.add('msg--sent');
      break;
    }
    case 'conversation.changed':
      refreshListSoon();
      if (frame.conversation === conversation
          && (frame.status.toUpperCase() !== body.dataset.status || (frame.assignee || '') !== (body.dataset.assignee || ''))) {
        location.reload(); // someone else resolved, reopened or (un)assigned the open conversation
      }
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
  if (!text.trim()) {
    status.textContent = 'Write something first.';
    return;
  }
  if ([...text].length > MAX_CHARS) {
    status.textContent = `A message has at most ${MAX_CHARS} characters.`;
    return;
  }
  status.textContent = '';
  const clientMsgId = newClientMsgId();
  const element = messageElement({
    author: { kind: 'agent', name: 'You' }, text, sentAt: new Date().toISOString(), clientMsgId,
  });
  element.classList.add('msg--pending');
  log.append(element);
  element.scrollIntoView({ block: 'end' });
  pending.set(clientMsgId, { text, element });
  input.value = '';
  send({ type: 'message.send', conversation, clientMsgId, text }); // if offline, sent again on reconnect
}

formatTimes(document);
lastSeq = Math.max(0, ...renderedSeqs());
if (composer && conversation) {
  composer.addEventListener('submit', submitReply);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submitReply(event);
  });
  if (log.lastElementChild) log.lastElementChild.scrollIntoView({ block: 'end' });
}
wireUploads();
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && conversation && lastSeq > 0) {
    send({ type: 'read', conversation, seq: lastSeq });
  }
});
connect();
