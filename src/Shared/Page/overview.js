// The list of rounds: phase, deadline, progress and which letters exist.

import { $, h, formatDate, timeLeft } from './dom.js';
import { api } from './api.js';
import { loadNextStarts } from './nextstarts.js';

export async function loadOverview() {
  loadNextStarts();
  const result = await api('GET', '/api/rounds');
  const tbody = $('rondes').tBodies[0];
  if (!result.ok) {
    tbody.replaceChildren(h('tr', {}, h('td', { colspan: 6, className: 'error' }, (result.problem && result.problem.detail) || 'Laden mislukt.')));
    return;
  }
  const rounds = result.data || [];
  $('overzicht-leeg').hidden = rounds.length > 0;
  $('rondes').hidden = rounds.length === 0;
  tbody.replaceChildren(...rounds.map((r) => {
    const required = r.pillarsRequired || 0;
    const done = Math.min(r.pillarsIn || 0, required);
    const letters = [r.hasDraft ? 'concept' : null, r.hasFinal ? 'definitief' : null].filter(Boolean);
    const left = timeLeft(r.deadline, r.phase);
    return h('tr', { 'data-round': r.roundId },
      h('th', { scope: 'row' }, h('a', { href: `/app/rondes/${encodeURIComponent(r.roundId)}` }, r.roundId)),
      h('td', {}, String(r.year)),
      h('td', {}, h('span', { className: 'phase' }, r.phaseLabel || r.phase)),
      h('td', {}, formatDate(r.deadline), ' ', left ? h('br') : null, left),
      h('td', {}, h('div', { className: 'progress' },
        h('progress', { max: Math.max(required, 1), value: done, 'aria-label': `Voortgang ${r.roundId}: ${done} van ${required} pijlers binnen` }),
        h('span', {}, `${done} van ${required}`))),
      h('td', {}, letters.length ? letters.join(' en ') : 'nog geen'));
  }));
}
