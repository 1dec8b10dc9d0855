// Files in the dashboard's conversation page: sending one, and the download link of a file message.

// The link of a file message; following it makes the server sign a fresh, short-lived download link.
export function fileLink(attachment) {
  const box = document.createElement('div');
  box.className = 'file';
  const link = document.createElement('a');
  link.className = 'file-link';
  link.href = '/app/attachments/' + encodeURIComponent(attachment.id) + '/download';
  link.textContent = 'Download';
  const meta = document.createElement('span');
  meta.className = 'file-meta';
  meta.textContent = `${attachment.type}, ${(attachment.size / 1024).toFixed(1)} KB`;
  box.append(link, ' ', meta);
  return box;
}

// Sends the chosen file as the request body; the file message arrives through the socket like any other.
export function wireUploads() {
  const form = document.getElementById('attach');
  if (!form) return;
  const input = document.getElementById('attach-file');
  const status = document.getElementById('attach-status');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files && input.files[0];
    if (!file) return;
    if (file.size > Number(form.dataset.maxSize)) {
      status.textContent = 'This file is too large to send.';
      return;
    }
    status.textContent = 'Sending…';
    try {
      const response = await fetch(form.action + '?name=' + encodeURIComponent(file.name), {
        method: 'POST',
        headers: { 'X-CSRF-TOKEN': form.elements._csrf.value, 'Content-Type': 'application/octet-stream' },
        body: file,
      });
      if (response.ok) {
        status.textContent = '';
        form.reset();
      } else {
        const problem = await response.json().catch(() => ({}));
        status.textContent = problem.detail || 'The file could not be sent.';
      }
    } catch {
      status.textContent = 'The file could not be sent. Check the connection and try again.';
    }
  });
}
