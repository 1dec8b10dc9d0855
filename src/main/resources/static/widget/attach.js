// Files in the chat (docs/protocol.md, "Attachments"), a chunk the chat app loads on the first click that needs it:
// `pick` chooses a file and uploads it, `download` fetches a file message's short-lived signed link and follows it.
// The visitor token goes in a header, never in a URL; the file message itself arrives through the socket.

import { t } from '/widget/app.js';

const error = (text) => {
  document.getElementById('confidant-error').textContent = text;
};

const request = (path, token, body) => fetch(path, { method: 'POST', headers: { 'X-Visitor-Token': token || '' }, body });

const failed = async (response, fallback) => {
  const problem = await response.json().catch(() => ({}));
  error(problem.detail || t(fallback));
};

export const pick = (token) => {
  const picker = document.createElement('input');
  picker.type = 'file';
  picker.addEventListener('change', async () => {
    const file = picker.files[0];
    if (!file) return;
    error('');
    try {
      const response = await request('/widget/attachments?name=' + encodeURIComponent(file.name), token, file);
      if (!response.ok) await failed(response, 'fileFailed');
    } catch {
      error(t('fileFailed'));
    }
  });
  picker.click();
};

export const download = async (file, token) => {
  try {
    const response = await request('/widget/attachments/' + encodeURIComponent(file.id) + '/link', token);
    if (!response.ok) return failed(response, 'fetchFailed');
    const link = document.createElement('a');
    link.href = (await response.json()).url;
    link.download = '';
    link.click();
  } catch {
    error(t('fetchFailed'));
  }
};
