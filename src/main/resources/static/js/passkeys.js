// Passkeys (WebAuthn) on the sign-in, second-step, enrolment and two-factor pages. Each ceremony is a form the
// server rendered: data-passkey="get" (sign in with a passkey) or "create" (add one), data-passkey-options the URL
// of its options, its action the URL of the browser's answer. The options come back as JSON with base64url strings
// where WebAuthn wants bytes; the answer goes out the same way. The CSRF token travels in the X-CSRF-TOKEN header,
// as in the dashboard's other fetches. Forms stay hidden where the browser has no WebAuthn.

const decoder = { '-': '+', _: '/' };

function toBytes(base64url) {
  const base64 = base64url.replace(/[-_]/g, (c) => decoder[c]);
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
}

function toBase64url(buffer) {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function descriptors(list) {
  return (list || []).map((c) => ({ ...c, id: toBytes(c.id) }));
}

function creationOptions(options) {
  return {
    ...options,
    challenge: toBytes(options.challenge),
    user: { ...options.user, id: toBytes(options.user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  };
}

function requestOptions(options) {
  return { ...options, challenge: toBytes(options.challenge), allowCredentials: descriptors(options.allowCredentials) };
}

function created(credential, label) {
  const { response } = credential;
  return {
    label,
    credential: {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: toBase64url(response.attestationObject),
        clientDataJSON: toBase64url(response.clientDataJSON),
        transports: response.getTransports ? response.getTransports() : [],
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    },
  };
}

function asserted(credential) {
  const { response } = credential;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    response: {
      authenticatorData: toBase64url(response.authenticatorData),
      clientDataJSON: toBase64url(response.clientDataJSON),
      signature: toBase64url(response.signature),
      userHandle: response.userHandle ? toBase64url(response.userHandle) : null,
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment,
  };
}

// The server's words for a refusal (a problem's detail), or a plain one.
async function refusal(response, fallback) {
  const problem = await response.json().catch(() => ({}));
  return problem.detail || fallback;
}

async function post(url, csrf, body, contentType) {
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-TOKEN': csrf, 'Content-Type': contentType, Accept: 'application/json' },
    body,
  });
}

async function ceremony(form) {
  const csrf = form.elements._csrf.value;
  const creating = form.dataset.passkey === 'create';
  const fields = new URLSearchParams();
  if (form.elements.current) fields.set('current', form.elements.current.value);
  const offered = await post(form.dataset.passkeyOptions, csrf, fields, 'application/x-www-form-urlencoded');
  if (!offered.ok) throw new Error(await refusal(offered, 'Passkeys cannot be used just now. Try again.'));
  const options = await offered.json();
  let credential;
  try {
    credential = creating
      ? await navigator.credentials.create({ publicKey: creationOptions(options) })
      : await navigator.credentials.get({ publicKey: requestOptions(options) });
  } catch {
    throw new Error(creating ? 'No passkey was made.' : 'No passkey was used.');
  }
  const label = form.elements.label ? form.elements.label.value : '';
  const answer = creating ? created(credential, label) : asserted(credential);
  const answered = await post(form.action, csrf, JSON.stringify(answer), 'application/json');
  if (!answered.ok) throw new Error(await refusal(answered, 'That passkey did not work.'));
  const next = await answered.json();
  window.location.assign(next.redirect);
}

function wire(form) {
  const error = form.querySelector('[data-passkey-error]');
  const button = form.querySelector('button[type="submit"]');
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    try {
      await ceremony(form);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      button.disabled = false;
    }
  });
}

const forms = document.querySelectorAll('form[data-passkey]');
if (window.PublicKeyCredential && navigator.credentials) {
  forms.forEach(wire);
} else {
  for (const form of forms) {
    const note = document.createElement('p');
    note.className = 'hint';
    note.textContent = 'This browser cannot use passkeys.';
    form.after(note);
  }
}
