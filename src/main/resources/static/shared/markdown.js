// Message text to DOM: the markdown subset of docs/protocol.md ("Message text"), shared by the widget and the
// dashboard. segments() must agree with the server's MessageMarkdown (shared cases in markdown-cases.json); render()
// builds nodes with createElement and textContent only, so no text is ever parsed as HTML.

const WORD = /[A-Za-z0-9]/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const HOST = LABEL + '(?:\\.' + LABEL + ')*';
const CHARS = "(?:[A-Za-z0-9\\-._~:/?@!$&'*+,;=]|%[0-9A-Fa-f]{2})*";
const WEB = new RegExp('^https?://(' + HOST + ')(?::([0-9]{1,5}))?(?:[/?]' + CHARS + ')?(?:#' + CHARS + ')?$', 'i');
const MAIL = new RegExp("^mailto:[A-Za-z0-9._%+-]+@(" + HOST + ')(?:\\?' + CHARS + ')?$', 'i');
const BARE = /^https?:\/\//i;
const URL_CHAR = /[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/;
const TRAILING = /[.,:;!?']/;

// Only absolute http, https and mailto links, of plain ASCII, with no user info and no punycode (look-alike) labels,
// which both our pattern and the browser's URL parser accept.
export const safeHref = (url) => {
  const m = WEB.exec(url) || MAIL.exec(url);
  if (!m || /(^|\.)xn--/i.test(m[1]) || (m[2] && +m[2] > 65535)) return null;
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
};

const isSpace = (c) => {
  const n = c.charCodeAt(0);
  return n <= 0x20 || (n >= 0x7f && n <= 0xa0) || n === 0x1680 || (n >= 0x2000 && n <= 0x200f)
    || (n >= 0x2028 && n <= 0x202f) || (n >= 0x205f && n <= 0x206f) || n === 0x3000 || n === 0xfeff;
};

// `**bold**`, `*italic*`, `_italic_` at i: the first closing delimiter on the line, around text that neither starts
// nor ends with space, and not inside a word.
const emphasis = (s, i) => {
  const d = s.startsWith('**', i) ? '**' : s[i];
  const from = i + d.length;
  const j = s.indexOf(d, from);
  if (j <= from || (i > 0 && WORD.test(s[i - 1]))) return null;
  const inner = s.slice(from, j);
  if (inner.includes('\n') || isSpace(inner[0]) || isSpace(inner[inner.length - 1])) return null;
  if (j + d.length < s.length && WORD.test(s[j + d.length])) return null;
  return [{ kind: d === '**' ? 'bold' : 'italic', text: inner }, j + d.length];
};

const code = (s, i) => {
  const j = s.indexOf('`', i + 1);
  const inner = s.slice(i + 1, j);
  return j > i + 1 && !inner.includes('\n') ? [{ kind: 'code', text: inner }, j + 1] : null;
};

const link = (s, i) => {
  const j = s.indexOf(']', i + 1);
  const label = s.slice(i + 1, j);
  if (j <= i + 1 || /[[\n]/.test(label) || s[j + 1] !== '(') return null;
  const k = s.indexOf(')', j + 2);
  const href = k < 0 ? null : safeHref(s.slice(j + 2, k));
  return href ? [{ kind: 'link', text: label, href }, k + 1] : null;
};

const bare = (s, i) => {
  if (!BARE.test(s.slice(i, i + 8)) || (i > 0 && WORD.test(s[i - 1]))) return null;
  let j = i;
  while (j < s.length && URL_CHAR.test(s[j])) j++;
  while (j > i && TRAILING.test(s[j - 1])) j--;
  const href = safeHref(s.slice(i, j));
  return href ? [{ kind: 'link', text: href, href }, j] : null;
};

const RULES = { '*': emphasis, _: emphasis, '`': code, '[': link, h: bare, H: bare };

// The text as a list of segments: {kind: text|bold|italic|code|link|break, text?, href?}. Whatever does not form
// markup stays text, character for character.
export const segments = (input) => {
  const s = input.replace(/\r\n?/g, '\n');
  const out = [];
  let plain = '';
  const push = (segment) => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
    out.push(segment);
  };
  for (let i = 0; i < s.length;) {
    if (s[i] === '\n') {
      push({ kind: 'break' });
      i++;
      continue;
    }
    const rule = RULES[s[i]];
    const found = rule && rule(s, i);
    if (found) {
      push(found[0]);
      i = found[1];
    } else plain += s[i++];
  }
  if (plain) out.push({ kind: 'text', text: plain });
  return out;
};

const TAGS = { bold: 'strong', italic: 'em', code: 'code', link: 'a', break: 'br' };

// Appends the rendered text to parent.
export const render = (parent, text) => {
  for (const seg of segments(text)) {
    if (seg.kind === 'text') {
      parent.append(seg.text);
      continue;
    }
    const node = document.createElement(TAGS[seg.kind]);
    if (seg.text) node.textContent = seg.text;
    if (seg.href) {
      node.setAttribute('href', seg.href);
      node.setAttribute('rel', 'noopener noreferrer nofollow');
      node.setAttribute('target', '_blank');
    }
    parent.append(node);
  }
};
