/* Confidant widget loader: a launcher button on the host page; the chat itself runs in an iframe on
   Confidant's origin, out of reach of host-page scripts. */
(() => {
  'use strict';

  const me = document.currentScript;
  const script = me && me.dataset.confidantInbox ? me : document.querySelector('script[data-confidant-inbox]');
  const inbox = script && script.dataset.confidantInbox;
  let origin;
  try {
    origin = new URL(script.src).origin;
  } catch {
    return; // no usable tag
  }
  if (!inbox) return;

  const CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  const CROSS = 'M6 6l12 12M18 6 6 18';
  const BOX = 'margin:0;padding:0;border:0;position:fixed;right:20px;z-index:2147483000;box-shadow:0 6px 24px #0004;';
  let button, icon, frame, loaded, open = false;

  // Through CSSOM (fine under any host CSP); inline !important outranks every host-page rule.
  const css = (el, text) => {
    el.style.cssText += text.replace(/;|$/g, '!important;');
  };
  const attrs = (el, map) => {
    for (const name in map) el.setAttribute(name, map[name]);
    return el;
  };
  // Only ever to Confidant's origin, and only once the chat app is there to hear it.
  const post = (type) => loaded && frame.contentWindow.postMessage({ confidant: type }, origin);

  const setOpen = (value) => {
    open = value;
    if (open && !frame) {
      frame = document.createElement('iframe');
      // referrerpolicy before src: the chat app learns the host origin from document.referrer
      attrs(frame, { id: 'confidant-frame', title: 'Chat', referrerpolicy: 'origin' });
      // the path only, in the fragment: no request carries it
      frame.src = origin + '/widget/frame?inbox=' + encodeURIComponent(inbox) + '#' + location.pathname;
      css(frame, BOX + 'bottom:88px;width:370px;height:560px;max-width:calc(100vw - 40px);'
        + 'max-height:calc(100vh - 104px);border-radius:12px;background:#fff');
      frame.addEventListener('load', () => {
        loaded = true;
        if (open) post('open');
      });
      document.body.appendChild(frame);
      button.setAttribute('aria-controls', frame.id);
    }
    if (frame) css(frame, 'display:' + (open ? 'block' : 'none'));
    button.setAttribute('aria-expanded', open);
    icon.setAttribute('d', open ? CROSS : CHAT);
    if (open) {
      frame.focus();
      post('open');
    }
  };

  const mount = () => {
    if (document.getElementById('confidant-launcher')) return; // the tag is on the page twice
    button = attrs(document.createElement('button'), {
      type: 'button', id: 'confidant-launcher', 'aria-label': 'Open chat', 'aria-expanded': false
    });
    css(button, BOX + 'bottom:20px;width:56px;height:56px;border-radius:50%;background:#2b50d8;color:#fff;'
      + 'display:flex;align-items:center;justify-content:center;cursor:pointer');
    const ns = 'http://www.w3.org/2000/svg';
    const svg = attrs(document.createElementNS(ns, 'svg'), {
      viewBox: '0 0 24 24', width: 26, height: 26, fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'aria-hidden': true
    });
    icon = document.createElementNS(ns, 'path');
    svg.appendChild(icon);
    button.appendChild(svg);
    button.addEventListener('click', () => setOpen(!open));
    document.body.appendChild(button);
    setOpen(false);
  };

  // The chat app may ask to be closed, or, once listening, for the identity token of a visitor signed in on this site
  // (data-confidant-identity, read then; null without one), which goes to our frame on Confidant's origin only.
  // Accepted from our frame, on our origin, in exactly this shape, nothing else.
  addEventListener('message', (event) => {
    const data = event.data;
    if (frame && event.source === frame.contentWindow && event.origin === origin && data && typeof data === 'object'
        && Object.keys(data).length === 1) {
      if (data.confidant === 'close') {
        setOpen(false);
        button.focus();
      }
      if (data.confidant === 'ready') {
        event.source.postMessage({ confidant: 'identity', token: script.dataset.confidantIdentity || null }, origin);
      }
    }
  });

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
