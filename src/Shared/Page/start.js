// Starting a round: the form, its schedule presets, and the confirmation before every ministry is mailed.

import { $, formatDate, confirmAction, showResult, showLocal, checkRequired } from './dom.js';
import { api } from './api.js';
import { navigate } from './router.js';
import { fillDefinitionSelect } from './definitions.js';
import { previewContacts, startRefusal } from './preview.js';

const PRESETS = {
  standaard: { workingDays: true, reminders: ['P7D', 'P2D'], escalations: ['P1D', 'P3D'], cutOff: 'P5D', approvalTimeout: 'P3D', approvalReminders: 3, reopenPeriod: 'P5D' },
  demo: { reminders: ['PT40S', 'PT20S'], escalations: ['PT10S', 'PT20S'], cutOff: 'PT30S', approvalTimeout: 'PT2M', approvalReminders: 1, reopenPeriod: 'PT2M' },
};

export function prepareStartForm() {
  const year = $('start-year');
  if (!year.value) year.value = String(new Date().getFullYear() + 1);
  fillDefinitionSelect($('start-definition')).then((name) => previewContacts(name));
}

export function initStart() {
  // The demo schedule counts in seconds: offer a deadline a few minutes ahead when none is chosen yet.
  $('start-preset-demo').addEventListener('change', () => {
    const field = $('start-deadline');
    if (field.value) return;
    const d = new Date(Date.now() + 5 * 60 * 1000);
    const pad = (n) => String(n).padStart(2, '0');
    field.value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });

  $('start-definition').addEventListener('change', (e) => previewContacts(e.target.value));

  $('start-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (checkRequired(form)) return;
    const preset = form.querySelector('input[name=preset]:checked').value;
    const roundId = $('start-roundId').value.trim();
    const deadline = new Date($('start-deadline').value);
    if (Number.isNaN(deadline.getTime())) { showLocal(form, 'de deadline is geen geldige datum.'); return; }
    const refusal = startRefusal();
    if (refusal) { showLocal(form, refusal); return; }
    const ok = await confirmAction(`Ronde ${roundId} starten met deadline ${formatDate(deadline)}? Alle ministeries krijgen dan direct een verzoek per e-mail.`, 'Ja, starten');
    if (!ok) return;
    const spec = {
      roundId, year: Number($('start-year').value), definitionName: $('start-definition').value,
      deadline: deadline.toISOString(), schedule: PRESETS[preset], approver: { email: $('start-approver').value.trim() },
    };
    const reference = $('start-reference').value.trim();
    if (reference) spec.reference = reference;
    const result = await api('POST', '/api/rounds', spec);
    showResult(form, result, `Ronde ${roundId} is gestart.`);
    if (result.ok) navigate(`/app/rondes/${encodeURIComponent(roundId)}`);
  });
}
