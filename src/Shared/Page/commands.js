// What the coordinator can do to a round: extend, close, approve, reopen, cancel, save the letter's texts and
// release a quarantined message. Each asks first and shows the API's answer (or its refusal) in the form.

import { $, h, formatDate, confirmAction, showResult, showLocal, checkRequired } from './dom.js';
import { api } from './api.js';
import { currentRound, refreshRound } from './round.js';

const COMMANDS = {
  extend: () => {
    const d = new Date($('extend-deadline').value);
    return { body: { deadline: d.toISOString() }, question: `De deadline verlengen tot ${formatDate(d)}?`, done: 'De deadline is verlengd.' };
  },
  close: () => ({ body: {}, question: 'De ronde nu sluiten en de brief samenstellen met wat er binnen is? Ministeries die nog niets stuurden, ontbreken in het concept.', done: 'De ronde wordt gesloten; het concept wordt samengesteld.' }),
  approve: () => ({ body: {}, question: 'Het concept goedkeuren? Het wordt dan de definitieve brief en kan niet meer veranderen.', done: 'Goedgekeurd: de definitieve brief wordt gemaakt.' }),
  reopen: () => {
    const pillars = [...$('reopen-pillars').querySelectorAll('input:checked')].map((c) => Number(c.value));
    const note = $('reopen-note').value.trim();
    return {
      body: { ministry: $('reopen-ministry').value, pillars, note: note || undefined },
      question: `Pijler ${pillars.join(', ')} heropenen voor ${$('reopen-ministry').value}? Het ministerie krijgt een nieuw verzoek en de ronde gaat terug naar verzamelen.`,
      done: 'Heropend: het ministerie krijgt een nieuw verzoek.',
      invalid: pillars.length === 0 ? 'kies ten minste één pijler.' : null,
    };
  },
  cancel: () => ({ body: {}, question: 'De ronde annuleren? Er gaan geen berichten meer uit en dit kan niet ongedaan worden gemaakt.', done: 'De ronde is geannuleerd.' }),
  resume: () => ({ body: {}, question: 'De vastgelopen ronde hervatten? Ze gaat verder waar ze stond: ontvangen bijdragen, verstuurde berichten en concepten blijven, er gaat niets dubbel uit.', done: 'De ronde wordt hervat.' }),
};

export function initCommands() {
  for (const form of document.querySelectorAll('form[data-command]')) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (checkRequired(form)) return;
      const command = form.dataset.command;
      const { body, question, done, invalid } = COMMANDS[command]();
      if (invalid) { showLocal(form, invalid); return; }
      if (!(await confirmAction(question))) return;
      const round = currentRound();
      const result = await api('POST', `/api/rounds/${encodeURIComponent(round.roundId)}/${command}`, body);
      showResult(form, result, done);
      if (result.ok && command === 'reopen') {
        $('reopen-note').value = '';
        for (const c of $('reopen-pillars').querySelectorAll('input:checked')) c.checked = false;
      }
      if (round === currentRound()) refreshRound();
    });
  }

  $('texts-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (!(await confirmAction('De teksten van de coördinator opslaan? Het volgende concept gebruikt ze.'))) return;
    const value = (id) => $(id).value.trim() || null;
    const result = await api('PUT', `/api/rounds/${encodeURIComponent(currentRound().roundId)}/texts`, {
      aanleiding: value('texts-aanleiding'), context: value('texts-context'), overkoepelend: value('texts-overkoepelend'), tenSlotte: value('texts-tenSlotte'),
    });
    showResult(form, result, 'De teksten zijn opgeslagen.');
  });
}

/** The form under a quarantined message: the coordinator picks ministry and pillar and vouches for it. */
export function releaseForm(view, q, i) {
  const ministry = h('select', { id: `q${i}-ministry`, required: true },
    h('option', { value: '' }, 'Kies een ministerie'),
    (view.ministries || []).map((m) => h('option', { value: m.ministry, selected: q.ministry === m.ministry }, `${m.ministry} – ${m.name}`)));
  const pillar = h('select', { id: `q${i}-pillar`, required: true });
  const fillPillars = () => {
    const m = (currentRound().view.ministries || []).find((x) => x.ministry === ministry.value);
    pillar.replaceChildren(h('option', { value: '' }, 'Kies een pijler'), ...(m ? m.pillars : []).map((p) => h('option', { value: p.pillar }, `Pijler ${p.pillar}: ${p.title}`)));
  };
  ministry.addEventListener('change', fillPillars);
  fillPillars();
  const form = h('form', { novalidate: true, 'data-message': q.id },
    h('div', { className: 'field' }, h('label', { for: ministry.id }, 'Ministerie *'), ministry),
    h('div', { className: 'field' }, h('label', { for: pillar.id }, 'Pijler *'), pillar),
    h('button', { type: 'submit' }, 'Vrijgeven…'),
    h('div', { className: 'result', role: 'status', 'aria-live': 'polite' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (checkRequired(form)) return;
    const ok = await confirmAction(`Bericht van ${q.from || 'onbekend'} vrijgeven als bijdrage van ${ministry.value} voor pijler ${pillar.value}?`, 'Ja, vrijgeven');
    if (!ok) return;
    const result = await api('POST', `/api/inbound/quarantine/${encodeURIComponent(q.id)}/release`,
      { roundId: view.roundId, ministry: ministry.value, pillar: Number(pillar.value) });
    showResult(form, result, 'Vrijgegeven: de tekst telt als bijdrage.');
    if (result.ok) refreshRound();
  });
  return form;
}
