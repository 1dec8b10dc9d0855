// Confidant's chat app, in the widget iframe on Confidant's origin (docs/protocol.md). Network text reaches the page
// only through textContent or markdown.js.

import { render } from '/shared/markdown.js';

// The strings of the frame's language (docs/adr/widget-chunks.md). data-t: "key" sets the text, "attr:key" an attribute.
const strings = (await import(`/widget/i18n/${document.documentElement.lang}.json`, { with: { type: 'json' } })).default;
export const t = (key, vars) => strings[key].replace(/\{(\w+)}/g, (_, name) => vars[name]);
for (const node of document.querySelectorAll('[data-t]')) {
  for (const item of node.dataset.t.split(' ')) {
    const [attr, key] = item.includes(':') ? item.split(':') : [0, item];
    if (attr) node.setAttribute(attr, t(key));
    else node.textContent = t(key);
  }
}

const $ = (id) => document.getElementById(id);
const log = $('confidant-log');
const form = $('confidant-form');
const input = $('confidant-input');
const statusLine = $('confidant-status');
const inlineError = $('confidant-error');

const inbox = new URLSearchParams(location.search).get('inbox');

// The framing page's origin: checked by the server at hello, the only one postMessage talks to.
const hostOrigin = (() => {
  if (parent === window) return null;
  try {
    const ancestors = location.ancestorOrigins;
    const origin = ancestors && ancestors.length ? ancestors[0] : new URL(document.referrer).origin;
    return /^https?:\/\/[^/]+$/.test(origin) ? origin : null;
  } catch {
    return null;
  }
})();
const tokenKey = 'confidant.token.' + inbox;
// The host site's identity token from the loader (undefined until it answers, then the token or null), in memory.
let identity;
let waiting = 0;
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const MAX_CODE_POINTS = 5000;
const FINAL = new Set(['message_empty', 'message_too_long', 'client_msg_id_conflict', 'bad_client_msg_id']);
const PENDING = 'confidant-msg--pending';

let ws = null; // the current socket; frames of an older one are ignored
let ready = false; // welcome received on ws
let stopped = false; // no point reconnecting
let attempt = 0;
let retryTimer = 0;
let pingTimer = 0;
let conversation = null;
let lastSeq = 0; // highest seq rendered
let syncing = false; // a sync is under way: pending messages wait
let syncFrom = 0;
const shown = new Set(); // every seq rendered
const pending = new Map(); // clientMsgId -> {id, text, el, sentOn}: not acknowledged yet

// Storage may be blocked: memory then. Memory only if the inbox says so or under Global Privacy Control (consent.js).
let memoryToken = null;
let persist = !navigator.globalPrivacyControl;
try {
  persist ||= !!localStorage.getItem('confidant.keep.' + inbox);
} catch {}
let consent; // sent with every hello once given
const loadToken = () => {
  try {
    return (persist && localStorage.getItem(tokenKey)) || memoryToken;
  } catch {
    return memoryToken;
  }
};
const saveToken = (token) => {
  memoryToken = token;
  try {
    if (persist) localStorage.setItem(tokenKey, token);
    else localStorage.removeItem(tokenKey);
  } catch {
    // memory only
  }
};

const setStatus = (text) => {
  statusLine.textContent = text;
};

const send = (frame) => {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
};

// ---- rendering

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
};

const pad = (n) => String(n).padStart(2, '0');

const setTime = (node, sentAt) => {
  const time = node.querySelector('time');
  const date = new Date(sentAt);
  if (isNaN(date)) {
    time.textContent = '';
    return;
  }
  time.dateTime = date.toISOString();
  time.textContent = pad(date.getHours()) + ':' + pad(date.getMinutes());
};

const bubble = (author, name, text, plain) => {
  const node = el('div', 'confidant-msg confidant-msg--' + author);
  node.dataset.author = author;
  const meta = el('div', 'confidant-msg__meta');
  meta.append(el('span', 'confidant-msg__author', name), ' ', el('time', 'confidant-msg__time'));
  const body = el('p', 'confidant-msg__text');
  if (plain) body.textContent = text;
  else render(body, text);
  node.append(meta, body);
  return node;
};

const nearBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 48;

// Put a message at its seq, before bigger ones and the unsequenced (pending, failed) ones at the end.
const place = (node, seq, sentAt) => {
  // Live frames are at-most-once: catch up after a jump.
  if (!syncing && seq > lastSeq + 1) sync();
  const stick = nearBottom();
  node.remove();
  let next = null;
  for (let c = log.lastElementChild; c && (!c.dataset.seq || +c.dataset.seq > seq); c = c.previousElementSibling) {
    next = c;
  }
  log.insertBefore(node, next);
  node.dataset.seq = seq;
  setTime(node, sentAt);
  shown.add(seq);
  if (seq > lastSeq) lastSeq = seq;
  if (stick) log.scrollTop = log.scrollHeight;
};

const settle = (item, seq, sentAt) => {
  pending.delete(item.id);
  item.el.classList.remove(PENDING);
  place(item.el, seq, sentAt);
};

