// The start form's preview of the contacts a new round takes (GET /api/definitions/{name}/contacts, "atStart"):
// per ministry who receives the request and the escalations, and from where; a ministry without any stops the start.

import { $, h } from './dom.js';
import { api } from './api.js';

let state = null; // { name, list } for the definition shown

const levelText = (c) => `${c.email}${c.name ? ` (${c.name})` : ''}`;

export async function previewContacts(name) {
  state = { name, list: null };
  $('start-contacten-link').href = `/app/contacten/${encodeURIComponent(name)}`;
  $('start-contacten-leeg').hidden = false;
  $('start-contacten-leeg').textContent = 'Bezig met laden…';
  $('start-contacten-lijst').replaceChildren();
  const result = await api('GET', `/api/definitions/${encodeURIComponent(name)}/contacts`);
  if (!state || state.name !== name) return;
  if (!result.ok) {
    $('start-contacten-leeg').textContent = `De contactenlijst kon niet worden geladen: ${result.problem.detail || result.problem.title}`;
    return;
  }
  state.list = result.data;
  const ministries = (result.data.ministries || []).filter((m) => (m.pillars || []).length > 0);
  $('start-contacten-leeg').hidden = true;
  $('start-contacten-lijst').replaceChildren(...ministries.map((m) => {
    const start = m.atStart || {};
    const contacts = [...(start.contacts || [])].sort((a, b) => a.level - b.level);
    const first = contacts.find((c) => c.level === 0);
    const escalations = contacts.filter((c) => c.level > 0);
    return h('li', { 'data-ministry': m.code, 'data-origin': start.origin, className: start.origin === 'None' ? 'missing' : null },
      h('p', {}, h('strong', {}, `${m.code} – ${m.name}`), ` (pijler ${m.pillars.join(', ')})`),
      first ? h('p', {}, 'Verzoek aan: ', levelText(first)) : h('p', { className: 'error' }, 'Geen contactpersoon: voeg er een toe in de contactenlijst.'),
      escalations.length ? h('p', {}, 'Escalaties: ', escalations.map((c) => `niveau ${c.level} ${levelText(c)}`).join('; ')) : null,
      start.origin !== 'None' ? h('p', { className: 'hint' }, start.originLabel || '') : null);
  }));
}

/** Why the form may not start a round with these contacts (a Dutch sentence), or null. */
export function startRefusal() {
  if (!state || !state.list) return 'de contactpersonen zijn nog niet geladen; probeer het zo opnieuw.';
  const none = (state.list.ministries || []).filter((m) => (m.pillars || []).length > 0 && m.atStart && m.atStart.origin === 'None').map((m) => m.code);
  return none.length
    ? `voor ${none.join(', ')} staat niemand in de contactenlijst. Voeg eerst een contactpersoon toe (Contacten); zonder ontvanger kan er geen verzoek uit.`
    : null;
}
