// The chat's privacy controls (docs/protocol.md, "Consent"), loaded by the chat app when it needs them, outside its
// size budget. `ask`, when the server asks for consent: the business's notice and privacy policy, and an Accept
// button; where the inbox allows implied consent, starting to write counts as accepting. Until then the chat keeps
// nothing (no storage, no cookies) and the server keeps nothing about the visitor. `chat`, at every welcome: a link
// to what this chat keeps (a page on Confidant's origin), withdrawing consent where the inbox asked for it, and, in
// a browser that sends Global Privacy Control, remembering the chat on this device when the visitor asks. Text from
// the network reaches the page only through textContent.

import { t } from '/widget/app.js';

const $ = (id) => document.getElementById(id);

export const ask = (frame, accept) => {
  $('confidant-consent')?.remove();
  const box = document.createElement('div');
  box.id = 'confidant-consent';
  box.className = 'confidant-status';
  const notice = document.createElement('p');
  notice.textContent = typeof frame.notice === 'string' ? frame.notice : '';
  box.append(notice);
  if (typeof frame.policy === 'string' && /^https:\/\//.test(frame.policy)) {
    const policy = document.createElement('a');
    policy.href = frame.policy;
    policy.target = '_blank';
    policy.rel = 'noopener noreferrer';
    policy.textContent = t('privacyPolicy');
    box.append(policy, ' ');
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'confidant-accept';
  button.textContent = t('accept');
  box.append(button);
  const done = (kind) => {
    if (!box.isConnected) return;
    box.remove();
    accept(kind);
  };
  button.addEventListener('click', () => done('explicit'));
  if (frame.implied === true) $('confidant-input').addEventListener('input', () => done('implied'), { once: true });
  $('confidant-log').before(box);
};

const button = (id, text, click) => {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.className = 'confidant-file';
  b.textContent = text;
  b.addEventListener('click', click);
  return b;
};

// keep: makes the app keep its token in the frame's storage from now on.
export const chat = (frame, inbox, send, keep) => {
  $('confidant-privacy')?.remove();
  const bar = document.createElement('p');
  bar.id = 'confidant-privacy';
  bar.className = 'confidant-typing';
  const statement = document.createElement('a');
  statement.href = '/widget/privacy?inbox=' + encodeURIComponent(inbox);
  statement.target = '_blank';
  statement.rel = 'noopener noreferrer';
  statement.textContent = t('keeps');
  bar.append(statement);
  const remembered = 'confidant.keep.' + inbox;
  const storage = (work) => {
    try {
      return work(localStorage);
    } catch {
      return null; // storage blocked: nothing to remember or forget
    }
  };
  if (frame.consent === true) {
    bar.append(' ', button('confidant-withdraw', t('withdraw'), () => {
      storage((s) => [remembered, 'confidant.token.' + inbox].forEach((k) => s.removeItem(k)));
      send({ type: 'consent.withdraw' });
      bar.remove();
    }));
  }
  if (navigator.globalPrivacyControl && frame.storage === 'browser' && !storage((s) => s.getItem(remembered))) {
    const remember = button('confidant-remember', t('remember'), () => {
      storage((s) => s.setItem(remembered, '1'));
      keep();
      remember.remove();
    });
    bar.append(' ', remember);
  }
  $('confidant-log').before(bar);
};