// A different conversation (token expired, or erased): its seqs start at 1 again, the old one goes; unsent ones stay.
const setConversation = (id) => {
  if (conversation && id !== conversation) {
    for (const node of [...log.children]) if (node.dataset.seq) node.remove();
    shown.clear();
    lastSeq = 0;
  }
  conversation = id;
};

// ---- frames from the server

const sync = () => {
  syncing = true;
  syncFrom = lastSeq;
  send({ type: 'sync', conversation, after: lastSeq });
};

// Send what is unacknowledged, once per socket, with its original clientMsgId.
const flush = () => {
  if (!ready || syncing) return;
  for (const item of pending.values()) {
    if (item.sentOn === ws) continue;
    item.sentOn = ws;
    send({ type: 'message.send', clientMsgId: item.id, text: item.text });
  }
};

const onMessage = (f) => {
  if (!Number.isInteger(f.seq) || f.seq < 1 || typeof f.text !== 'string' || typeof f.conversation !== 'string') return;
  if (f.conversation !== conversation) {
    if (conversation) return; // not ours
    setConversation(f.conversation); // our first message, sent from another tab
  }
  if (shown.has(f.seq)) return;
  const author = f.author && typeof f.author === 'object' ? f.author : {};
  const mine = author.kind === 'visitor';
  const item = mine && pending.get(f.clientMsgId);
  if (item) {
    settle(item, f.seq, f.sentAt); // the ack may come later, or never
    return;
  }
  const name = mine ? t('you') : typeof author.name === 'string' && author.name ? author.name : t('support');
  const file = f.attachment && typeof f.attachment.id === 'string';
  const node = bubble(mine ? 'visitor' : 'agent', name, f.text, file); // a file name as it is
  if (file) node.append(fileButton(f.attachment));
  place(node, f.seq, f.sentAt);
};

const onAck = (f) => {
  const item = pending.get(f.clientMsgId);
  if (typeof f.conversation === 'string') setConversation(f.conversation);
  // Settled by its message frame already, or a duplicate.
  if (!item || !Number.isInteger(f.seq)) return;
  // Shown from a message frame without our clientMsgId: keep that.
  if (shown.has(f.seq)) {
    pending.delete(item.id);
    item.el.remove();
    return;
  }
  settle(item, f.seq, f.sentAt);
  setStatus(''); // an earlier error is old news now
};

const onError = (f) => {
  setStatus(typeof f.message === 'string' && f.message ? f.message : t('wentWrong'));
  const item = typeof f.clientMsgId === 'string' && pending.get(f.clientMsgId);
  if (item && FINAL.has(f.code)) {
    pending.delete(item.id);
    item.el.classList.replace(PENDING, 'confidant-msg--failed');
    item.el.querySelector('time').textContent = t('notSent');
  }
  if (['inbox_not_found', 'origin_not_allowed', 'identity_invalid', 'identity_required', 'visitor_blocked', 'consent_withdrawn'].includes(f.code)) {
    stopped = true;
    ws.close();
  }
  // The sync before a flush failed: flush anyway.
  if (f.code === 'conversation_not_found') {
    syncing = false;
    flush();
  }
};

const onFrame = (data) => {
  let f;
  try {
    f = JSON.parse(data);
  } catch {
    return;
  }
  if (!f || typeof f !== 'object') return;
  if (f.storage === 'memory') persist = false;
  // keep the newest visitor token (welcome, then token before it expires)
  if ((f.type === 'welcome' || f.type === 'token') && typeof f.token === 'string' && f.token) saveToken(f.token);
  switch (f.type) {
    case 'welcome':
      $('confidant-verified').hidden = f.verified !== true;
      ready = true;
      syncing = false;
      attempt = 0;
      setStatus('');
      setConversation(typeof f.conversation === 'string' ? f.conversation : null);
      if (conversation) sync(); // pending messages go after the catch-up (see synced)
      else flush();
      chunk('consent', (m) =>
        m.chat(f, inbox, send, () => {
          persist = true;
          saveToken(memoryToken);
        }),
      );
      break;
    case 'message':
      onMessage(f);
      break;
    case 'synced':
      if (typeof f.conversation === 'string' && f.conversation !== conversation) break;
      // More to fetch: go on after the last seq received (unless that batch brought nothing new).
      if (f.more === true && lastSeq > syncFrom) sync();
      else {
        syncing = false;
        flush();
      }
      break;
    case 'ack':
      onAck(f);
      break;
    case 'typing':
      showTyping();
      break;
    case 'error':
      onError(f);
      break;
    case 'consent': // nothing is kept until the visitor agrees
      chunk('consent', (m) =>
        m.ask(f, (kind) => {
          consent = { consent: kind, notice: f.version };
          restart();
        }),
      );
      break;
    default: // token (kept above), pong, and types added later
  }
};

// ---- connection

