// The reply box's saved-reply picker. Typing "/" at the start of the box lists the saved replies the member may use
// whose names begin with what follows; Arrow keys move through them, Enter (or a click) inserts one, Escape closes the
// list. The inserted text comes from the server with the open conversation's variables filled in, and goes into the
// box as its value: it is never markup, and nothing is sent until the member sends it.

const NAME_TYPED = /^\/([a-z0-9._-]*)$/;
const MAX_SHOWN = 8;

export function wireSavedReplies(input, conversation, status) {
  const picker = document.getElementById('reply-picker');
  if (!input || !picker || !conversation) return;
  const base = `/app/conversations/${encodeURIComponent(conversation)}/replies`;
  let choices = null; // [{name, personal}], asked for once per page
  let shown = [];
  let active = -1;

  async function load() {
    if (choices === null) {
      const response = await fetch(base, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      choices = response.ok ? await response.json() : [];
    }
    return choices;
  }

  function typed() {
    const match = NAME_TYPED.exec(input.value);
    return match ? match[1] : null;
  }

  function close() {
    picker.hidden = true;
    picker.replaceChildren();
    shown = [];
    active = -1;
    input.removeAttribute('aria-activedescendant');
  }

  function highlight() {
    Array.from(picker.children).forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', picker.children[active].id);
      picker.children[active].scrollIntoView({ block: 'nearest' });
    }
  }

  function option(choice, i) {
    const li = document.createElement('li');
    li.id = `reply-option-${i}`;
    li.setAttribute('role', 'option');
    li.dataset.name = choice.name;
    li.textContent = '/' + choice.name;
    if (choice.personal) {
      const scope = document.createElement('span');
      scope.className = 'scope';
      scope.textContent = ' (yours)';
      li.append(scope);
    }
    // mousedown, not click: the box keeps its focus
    li.addEventListener('mousedown', (event) => {
      event.preventDefault();
      choose(i);
    });
    return li;
  }

  async function update() {
    const prefix = typed();
    if (prefix === null) {
      close();
      return;
    }
    const all = await load();
    if (typed() !== prefix) return; // the member typed on meanwhile: that input's update shows its own list
    const seen = new Set();
    shown = all.filter((c) => c.name.startsWith(prefix) && !seen.has(c.name) && seen.add(c.name)).slice(0, MAX_SHOWN);
    if (shown.length === 0) {
      close();
      return;
    }
    picker.replaceChildren(...shown.map(option));
    active = 0;
    picker.hidden = false;
    highlight();
  }

  async function choose(i) {
    const choice = shown[i];
    close();
    if (!choice) return;
    const response = await fetch(`${base}/${encodeURIComponent(choice.name)}`,
      { headers: { Accept: 'text/plain' }, credentials: 'same-origin' });
    if (!response.ok) {
      if (status) status.textContent = 'That saved reply could not be inserted.';
      return;
    }
    // decoded keeping a leading U+FEFF, which response.text() would drop: the box gets the reply's text exactly
    input.value = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    input.dispatchEvent(new Event('input')); // kept as the draft, like anything typed
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  input.addEventListener('input', () => {
    update();
  });
  // registered before the composer's own keydown listener, so that Enter chooses instead of sending
  input.addEventListener('keydown', (event) => {
    if (picker.hidden || shown.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      highlight();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      event.stopImmediatePropagation();
      choose(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => close());
}
