// The round's mail that is not letter text: automatic replies ("SZW: afwezig tot en met …", so the coordinator knows
// to turn to a deputy) and notes ("dank, volgt vrijdag", "geen wijzigingen", a question), each note with its one
// action: "tel mee als bijdrage voor pijler N". Covering notes are shown with the contribution they came with; replies
// to a draft that were no decision (or came with one) as "Reactie op concept N", with their reason.
// Rebuilt only when the data changes, so a pillar being chosen stays chosen while the page polls.

import { $, h, formatDate, confirmAction, showResult, checkRequired } from './dom.js';
import { api } from './api.js';
import { canAdopt, adoptedLine, adoptForm } from './lastyear.js';

let shown = { round: null, automatic: null, notes: null };

/** Forgets what is on screen (another round was opened). */
export function resetNotes() {
  shown = { round: null, automatic: null, notes: null };
  $('afwezig').replaceChildren();
  $('notities').replaceChildren();
}

/** Shows the round's automatic replies and notes; <paramref name="refresh"/> reloads the round after a count. */
export function renderNotes(view, refresh) {
  const open = !['Approved', 'Cancelled', 'Failed'].includes(view.phase) && view.runtimeStatus !== 'Completed';
  const automatic = view.automaticReplies || [];
  const notes = view.notes || [];
  const automaticKey = JSON.stringify(automatic);
  const notesKey = JSON.stringify([notes, open]);
  if (shown.round !== view.roundId) shown = { round: view.roundId, automatic: null, notes: null };

  if (shown.automatic !== automaticKey) {
    shown.automatic = automaticKey;
    $('afwezig-leeg').hidden = automatic.length > 0;
    $('afwezig').replaceChildren(...automatic.map((a) => h('li', { 'data-automatic': a.id, 'data-kind': a.kind },
      h('strong', {}, `${a.ministry || 'Goedkeurder'}: `), a.label,
      h('small', {}, ` (automatisch antwoord${a.from ? ` van ${a.from}` : ''}, ontvangen ${formatDate(a.receivedAt)})`))));
  }

  if (shown.notes !== notesKey) {
    shown.notes = notesKey;
    $('notities-leeg').hidden = notes.length > 0;
    $('notities').replaceChildren(...notes.map((n, i) => noteCard(view, n, i, open, refresh)));
  }
}

function noteCard(view, n, i, open, refresh) {
  const pillars = n.unchangedPillars || [];
  return h('li', { 'data-note': n.id, 'data-kind': n.kind },
    h('h4', {}, n.kind === 'covering'
      ? `${n.ministry}: begeleidende tekst bij ${n.forwarded ? 'een doorgestuurde' : 'de'} bijdrage`
      : n.kind === 'approval' ? `Reactie op concept ${n.draft ?? '?'}: notitie` : `${n.ministry}: notitie`),
    h('p', {}, h('strong', {}, 'Van: '), n.from || 'onbekend', ', ', formatDate(n.receivedAt)),
    h('p', {}, h('strong', {}, 'Onderwerp: '), n.subject || '(geen)'),
    n.noChanges ? h('p', { className: 'flag' }, `Geen wijzigingen ten opzichte van vorig jaar${pillars.length ? ` (pijler ${pillars.join(', ')})` : ''}.`) : null,
    h('p', {}, h('strong', {}, 'Waarom een notitie: '), n.reason || 'onbekend'),
    h('div', { className: 'text' }, n.text),
    n.kind === 'covering' && n.versions ? h('p', {}, `Hoort bij de bijdrage ${versionsText(n.versions)}.`) : null,
    n.countedPillar ? h('p', { className: 'counted' }, `Meegeteld als bijdrage voor pijler ${n.countedPillar}${n.versions ? ` (${versionsText(n.versions)})` : ''}.`) : null,
    adoptedLine(n),
    canAdopt(view, n, open) ? adoptForm(view, n, refresh) : null,
    n.kind === 'note' && !n.countedPillar && !(n.adoptedPillars || []).length && open ? countForm(view, n, i, refresh) : null);
}

/** "5:2,6:1" → "pijler 5 versie 2, pijler 6 versie 1". */
function versionsText(versions) {
  return versions.split(',').filter(Boolean).map((v) => {
    const [pillar, version] = v.split(':');
    return `pijler ${pillar} versie ${version}`;
  }).join(', ');
}

/** "Tel mee als bijdrage voor pijler N": the ministry's own pillars to choose from, confirmed first. */
function countForm(view, n, i, refresh) {
  const ministry = (view.ministries || []).find((m) => m.ministry === n.ministry);
  const pillar = h('select', { id: `n${i}-pillar`, required: true },
    h('option', { value: '' }, 'Kies een pijler'),
    (ministry ? ministry.pillars : []).map((p) => h('option', { value: p.pillar }, `Pijler ${p.pillar}: ${p.title}`)));
  const form = h('form', { novalidate: true, className: 'count', 'data-note': n.id },
    h('div', { className: 'field' }, h('label', { for: pillar.id }, 'Tel mee als bijdrage voor pijler *'), pillar),
    h('button', { type: 'submit' }, 'Tel mee…'),
    h('div', { className: 'result', role: 'status', 'aria-live': 'polite' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (checkRequired(form)) return;
    const ok = await confirmAction(`De notitie van ${n.ministry} meetellen als bijdrage voor pijler ${pillar.value}? De tekst komt dan in de brief en ${n.ministry} krijgt voor die pijler geen herinneringen meer.`, 'Ja, tel mee');
    if (!ok) return;
    const result = await api('POST', `/api/rounds/${encodeURIComponent(view.roundId)}/notes/${encodeURIComponent(n.id)}/count`, { pillar: Number(pillar.value) });
    showResult(form, result, `Meegeteld als bijdrage voor pijler ${pillar.value}.`);
    if (result.ok) refresh();
  });
  return form;
}
