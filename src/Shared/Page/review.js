// What the approver needs from the newest draft (the status API's latestDraft): what is missing, the letter's
// warnings (unknown footnote markers, pillars sent that were not asked for), and per pillar the paragraphs added and
// removed since the draft before, as the approval mail lists them but in full.

import { $, h } from './dom.js';

let shown = null;

export function resetReview() {
  shown = null;
  $('concept').hidden = true;
  $('concept-inhoud').replaceChildren();
}

const paragraphs = (n) => (n === 1 ? '1 alinea' : `${n} alinea's`);

function changeBlock(change) {
  const id = `wijziging-${change.pillar}`;
  return h('section', { className: 'change', 'aria-labelledby': id, 'data-pillar': change.pillar },
    h('h4', { id }, `Pijler ${change.pillar} – ${change.title}: ${paragraphs(change.added.length)} toegevoegd, ${change.removed.length} verwijderd`),
    change.added.length ? [h('p', { className: 'sub' }, 'Toegevoegd:'),
      h('ul', { className: 'added' }, change.added.map((p) => h('li', {}, h('span', { className: 'sr-only' }, 'toegevoegd: '), p)))] : null,
    change.removed.length ? [h('p', { className: 'sub' }, 'Verwijderd:'),
      h('ul', { className: 'removed' }, change.removed.map((p) => h('li', {}, h('span', { className: 'sr-only' }, 'verwijderd: '), p)))] : null);
}

export function renderReview(view) {
  const draft = view.latestDraft;
  const key = JSON.stringify(draft || null);
  if (key === shown) return;
  shown = key;
  $('concept').hidden = !draft;
  if (!draft) { $('concept-inhoud').replaceChildren(); return; }
  $('concept-titel').textContent = `Concept ${draft.number}: wat de goedkeurder moet weten`;
  const missing = draft.missing || [];
  const warnings = draft.warnings || [];
  const changes = draft.changes || [];
  $('concept-inhoud').replaceChildren(
    h('h3', {}, 'Ontbreekt in dit concept'),
    missing.length
      ? h('ul', { id: 'concept-ontbreekt' }, missing.map((m) => h('li', {}, `Pijler ${m.pillar} – ${m.title}: ${m.ministry}`)))
      : h('p', { id: 'concept-ontbreekt' }, 'Niets: alle gevraagde bijdragen staan erin.'),
    h('h3', {}, 'Waarschuwingen bij de brief'),
    warnings.length
      ? h('ul', { id: 'concept-waarschuwingen', className: 'warnings' }, warnings.map((w) => h('li', {}, w)))
      : h('p', { id: 'concept-waarschuwingen' }, 'Geen waarschuwingen.'),
    h('h3', {}, draft.number > 1 ? `Wijzigingen sinds concept ${draft.number - 1}` : 'Wijzigingen'),
    h('div', { id: 'concept-wijzigingen' },
      draft.number === 1 ? h('p', {}, 'Dit is het eerste concept; er is nog niets om mee te vergelijken.')
        : changes.length ? changes.map(changeBlock) : h('p', {}, 'Geen wijzigingen in de teksten van de pijlers.')));
}
