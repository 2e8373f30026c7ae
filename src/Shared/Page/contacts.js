// The contacts list the coordinator keeps per report definition (/app/contacten/{name}): per ministry its contacts
// by escalation level and the senders whose replies count. Add, change, remove; each save sends the version it
// started from (If-Match), so an edit by someone else meanwhile is refused and shown, never overwritten. Errors
// from the server are put next to the field they are about.

import { $, h, formatDate, confirmAction, announce } from './dom.js';
import { api } from './api.js';
import { fillDefinitionSelect } from './definitions.js';
import { navigate } from './router.js';

let current = null; // { name, data }

const FIELD_NAMES = { level: 'niveau', name: 'naam', email: 'e-mailadres' };

/** A server error key ("contacts[1].email", "allowedSenders[0]") in words. */
function fieldLabel(key) {
  const contact = /^contacts\[(\d+)\]\.?(\w+)?$/.exec(key);
  if (contact) return `Contactpersoon ${Number(contact[1]) + 1}${contact[2] ? `, ${FIELD_NAMES[contact[2]] || contact[2]}` : ''}`;
  if (key.startsWith('allowedSenders')) return 'Antwoorden accepteren van';
  if (key === 'contacts') return 'Contactpersonen';
  return key;
}

function contactRow(code, contact, i, onRemove) {
  const id = (f) => `c-${code}-${i}-${f}`;
  return h('fieldset', { className: 'contact', 'data-index': i },
    h('legend', {}, `Contactpersoon ${i + 1}`),
    h('div', { className: 'field' }, h('label', { for: id('level') }, 'Niveau *'),
      h('input', { id: id('level'), name: 'level', type: 'number', min: 0, max: 9, inputmode: 'numeric', value: contact.level ?? '',
        'data-field': `contacts[${i}].level`, 'aria-describedby': `c-${code}-niveau-hint` })),
    h('div', { className: 'field' }, h('label', { for: id('name') }, 'Naam of functie'),
      h('input', { id: id('name'), name: 'name', value: contact.name || '', autocomplete: 'off', 'data-field': `contacts[${i}].name` })),
    h('div', { className: 'field' }, h('label', { for: id('email') }, 'E-mailadres *'),
      h('input', { id: id('email'), name: 'email', type: 'email', value: contact.email || '', autocomplete: 'off', 'data-field': `contacts[${i}].email` })),
    h('button', { type: 'button', className: 'secondary', onclick: onRemove }, `Contactpersoon ${i + 1} verwijderen`));
}

/** What the form holds now: contacts (rows) and allowed senders (split on commas, semicolons, spaces, lines). */
function readForm(form) {
  const contacts = [...form.querySelectorAll('fieldset.contact')].map((row) => {
    const level = row.querySelector('[name=level]').value.trim();
    return { level: level === '' ? null : Number(level), name: row.querySelector('[name=name]').value.trim() || null, email: row.querySelector('[name=email]').value.trim() };
  });
  const allowedSenders = form.querySelector('[name=allowedSenders]').value.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
  return { contacts, allowedSenders };
}

function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const hint = (el.getAttribute('aria-describedby') || '').split(' ').filter((d) => !d.endsWith('-fout')).join(' ');
    if (hint) el.setAttribute('aria-describedby', hint); else el.removeAttribute('aria-describedby');
  }
  form.querySelector('.result').replaceChildren();
  form.querySelector('.result').classList.remove('refused');
}

/** Puts each field's message next to it (and in the summary), and focuses the first bad field. */
function showErrors(form, problem) {
  const box = form.querySelector('.result');
  box.classList.add('refused');
  box.append(h('strong', {}, 'Niet opgeslagen: '), problem.detail || problem.title || 'onbekende fout');
  const errors = problem.errors || {};
  const list = h('ul');
  let first = null;
  for (const [key, messages] of Object.entries(errors)) {
    const text = [].concat(messages).join(' ');
    list.append(h('li', {}, `${fieldLabel(key)}: ${text}`));
    const field = form.querySelector(`[data-field="${CSS.escape(key)}"]`) || (key.startsWith('allowedSenders') ? form.querySelector('[data-field=allowedSenders]') : null);
    if (!field) continue;
    const errorId = `${field.id}-fout`;
    if (!document.getElementById(errorId)) field.closest('.field').append(h('p', { className: 'field-error', id: errorId }, text));
    else document.getElementById(errorId).append(` ${text}`);
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), errorId].filter(Boolean).join(' '));
    if (!first) first = field;
  }
  if (list.childElementCount) box.append(list);
  (first || box).focus?.();
}

