// One round: facts, the ministry × pillar matrix, which actions fit the phase, the letter, the received texts,
// the quarantine and the timeline. Polled; each part is rebuilt only when its data changed, so nothing the
// coordinator is typing or choosing is reset.

import { $, h, formatDate, timeLeft, announce } from './dom.js';
import { api } from './api.js';
import { releaseForm } from './commands.js';
import { renderMailEvents } from './mailevents.js';
import { renderReview, resetReview } from './review.js';
import { renderMessages, resetMessages } from './messages.js';
import { renderAuditLinks } from './auditlog.js';
import { renderNotes, resetNotes } from './notes.js';

const FINISHED = new Set(['Approved', 'Cancelled', 'Failed']);
const OUTCOMES = { accepted: 'geaccepteerd', quarantined: 'in quarantaine', released: 'vrijgegeven', received: 'ontvangen', duplicate: 'dubbel', note: 'notitie', automatic: 'automatisch antwoord' };

let current = null; // { roundId, view, keys }

/** The round on screen: { roundId, view } (view is the last status the API gave). */
export const currentRound = () => current;

export function openRound(roundId) {
  $('ronde-titel').textContent = `Ronde ${roundId}`;
  if (!current || current.roundId !== roundId) {
    current = { roundId, view: null, keys: {} };
    for (const form of document.querySelectorAll('#ronde form')) {
      form.reset();
      form.querySelector('.result').replaceChildren();
    }
    $('reopen-ministry').replaceChildren();
    $('reopen-pillars').replaceChildren();
    $('matrix').tHead.replaceChildren();
    $('matrix').tBodies[0].replaceChildren();
    $('tijdlijn').replaceChildren();
    $('teksten').replaceChildren();
    $('quarantaine').replaceChildren();
    $('ronde-feiten').replaceChildren();
    resetReview();
    resetMessages();
    resetNotes();
  }
  refreshRound();
}

export async function refreshRound() {
  const round = current;
  const result = await api('GET', `/api/rounds/${encodeURIComponent(round.roundId)}`);
  if (round !== current) return;
  const error = $('ronde-fout');
  if (!result.ok) {
    error.hidden = false;
    error.textContent = result.status === 404 ? (result.problem.detail || 'Deze ronde bestaat niet.') : `Bijwerken mislukt: ${result.problem.detail || result.problem.title}`;
    return;
  }
  error.hidden = true;
  const view = result.data;
  const before = round.view;
  round.view = view;
  renderFacts(view);
  renderMatrix(view);
  renderMailEvents(view);
  renderActions(view, before);
  renderLetter(view);
  renderTimeline(view);
  renderReview(view);
  renderMessages(view);
  renderAuditLinks(view);
  renderNotes(view, refreshRound);
  await Promise.all([refreshContributions(view), refreshQuarantine(view)]);
}

function changed(key, value) {
  const json = JSON.stringify(value);
  if (current.keys[key] === json) return false;
  current.keys[key] = json;
  return true;
}

