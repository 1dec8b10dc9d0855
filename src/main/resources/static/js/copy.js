// Copy buttons: a button with `data-copy` copies the value (or text) of the element of that id to the clipboard and
// says so on itself for a moment. Nothing is read from the clipboard.

export function wireCopyButtons() {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const label = button.textContent;
    button.addEventListener('click', () => {
      const source = document.getElementById(button.dataset.copy);
      if (!source) return;
      const text = 'value' in source ? source.value : source.textContent;
      const said = (what) => {
        button.textContent = what;
        setTimeout(() => { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(() => said('Copied'), () => {
          source.select?.();
          said('Press Ctrl+C to copy');
        });
      } else {
        source.select?.();
        said('Press Ctrl+C to copy');
      }
    });
  }
}
