// A card number (13-19 digits, Luhn-valid) in what the visitor writes: the server removes it (it is the authority);
// the chat app says so before sending. A chunk, loaded at the first digit the visitor types.

export const hasCard = (text) =>
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