const connect = () => {
  retryTimer = 0;
  setStatus(t(attempt ? 'reconnecting' : 'connecting'));
  const socket = new WebSocket((location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/ws/visitor');
  ws = socket;
  ready = false;
  socket.onopen = () => {
    send({ type: 'hello', inbox, host: hostOrigin, token: loadToken() || undefined, identity: identity || undefined, ...consent,
      page: location.hash.slice(1) || undefined, zone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    pingTimer = setInterval(() => send({ type: 'ping' }), 25000);
  };
  socket.onmessage = (event) => {
    if (socket === ws) onFrame(event.data);
  };
  socket.onclose = () => {
    if (socket !== ws) return;
    clearInterval(pingTimer);
    ws = null;
    ready = false;
    if (!stopped) reconnectLater();
  };
};

// A new hello, on a new socket, is the only way to change who the session speaks for.
const restart = () => {
  clearTimeout(retryTimer);
  clearInterval(pingTimer);
  stopped = false;
  attempt = 0;
  const old = ws;
  ws = null;
  if (old) old.close();
  connect();
};

// Exponential backoff, 0.5 s doubling up to 10 s, each wait drawn from its upper half.
const reconnectLater = () => {
  const max = Math.min(10000, 500 * 2 ** attempt++);
  setStatus(t('reconnecting'));
  retryTimer = setTimeout(connect, max / 2 + Math.random() * max / 2);
};

addEventListener('online', () => {
  if (retryTimer) {
    clearTimeout(retryTimer);
    connect();
  }
});

// ---- composer

const newClientMsgId = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'm-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

const submit = () => {
  const text = input.value.trim();
  let problem = '';
  if (!text) problem = t('writeFirst');
  else if ([...text].length > MAX_CODE_POINTS) problem = t('tooLong');
  inlineError.textContent = problem;
  if (problem) return;
  input.value = '';
  const node = bubble('visitor', t('you'), text);
  node.classList.add(PENDING);
  node.querySelector('time').textContent = t('sending');
  log.append(node);
  log.scrollTop = log.scrollHeight;
  const item = { id: newClientMsgId(), text, el: node, sentOn: null };
  pending.set(item.id, item);
  flush(); // sends now when connected, else after the next welcome
};

form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});

input.addEventListener('keydown', (event) => {
  // Enter sends, Shift+Enter is a new line; leave Enter alone while an input method is composing.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submit();
  }
});

// Typing signals, both ways: never any text, at most one every 2 s.
const typingLine = $('confidant-typing');
let typingHideTimer = 0;
let lastTypingSent = 0;
const showTyping = () => {
  typingLine.textContent = t('typing');
  clearTimeout(typingHideTimer);
  typingHideTimer = setTimeout(() => { typingLine.textContent = ''; }, 4000);
};

input.addEventListener('input', () => {
  // A card number is removed by the server: say so before sending.
  inlineError.textContent = '';
  if (/\d/.test(input.value)) chunk('card', (m) => m.hasCard(input.value) && (inlineError.textContent = t('card')));
  const now = Date.now();
  if (ready && conversation && input.value && now - lastTypingSent >= 2000) {
    lastTypingSent = now;
    send({ type: 'typing' });
  }
});

// ---- talking to the host page (content-free messages only; never any transcript)

const close = () => {
  if (hostOrigin) parent.postMessage({ confidant: 'close' }, hostOrigin);
};

$('confidant-close').addEventListener('click', close);
addEventListener('keydown', (event) => {
  if (event.key === 'Escape') close();
});

// From the framing origin, exactly: the panel opened, or the identity token (or null), which (re)starts the chat.
addEventListener('message', (event) => {
  const data = event.data;
  if (!hostOrigin || event.source !== parent || event.origin !== hostOrigin || !data || typeof data !== 'object') return;
  const keys = Object.keys(data).length;
  if (keys === 1 && data.confidant === 'open') input.focus();
  if (keys !== 2 || data.confidant !== 'identity' || !('token' in data) || data.token === identity) return;
  clearTimeout(waiting);
  const token = data.token;
  if (token === null || (typeof token === 'string' && token.length <= 8192 && JWT.test(token))) {
    identity = token;
    restart();
  } else {
    identity = undefined;
    stopped = true;
    if (ws) ws.close();
    setStatus(t('notSetUp'));
  }
});

// ---- chunks, loaded when needed, pinned by the import map

const chunk = (name, then) =>
  import(`/widget/${name}.js`).then(then, () => {
    inlineError.textContent = t('chunkFailed');
  });

const fileButton = (file) => {
  const button = el('button', 'confidant-file', t('download', { size: (file.size / 1024).toFixed(1) }));
  button.type = 'button';
  button.addEventListener('click', () => chunk('attach', (m) => m.download(file, loadToken())));
  return button;
};

$('confidant-attach').addEventListener('click', () => chunk('attach', (m) => m.pick(loadToken())));

// Ask the loader for the identity token; without an answer, start without one.
if (inbox && hostOrigin) {
  parent.postMessage({ confidant: 'ready' }, hostOrigin);
  waiting = setTimeout(() => {
    identity = null;
    connect();
  }, 3000);
} else {
  stopped = true;
  setStatus(t('notSetUp'));
}
