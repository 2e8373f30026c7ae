// Mail received for the round (the status API's messages), grouped by outcome with each message's Dutch reason:
// contributions, notes and automatic replies, quarantined mail. Whatever outcomes the API returns are shown; a
// label the API sends (outcomeLabel) wins over the page's own.

import { $, h, formatDate } from './dom.js';

const LABELS = {
  accepted: 'Verwerkt als bijdrage', released: 'Vrijgegeven als bijdrage', quarantined: 'In quarantaine',
  note: 'Notities', noted: 'Notities', automatic: 'Automatische antwoorden', autoreply: 'Automatische antwoorden',
  duplicate: 'Dubbel ontvangen', received: 'Ontvangen, nog in behandeling', bounced: 'Onbestelbaar',
  decision: 'Besluiten van de goedkeurder per e-mail',
};
const ORDER = ['decision', 'accepted', 'released', 'note', 'noted', 'automatic', 'autoreply', 'quarantined', 'bounced', 'duplicate', 'received'];

let shown = null;

export function resetMessages() {
  shown = null;
  $('berichten').replaceChildren();
  $('berichten-leeg').hidden = false;
}

export function renderMessages(view) {
  const messages = view.messages || [];
  const key = JSON.stringify(messages);
  if (key === shown) return;
  shown = key;
  $('berichten-leeg').hidden = messages.length > 0;
  const groups = new Map();
  for (const m of messages) {
    if (!groups.has(m.outcome)) groups.set(m.outcome, []);
    groups.get(m.outcome).push(m);
  }
  const rank = (o) => (ORDER.includes(o) ? ORDER.indexOf(o) : ORDER.length);
  const outcomes = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
  $('berichten').replaceChildren(...outcomes.map((outcome) => {
    const list = groups.get(outcome);
    const label = list.find((m) => m.outcomeLabel)?.outcomeLabel || LABELS[outcome] || outcome;
    const id = `berichten-${String(outcome).replace(/[^a-z0-9]/gi, '')}`;
    return h('section', { className: 'group', 'data-outcome': outcome, 'aria-labelledby': id },
      h('h3', { id }, `${label} (${list.length})`),
      h('ul', { className: 'cards compact' }, list.map((m) => h('li', { 'data-message': m.id },
        h('p', {}, h('strong', {}, formatDate(m.receivedAt)), ` – van ${m.from || 'onbekend'}${m.ministry ? ` (${m.ministry})` : ''}`),
        m.subject ? h('p', {}, h('strong', {}, 'Onderwerp: '), m.subject) : null,
        m.reason ? h('p', {}, h('strong', {}, 'Reden: '), m.reason) : null))));
  }));
}