function ministrySection(definition, m) {
  const code = m.code;
  const entry = m.entry;
  const titleId = `c-${code}-titel`;
  const rows = h('div', { className: 'contacts' });
  const form = h('form', { novalidate: true, 'data-ministry': code });
  let contacts = entry ? entry.contacts.map((c) => ({ ...c })) : [{ level: 0, name: '', email: '' }];

  const renderRows = () => {
    rows.replaceChildren(...contacts.map((c, i) => contactRow(code, c, i, () => {
      contacts = readForm(form).contacts;
      contacts.splice(i, 1);
      renderRows();
      announce(`Contactpersoon ${i + 1} weggehaald; sla op om de wijziging te bewaren.`);
    })));
  };
  renderRows();

  const senders = h('textarea', { id: `c-${code}-senders`, name: 'allowedSenders', rows: 2, 'data-field': 'allowedSenders', 'aria-describedby': `c-${code}-senders-hint` },
    entry ? entry.allowedSenders.join(', ') : '');
  const add = h('button', { type: 'button', className: 'secondary', onclick: () => {
    contacts = readForm(form).contacts;
    const used = new Set(contacts.map((c) => c.level));
    let level = 0;
    while (used.has(level)) level++;
    contacts.push({ level, name: '', email: '' });
    renderRows();
    $(`c-${code}-${contacts.length - 1}-email`).focus();
  } }, 'Contactpersoon toevoegen');
  const remove = entry ? h('button', { type: 'button', className: 'danger', onclick: async () => {
    if (!(await confirmAction(`${code} uit de contactenlijst halen? Nieuwe rondes kunnen dan pas starten als ${code} er weer in staat; lopende rondes houden hun contacten.`, 'Ja, weghalen'))) return;
    clearErrors(form);
    const result = await api('DELETE', `/api/definitions/${encodeURIComponent(definition)}/contacts/${encodeURIComponent(code)}`, undefined, { 'If-Match': entry.etag });
    if (!result.ok) { conflict(form, result); return; }
    announce(`${code} is uit de contactenlijst gehaald.`);
    await load(definition);
  } }, 'Uit de lijst halen…') : null;

  form.append(
    h('p', { className: 'hint', id: `c-${code}-niveau-hint` }, 'Niveau 0 ontvangt het verzoek en de herinneringen; niveau 1, 2, … de escalaties na de deadline.'),
    rows, add,
    h('div', { className: 'field' }, h('label', { for: senders.id }, 'Antwoorden accepteren van *'), senders,
      h('p', { className: 'hint', id: `c-${code}-senders-hint` }, "E-mailadressen of domeinen, gescheiden door komma's, bijvoorbeeld minszw.nl.")),
    h('div', { className: 'buttons' }, h('button', { type: 'submit' }, `Contacten van ${code} opslaan…`), remove),
    h('div', { className: 'result', role: 'status', 'aria-live': 'polite', tabindex: '-1' }));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = readForm(form);
    if (!(await confirmAction(`De contacten van ${code} opslaan? Nieuwe rondes gebruiken ze; lopende rondes houden hun contacten.`, 'Ja, opslaan'))) return;
    const result = await api('PUT', `/api/definitions/${encodeURIComponent(definition)}/contacts/${encodeURIComponent(code)}`, body,
      entry ? { 'If-Match': entry.etag } : undefined);
    if (!result.ok) {
      if (result.status === 409) conflict(form, result);
      else showErrors(form, result.problem);
      return;
    }
    announce(`De contacten van ${code} zijn opgeslagen.`);
    await load(definition, code);
  });

  const status = entry
    ? `In de lijst; laatst gewijzigd door ${entry.changedByLabel || entry.changedBy || 'onbekend'} op ${formatDate(entry.changedAt)}.`
    : 'Nog niet in de lijst.';
  return h('section', { className: 'ministry card', 'data-ministry': code, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, `${code} – ${m.name}`),
    h('p', { className: 'hint' }, m.pillars.length ? `Schrijft pijler ${m.pillars.join(', ')}. ` : 'Schrijft geen pijler. ', h('span', { className: 'entry-status' }, status)),
    form);
}

/** Someone else changed or removed this ministry's entry: say so, and offer the list as it is now. */
function conflict(form, result) {
  const box = form.querySelector('.result');
  box.replaceChildren(h('strong', {}, 'Niet opgeslagen: '), result.problem.detail || result.problem.title,
    ' ', h('button', { type: 'button', className: 'secondary', onclick: () => load(current.name) }, 'Lijst opnieuw laden'));
  box.classList.add('refused');
  box.focus();
}

async function load(name, saved) {
  const result = await api('GET', `/api/definitions/${encodeURIComponent(name)}/contacts`);
  if (!current || current.name !== name) return;
  if (!result.ok) {
    $('contacten-status').textContent = result.problem.detail || result.problem.title;
    $('contacten-lijst').replaceChildren();
    return;
  }
  current.data = result.data;
  const data = result.data;
  const inList = data.ministries.filter((m) => m.entry).length;
  $('contacten-status').textContent = data.listInUse
    ? `${inList} van ${data.ministries.length} ministeries staan in de lijst. Een ronde kan pas starten als elk ministerie dat een pijler schrijft erin staat.`
    : 'De lijst is nog leeg: tot er één ministerie in staat, gebruiken nieuwe rondes de voorbeeldcontacten uit de definitie.';
  $('contacten-lijst').replaceChildren(...data.ministries.map((m) => ministrySection(name, m)));
  if (saved) {
    const result2 = document.querySelector(`#contacten-lijst form[data-ministry="${CSS.escape(saved)}"] .result`);
    if (result2) result2.replaceChildren('Opgeslagen.');
  }
}

export async function openContacts(name) {
  const select = $('contacten-definitie');
  const chosen = await fillDefinitionSelect(select, name);
  if (!name && chosen) { history.replaceState(null, '', `/app/contacten/${encodeURIComponent(chosen)}`); }
  const definition = name || chosen;
  if (!definition) return;
  current = { name: definition, data: null };
  document.title = `Contactpersonen ${definition} – Migratieagenda`;
  $('contacten-lijst').replaceChildren();
  $('contacten-status').textContent = 'Bezig met laden…';
  await load(definition);
}

export function initContacts() {
  $('contacten-definitie').addEventListener('change', (e) => navigate(`/app/contacten/${encodeURIComponent(e.target.value)}`));
}
