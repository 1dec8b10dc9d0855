// Keyboard shortcuts of the conversations page, listed in a dialog on "?": j / k open the next / previous
// conversation of the list, r goes to the reply box, e resolves, a assigns to oneself, l goes to the label choice,
// / to the search box. None fires while a field has the focus (so "/" in the reply box still opens the saved
// replies, and typing a "j" types a "j"), with Ctrl, Alt or Meta held, or while the dialog is open. The dialog is a
// modal <dialog>: the page behind it is inert, Escape closes it, and the focus returns where it was.

const FIELDS = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

function typing(target) {
  return target instanceof Element && (target.matches(FIELDS) || target.isContentEditable);
}

function focus(id) {
  const element = document.getElementById(id);
  if (!element) return false;
  element.focus();
  return true;
}

function click(id) {
  const element = document.getElementById(id);
  if (!element) return false;
  element.click();
  return true;
}

// Opens the conversation `step` rows away from the selected one (the first or last when none is).
function move(step) {
  const rows = Array.from(document.querySelectorAll('#conversation-list li[data-conversation]'));
  if (rows.length === 0) return false;
  const current = rows.findIndex((row) => row.classList.contains('selected'));
  const next = current < 0 ? (step > 0 ? 0 : rows.length - 1) : current + step;
  const link = rows[next] && rows[next].querySelector('a[href]');
  if (!link) return false;
  location.assign(link.href);
  return true;
}

export function wireShortcuts() {
  const dialog = document.getElementById('shortcuts');
  if (!dialog) return;
  let opener = null;
  const open = () => {
    opener = document.activeElement;
    dialog.showModal();
    const close = document.getElementById('shortcuts-close');
    if (close) close.focus();
    return true;
  };
  // a modal dialog keeps the focus among its own controls: Tab from its last goes back to its first
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const controls = Array.from(dialog.querySelectorAll('button, a[href], [tabindex]:not([tabindex="-1"])'));
    if (controls.length === 0) return;
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
  dialog.addEventListener('close', () => {
    if (opener && typeof opener.focus === 'function' && document.contains(opener)) opener.focus();
    opener = null;
  });
  const button = document.getElementById('shortcuts-open');
  if (button) button.addEventListener('click', open);
  const actions = {
    '?': open,
    j: () => move(1),
    k: () => move(-1),
    r: () => focus('reply'),
    e: () => click('resolve'),
    a: () => click('assign-me'),
    l: () => focus('label-choice'),
    '/': () => focus('search-q'),
  };
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    if (dialog.open || typing(event.target)) return;
    const action = Object.prototype.hasOwnProperty.call(actions, event.key) ? actions[event.key] : null;
    if (action && action()) event.preventDefault();
  });
}
