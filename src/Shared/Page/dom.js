// Element building, formatting and the page's own dialog and form messages.
// Every piece of data goes into the page as text (textContent / text nodes), never as HTML.

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'medium' });

export const $ = (id) => document.getElementById(id);

/** Builds an element; string children become text nodes, so data is never parsed as HTML. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'className') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function formatDate(value, seconds) {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900) return '–';
  return (seconds ? dateTimeSeconds : dateTime).format(d);
}

function span(ms) {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 90) return `${s} seconden`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} minuten`;
  const hrs = Math.round(m / 60);
  if (hrs < 48) return `${hrs} uur`;
  return `${Math.round(hrs / 24)} dagen`;
}

/** "nog 3 dagen" or "2 uur te laat" (the second with the class 'overdue'); only while the deadline matters. */
export function timeLeft(deadline, phase) {
  const d = new Date(deadline);
  if (!deadline || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900) return null;
  if (phase && phase !== 'Collecting' && phase !== 'Starting') return null;
  const ms = d.getTime() - Date.now();
  return ms >= 0 ? h('span', {}, `nog ${span(ms)}`) : h('span', { className: 'overdue' }, `${span(ms)} te laat`);
}

/** Says something to screen-reader users without moving focus. */
export function announce(text) {
  let live = $('live');
  if (!live) {
    live = h('div', { id: 'live', className: 'sr-only', role: 'status', 'aria-live': 'polite' });
    document.body.append(live);
  }
  live.textContent = text;
}

/** Asks in the page's own dialog (not window.confirm); resolves true for yes. */
export function confirmAction(text, yes) {
  const dialog = $('bevestig');
  $('bevestig-tekst').textContent = text;
  $('bevestig-ja').textContent = yes || 'Ja, doorgaan';
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ja'), { once: true });
    dialog.showModal();
    $('bevestig-nee').focus();
  });
}

/** Shows an API answer in a form's result area: the problem's detail and each field's errors, as text. */
export function showResult(form, result, successText) {
  const box = form.querySelector('.result');
  box.replaceChildren();
  box.classList.toggle('refused', !result.ok);
  if (result.ok) {
    box.append(successText);
    return;
  }
  const p = result.problem || {};
  box.append(h('strong', {}, 'Geweigerd: '), p.detail || p.title || 'onbekende fout');
  if (p.errors && typeof p.errors === 'object') {
    const list = h('ul');
    for (const [field, messages] of Object.entries(p.errors))
      for (const m of [].concat(messages)) list.append(h('li', {}, `${field}: ${m}`));
    box.append(list);
  }
}

export function showLocal(form, text) {
  const box = form.querySelector('.result');
  box.replaceChildren(h('strong', {}, 'Let op: '), text);
  box.classList.add('refused');
}

/** Marks empty required fields; returns the first one (focused) or null when all are filled. */
export function checkRequired(form) {
  let first = null;
  for (const input of form.querySelectorAll('[required]')) {
    const empty = !input.value || (input.type === 'email' && !input.checkValidity());
    input.setAttribute('aria-invalid', empty ? 'true' : 'false');
    if (empty && !first) first = input;
  }
  if (first) {
    const label = form.querySelector(`label[for="${first.id}"]`);
    showLocal(form, `vul "${label ? label.textContent.replace(' *', '') : first.name}" in.`);
    first.focus();
  }
  return first;
}