function renderFacts(view) {
  const left = timeLeft(view.deadline, view.phase);
  const rows = [
    ['Fase', h('span', { className: 'phase', 'data-phase': view.phase }, view.phaseLabel || view.phase)],
    ['Deadline', [formatDate(view.deadline), left ? ' (' : null, left, left ? ')' : null]],
    ['Sluiting', formatDate(view.cutOffAt)],
    ['Definitie en jaar', `${view.definition || '–'} ${view.year || ''}`],
    ['Herinneringen verstuurd', String(view.remindersSent || 0)],
    ['Concepten', String(view.drafts || 0)],
    ['Bijgewerkt', formatDate(new Date(), true)],
  ];
  if (view.failureMessage) rows.push(['Fout', view.failureMessage]);
  // The schedule as planned with the working-day calendar: "volgende herinnering: woensdag 24 maart 2027 09:00".
  const afterCutOff = rows.findIndex(([k]) => k === 'Sluiting') + 1;
  if (view.nextStep) rows.splice(afterCutOff, 0, ['Planning', h('span', { id: 'volgende-stap' }, view.nextStep.label)]);
  if (view.deadlineWarning) rows.splice(afterCutOff, 0, ['Let op', h('span', { id: 'deadline-waarschuwing' }, view.deadlineWarning)]);
  if (view.mailDelayedSince) rows.push(['Mail vertraagd', `sinds ${formatDate(view.mailDelayedSince)}; de ronde wacht en verstuurt de mail zodra het weer kan.`]);
  $('ronde-feiten').replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function pillarsOf(view) {
  const map = new Map();
  for (const m of view.ministries || []) for (const p of m.pillars) if (!map.has(p.pillar)) map.set(p.pillar, p.title);
  return [...map.entries()].sort((a, b) => a[0] - b[0]);
}

/** A cell's state: received, owed, late, escalated (level) or missing at cut-off. */
function cellState(view, ministry, pillar) {
  if (pillar.state === 'received')
    return { cls: 's-received', label: 'Ontvangen', detail: `versie ${pillar.version ?? '?'}, ${formatDate(pillar.receivedAt)}` };
  if (view.phase !== 'Collecting' && view.phase !== 'Starting')
    return { cls: 's-missing', label: 'Ontbreekt', detail: 'niet binnen bij de sluiting' };
  if (ministry.escalationLevel > 0)
    return { cls: 's-escalated', label: `Geëscaleerd (niveau ${ministry.escalationLevel})`, detail: ministry.lastEscalationAt ? formatDate(ministry.lastEscalationAt) : null };
  if (new Date(view.deadline).getTime() < Date.now())
    return { cls: 's-late', label: 'Te laat', detail: null };
  return { cls: 's-owed', label: 'Verschuldigd', detail: ministry.reminders ? `${ministry.reminders} herinnering(en)` : null };
}

function renderMatrix(view) {
  const pillars = pillarsOf(view);
  const table = $('matrix');
  if (changed('matrix-head', pillars)) {
    table.tHead.replaceChildren(h('tr', {}, h('th', { scope: 'col' }, 'Ministerie'),
      pillars.map(([n, title]) => h('th', { scope: 'col' }, `Pijler ${n}`, h('br'), h('small', {}, title)))));
  }
  const rows = (view.ministries || []).map((m) => {
    const byPillar = new Map(m.pillars.map((p) => [p.pillar, p]));
    return h('tr', { 'data-ministry': m.ministry },
      h('th', { scope: 'row' }, m.ministry, h('br'), h('small', {}, m.name)),
      pillars.map(([n]) => {
        const p = byPillar.get(n);
        if (!p) return h('td', { className: 's-none' }, h('span', { 'aria-hidden': 'true' }, '—'), h('span', { className: 'sr-only' }, 'niet gevraagd'));
        const s = cellState(view, m, p);
        return h('td', { 'data-pillar': n, 'data-state': s.cls.slice(2) },
          h('span', { className: `state ${s.cls}` }, s.label, s.detail ? h('small', {}, s.detail) : null));
      }));
  });
  table.tBodies[0].replaceChildren(...rows);
}

function renderActions(view, before) {
  const phase = view.phase;
  const finished = FINISHED.has(phase) || ['Completed', 'Terminated', 'Failed'].includes(view.runtimeStatus);
  $('extend-form').hidden = phase !== 'Collecting';
  $('close-form').hidden = phase !== 'Collecting';
  $('approve-form').hidden = phase !== 'Reviewing';
  $('reopen-form').hidden = phase !== 'Reviewing';
  $('cancel-form').hidden = finished;
  $('texts-form').hidden = finished;
  $('resume-form').hidden = phase !== 'Failed';
  $('acties-geen').hidden = !finished || phase === 'Failed';
  $('acties-hint').hidden = finished && phase !== 'Failed';
  // The texts are filled from the round's status once per round; after that polling leaves what the user types alone.
  const textsForm = $('texts-form');
  if (textsForm.dataset.round !== view.roundId) {
    textsForm.dataset.round = view.roundId;
    const texts = view.texts || {};
    for (const name of ['aanleiding', 'context', 'overkoepelend', 'tenSlotte']) $(`texts-${name}`).value = texts[name] || '';
  }
  // The reopen form's choices are filled once per round, so polling never resets what the user picked.
  const select = $('reopen-ministry');
  if (select.options.length === 0 && (view.ministries || []).length > 0) {
    select.append(h('option', { value: '' }, 'Kies een ministerie'), ...view.ministries.map((m) => h('option', { value: m.ministry }, `${m.ministry} – ${m.name}`)));
  }
  if (!before || before.phase !== phase) announce(`Fase: ${view.phaseLabel || phase}.`);
}

function renderLetter(view) {
  const letters = view.letters || [];
  if (!changed('letters', letters)) return;
  $('brief-leeg').hidden = letters.length > 0;
  $('brief').hidden = letters.length === 0;
  const select = $('brief-versie');
  const keep = select.value;
  select.replaceChildren(...letters.map((l) => h('option', { value: l.version },
    l.version === 'final' ? 'Definitief' : `Concept ${l.version.replace('draft-', '')}`)));
  // Show the newest letter unless the user picked another that still exists (new versions show by themselves).
  if (keep && letters.some((l) => l.version === keep) && letters[letters.length - 1].version === current.keys.newestLetter) select.value = keep;
  else if (letters.length) select.value = letters[letters.length - 1].version;
  current.keys.newestLetter = letters.length ? letters[letters.length - 1].version : null;
  showLetter();
}

function showLetter() {
  const letter = (current.view.letters || []).find((l) => l.version === $('brief-versie').value);
  if (!letter) return;
  const name = $('brief-versie').selectedOptions[0].textContent.toLowerCase();
  $('brief-downloads').replaceChildren(
    h('li', {}, h('a', { href: letter.links.docx, download: '' }, `Download ${name} als Word (.docx)`)),
    h('li', {}, h('a', { href: letter.links.html, download: '' }, `Download ${name} als HTML`)),
    h('li', {}, h('a', { href: letter.links.md, download: '' }, `Download ${name} als Markdown`)));
  $('brief-voorbeeld').src = letter.links.html;
  $('brief-voorbeeld').title = `Voorbeeld van de brief (${name})`;
}

/** The audit history (labels in Dutch from the API) and the mail received, newest first. */
function renderTimeline(view) {
  const entries = [
    ...(view.history || []).map((a) => ({ at: a.at, kind: a.actorLabel || a.actor, text: [a.label, a.detail].filter(Boolean).join(': ') })),
    ...(view.messages || []).map((m) => ({
      at: m.receivedAt, kind: `mail van ${m.from || 'onbekend'}`,
      text: [`${OUTCOMES[m.outcome] || m.outcome}${m.ministry ? ` (${m.ministry})` : ''}`, m.subject ? `„${m.subject}”` : null, m.reason].filter(Boolean).join(' – '),
    })),
  ].sort((a, b) => new Date(b.at) - new Date(a.at));
  if (!changed('timeline', entries)) return;
  $('tijdlijn').replaceChildren(...(entries.length ? entries.map((e) => h('li', {},
    h('time', { datetime: e.at }, formatDate(e.at, true)), h('span', { className: 'kind' }, `${e.kind}: `), e.text))
    : [h('li', {}, 'Nog niets gebeurd.')]));
}

async function refreshContributions(view) {
  const key = (view.ministries || []).flatMap((m) => m.pillars.map((p) => `${m.ministry}${p.pillar}v${p.version}`)).join(',');
  if (!changed('contributions', key)) return;
  const result = await api('GET', `/api/rounds/${encodeURIComponent(view.roundId)}/contributions`);
  if (!result.ok || current.view !== view) { current.keys.contributions = null; return; }
  const latest = new Map();
  for (const c of result.data || []) {
    const k = `${c.ministry}|${c.pillar}`;
    if (!latest.has(k) || latest.get(k).version < c.version) latest.set(k, c);
  }
  const items = [...latest.values()].sort((a, b) => a.pillar - b.pillar || a.ministry.localeCompare(b.ministry));
  $('teksten-leeg').hidden = items.length > 0;
  $('teksten').replaceChildren(...items.map((c) => h('details', { 'data-contribution': `${c.ministry}-${c.pillar}` },
    h('summary', {}, `${c.ministry}, pijler ${c.pillar}, versie ${c.version} (${formatDate(c.receivedAt)}, via ${c.source || 'onbekend'})`),
    h('div', { className: 'text' }, c.text),
    (c.footnotes || []).length ? h('ol', { className: 'footnotes', 'aria-label': 'Voetnoten' },
      c.footnotes.map((f) => h('li', {}, `[${f.marker}] ${f.text}`))) : null)));
}

async function refreshQuarantine(view) {
  const result = await api('GET', '/api/inbound/quarantine');
  if (!result.ok || current.view !== view) return;
  const items = (result.data || []).filter((q) => !q.roundId || q.roundId === view.roundId);
  // Rebuilt only when the set of messages changes, so a release form being filled in stays as it is.
  if (!changed('quarantine', items.map((q) => q.id))) return;
  $('quarantaine-leeg').hidden = items.length > 0;
  $('quarantaine').replaceChildren(...items.map((q, i) => h('li', {},
    h('p', {}, h('strong', {}, 'Van: '), q.from || 'onbekend'),
    h('p', {}, h('strong', {}, 'Onderwerp: '), q.subject || '(geen)'),
    h('p', {}, h('strong', {}, 'Ontvangen: '), formatDate(q.receivedAt)),
    h('p', {}, h('strong', {}, 'Reden: '), q.reason || 'onbekend'),
    releaseForm(view, q, i))));
}

export function initRound() {
  $('reopen-ministry').addEventListener('change', (e) => {
    const m = (current.view.ministries || []).find((x) => x.ministry === e.target.value);
    $('reopen-pillars').replaceChildren(...(m ? m.pillars : []).map((p) => h('div', { className: 'choice' },
      h('input', { type: 'checkbox', id: `reopen-pillar-${p.pillar}`, value: p.pillar }),
      h('label', { for: `reopen-pillar-${p.pillar}` }, `Pijler ${p.pillar}: ${p.title}`))));
  });
  $('brief-versie').addEventListener('change', showLetter);
}
