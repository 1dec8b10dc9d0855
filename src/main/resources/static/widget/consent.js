// The inbox's consent notice (docs/protocol.md, "Consent"), loaded by the chat app only when the server asks for
// consent: the business's notice and privacy policy, and an Accept button; where the inbox allows implied consent,
// starting to write counts as accepting. Until then the chat keeps nothing (no storage, no cookies) and the server
// keeps nothing about the visitor. Text from the network reaches the page only through textContent.

const $ = (id) => document.getElementById(id);

export const ask = (frame, accept) => {
  $('confidant-consent')?.remove();
  const box = document.createElement('div');
  box.id = 'confidant-consent';
  box.className = 'confidant-status';
  const notice = document.createElement('p');
  notice.textContent = typeof frame.notice === 'string' ? frame.notice : '';
  box.append(notice);
  if (typeof frame.policy === 'string' && /^https?:\/\//.test(frame.policy)) {
    const policy = document.createElement('a');
    policy.href = frame.policy;
    policy.target = '_blank';
    policy.rel = 'noopener noreferrer';
    policy.textContent = 'Privacy policy';
    box.append(policy, ' ');
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'confidant-accept';
  button.textContent = 'Accept and chat';
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
