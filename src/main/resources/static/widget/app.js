// Confidant's chat app, in the widget iframe on Confidant's origin (docs/protocol.md). Network text reaches the page
// only through textContent or markdown.js.

import { render } from '/shared/markdown.js';

const $ = (id) => document.getElementById(id);
const log = $('confidant-log');
const form = $('confidant-form');
const input = $('confidant-input');
const statusLine = $('confidant-status');
const inlineError = $('confidant-error');

const inbox = new URLSearchParams(location.search).get('inbox');

// The framing page's origin (ancestorOrigins, else the referrer): checked by the server at hello, the only one
// postMessage talks to; unknown, the chat does not start.
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
// The host site's identity token (docs/identity-verification.md), from the loader: undefined until it answers, then
// the token or null; in memory only, sent in every hello.
let identity;
let waiting = 0;
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const MAX_CODE_POINTS = 5000;
// Errors that will not go away by sending the same message again.
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
let syncing = false; // a sync is under way: hold back pending messages so they keep their order
let syncFrom = 0;
const shown = new Set(); // every seq rendered
const pending = new Map(); // clientMsgId -> {id, text, el, sentOn}: sent but not acknowledged, in order

// Storage may be blocked (third-party iframe, privacy modes): fall back to memory. Memory only when the inbox says
// so or the browser sends Global Privacy Control (unless the visitor asked to be remembered: consent.js).
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

// Put a message at its seq: after every smaller seq, before bigger ones and before the unsequenced (pending,
// failed) ones, which stay at the end.
const place = (node, seq, sentAt) => {
  // Live frames are at-most-once: a jump in seq means some were lost on the way, so catch up.
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

// A different conversation (a new visitor after the token expired, or one erased): its seqs start again at 1,
// so what this page shows of the old one must go. Unsent messages stay and go to the new one.
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

// Send what is still unacknowledged, each once per socket, always with its original clientMsgId.
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
    settle(item, f.seq, f.sentAt); // the ack may come later, or never if this socket dropped
    return;
  }
  // Anything not from the visitor (agents, and whatever else may speak later) sits on the agent side.
  const name = mine ? 'You' : typeof author.name === 'string' && author.name ? author.name : 'Support';
  const file = f.attachment && typeof f.attachment.id === 'string';
  const node = bubble(mine ? 'visitor' : 'agent', name, f.text, file); // a file's name is shown as it is
  if (file) node.append(fileButton(f.attachment));
  place(node, f.seq, f.sentAt);
};

const onAck = (f) => {
  const item = pending.get(f.clientMsgId);
  if (typeof f.conversation === 'string') setConversation(f.conversation);
  // Already settled by its message frame, or a duplicate ack after a resend.
  if (!item || !Number.isInteger(f.seq)) return;
  // Shown already from a message frame that did not carry our clientMsgId: keep that one.
  if (shown.has(f.seq)) {
    pending.delete(item.id);
    item.el.remove();
    return;
  }
  settle(item, f.seq, f.sentAt);
  setStatus(''); // an earlier error is old news now
};

