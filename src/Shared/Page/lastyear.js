// "Neem de tekst van vorig jaar over": under a "geen wijzigingen" note in a round that follows last year's, one click
// (confirmed first) stores last year's final text of the unchanged pillars as this year's text of that ministry.
// Never done automatically: the coordinator decides that "geen wijzigingen" really means the old text still holds.

import { h, confirmAction, showResult } from './dom.js';
import { api } from './api.js';

/** Whether a note may take last year's text over: a "geen wijzigingen" note, not yet counted or taken over, in an open round that follows one. */
export function canAdopt(view, n, open) {
  return open && !!view.previousRoundId && n.kind === 'note' && n.noChanges && !n.countedPillar && !(n.adoptedPillars || []).length;
}

/** "Tekst van vorig jaar overgenomen voor pijler 5, 6." once done. */
export function adoptedLine(n) {
  const pillars = n.adoptedPillars || [];
  return pillars.length ? h('p', { className: 'counted' }, `Tekst van vorig jaar overgenomen voor pijler ${pillars.join(', ')}.`) : null;
}

export function adoptForm(view, n, refresh) {
  const ministry = (view.ministries || []).find((m) => m.ministry === n.ministry);
  const pillars = (n.unchangedPillars || []).length ? n.unchangedPillars : (ministry ? ministry.pillars.map((p) => p.pillar) : []);
  const form = h('form', { novalidate: true, className: 'adopt', 'data-note': n.id },
    h('button', { type: 'submit' }, 'Neem de tekst van vorig jaar over…'),
    h('div', { className: 'result', role: 'status', 'aria-live': 'polite' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ok = await confirmAction(`De tekst van vorig jaar van ${n.ministry} overnemen voor pijler ${pillars.join(', ')}? Die tekst komt dan in de brief en ${n.ministry} krijgt voor die pijlers geen herinneringen meer.`, 'Ja, neem over');
    if (!ok) return;
    const result = await api('POST', `/api/rounds/${encodeURIComponent(view.roundId)}/notes/${encodeURIComponent(n.id)}/adopt`, { pillars });
    showResult(form, result, `Tekst van vorig jaar overgenomen voor pijler ${pillars.join(', ')}.`);
    if (result.ok) refresh();
  });
  return form;
}
