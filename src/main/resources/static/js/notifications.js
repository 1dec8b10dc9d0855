// Notifications of the dashboard: what the server's `notify` frames announce (a new conversation, a visitor's message,
// as the member's preferences ask) is counted in the tab's title and on its icon, rung with a short sound (unless the
// member turned it off) and shown as a desktop notification when the browser allows it. The permission is asked only
// when the member clicks a button, never on load. A notification names the inbox and the contact; the message's text
// comes only in the frames of members who turned previews on. Nothing here builds HTML: text is only ever text.

const SOUND = '/sounds/notify.wav';
const baseTitle = document.title;
const icon = document.querySelector('link[rel="icon"]');
const plainIcon = icon ? icon.getAttribute('href') : null;
let unread = 0;
let sound = true;

function supported() {
  return 'Notification' in window;
}

// Shows the permission buttons while the browser has not been asked yet; a click asks it.
function wirePermissionButtons() {
  const buttons = document.querySelectorAll('.notify-permission');
  const show = () => {
    const ask = supported() && Notification.permission === 'default';
    for (const button of buttons) {
      const holder = button.closest('[data-notify-permission]') || button;
      holder.hidden = !ask;
    }
  };
  for (const button of buttons) {
    button.addEventListener('click', () => {
      if (!supported()) return;
      Promise.resolve(Notification.requestPermission()).then(show, show);
    });
  }
  show();
}

function badgeIcon(count) {
  if (!icon) return;
  if (count === 0) {
    icon.setAttribute('href', plainIcon);
    return;
  }
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.fillStyle = '#c62828';
  g.beginPath();
  g.arc(16, 16, 15, 0, 2 * Math.PI);
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = 'bold 20px sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(count > 9 ? '9+' : String(count), 16, 17);
  icon.setAttribute('href', canvas.toDataURL('image/png'));
}

function showCount() {
  document.title = unread > 0 ? `(${unread}) ${baseTitle}` : baseTitle;
  badgeIcon(unread);
}

function looking() {
  return document.visibilityState === 'visible' && document.hasFocus();
}

function clearCount() {
  if (unread > 0 && looking()) {
    unread = 0;
    showCount();
  }
}

const DESCRIPTIONS = {
  conversation: () => 'New conversation',
  message: () => 'New message',
  mention: (frame) => `${frame.by} mentioned you in a note`,
  assigned: (frame) => `${frame.by} assigned this conversation to you`,
  reassigned: (frame) => `${frame.by} reassigned this conversation`,
};

function describe(frame) {
  const said = DESCRIPTIONS[frame.event];
  return said ? said(frame) : 'New activity';
}

// The `preferences` frame: after the welcome, and whenever the member changes them.
export function preferences(frame) {
  sound = frame.sound === true;
}

// The `notify` frame. `open` is the conversation this page shows, if any: a message there, while the member looks at
// it, needs no notification.
export function notify(frame, open) {
  if (open && frame.conversation === open && looking()) return;
  unread += 1;
  showCount();
  if (sound) {
    const audio = new Audio(SOUND);
    audio.play().catch(() => {
      // the browser refuses sound until the member has interacted with the page: the count and the notification remain
    });
  }
  if (supported() && Notification.permission === 'granted') {
    const title = `${frame.contact} · ${frame.inbox}`;
    const body = typeof frame.text === 'string' ? frame.text : describe(frame);
    const shown = new Notification(title, { body, tag: frame.conversation });
    shown.addEventListener('click', () => {
      window.focus();
      location.assign(`/app/conversations/${encodeURIComponent(frame.conversation)}`);
    });
  }
}

window.addEventListener('focus', clearCount);
document.addEventListener('visibilitychange', clearCount);
wirePermissionButtons();