const onError = (f) => {
  setStatus(typeof f.message === 'string' && f.message ? f.message : 'Something went wrong.');
  const item = typeof f.clientMsgId === 'string' && pending.get(f.clientMsgId);
  if (item && FINAL.has(f.code)) {
    pending.delete(item.id);
    item.el.classList.replace(PENDING, 'confidant-msg--failed');
    item.el.querySelector('time').textContent = 'Not sent';
  }
  if (['inbox_not_found', 'origin_not_allowed', 'identity_invalid', 'identity_required', 'visitor_blocked', 'consent_withdrawn'].includes(f.code)) {
    stopped = true;
    ws.close();
  }
  // The sync that would have been followed by a flush failed; still deliver what is waiting.
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
  // welcome brings a fresh visitor token, and an open chat is sent the next one before it expires: keep the newest
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
      import('/widget/consent.js').then((m) =>
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
      import('/widget/consent.js').then((m) =>
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
  setStatus(attempt ? 'Reconnecting…' : 'Connecting…');
  const socket = new WebSocket((location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/ws/visitor');
  ws = socket;
  ready = false;
  socket.onopen = () => {
    // JSON.stringify leaves the token out when there is none yet.
    send({ type: 'hello', inbox, host: hostOrigin, token: loadToken() || undefined, identity: identity || undefined, ...consent });
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
  setStatus('Reconnecting…');
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
  if (!text) problem = 'Please write a message first.';
  else if ([...text].length > MAX_CODE_POINTS) problem = 'That message is too long (at most 5,000 characters).';
  inlineError.textContent = problem;
  if (problem) return;
  input.value = '';
  const node = bubble('visitor', 'You', text);
  node.classList.add(PENDING);
  node.querySelector('time').textContent = 'Sending…';
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

// A card number (13-19 digits, Luhn-valid): the server removes it (it is the authority); say so before sending.
const hasCard = (text) =>
  (text.match(/(?<!\d)\d(?:[ .-]?\d){12,18}(?![ .-]?\d)/g) || []).some((run) => {
    const d = run.replace(/\D/g, '');
    let sum = 0;
    for (let k = 0; k < d.length; k++) {
      let x = +d[d.length - 1 - k];
      if (k % 2 && (x *= 2) > 9) x -= 9;
      sum += x;
    }
    return /^[2-6]/.test(d) && !(sum % 10);
  });

// Typing signals, both ways: never any text (the server never sees what is not sent), at most one every 2 s.
const typingLine = $('confidant-typing');
let typingHideTimer = 0;
let lastTypingSent = 0;
const showTyping = () => {
  typingLine.textContent = 'Agent is typing…';
  clearTimeout(typingHideTimer);
  typingHideTimer = setTimeout(() => { typingLine.textContent = ''; }, 4000);
};

input.addEventListener('input', () => {
  inlineError.textContent = hasCard(input.value) ? 'Card numbers are removed before your message is stored.' : '';
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

// From the framing origin, in exactly these shapes: the panel opened, or the identity token (or null), which
// (re)starts the chat; a token that is not JWT-shaped stops it.
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
    setStatus('This chat is not set up correctly.');
  }
});

// ---- files

// The token goes in a header, never in a URL. The file message itself arrives through the socket.
const fileRequest = (path, body) => fetch(path, { method: 'POST', headers: { 'X-Visitor-Token': loadToken() || '' }, body });

const fileFailed = async (response) => {
  const problem = await response.json().catch(() => ({}));
  inlineError.textContent = problem.detail || 'The file could not be sent.';
};

// A file message's download button: asks for a short-lived signed link, then downloads it.
const fileButton = (file) => {
  const button = el('button', 'confidant-file', `Download (${(file.size / 1024).toFixed(1)} KB)`);
  button.type = 'button';
  button.addEventListener('click', async () => {
    try {
      const response = await fileRequest('/widget/attachments/' + encodeURIComponent(file.id) + '/link');
      if (!response.ok) return fileFailed(response);
      const link = el('a', '');
      link.href = (await response.json()).url;
      link.download = '';
      link.click();
    } catch {
      inlineError.textContent = 'The file could not be fetched.';
    }
  });
  return button;
};

const picker = $('confidant-file');
$('confidant-attach').addEventListener('click', () => picker.click());
picker.addEventListener('change', async () => {
  const file = picker.files[0];
  picker.value = '';
  if (!file) return;
  inlineError.textContent = '';
  try {
    const response = await fileRequest('/widget/attachments?name=' + encodeURIComponent(file.name), file);
    if (!response.ok) await fileFailed(response);
  } catch {
    inlineError.textContent = 'The file could not be sent.';
  }
});

// Ask the loader for the identity token first; without an answer the chat starts without one after a while.
if (inbox && hostOrigin) {
  parent.postMessage({ confidant: 'ready' }, hostOrigin);
  waiting = setTimeout(() => {
    identity = null;
    connect();
  }, 3000);
} else {
  stopped = true;
  setStatus('This chat is not set up correctly.');
}
