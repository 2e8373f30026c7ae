// Delivery problems SendGrid reported for the round's mail (Event Webhook): undeliverable contacts per ministry
// (the round escalated past them at once), delays and spam reports. Hidden while there are none.

import { $, h, formatDate } from './dom.js';

const KINDS = { Request: 'verzoek', Reminder: 'herinnering', Escalation: 'escalatie', DraftForApproval: 'concept ter goedkeuring', ApprovalReminder: 'herinnering goedkeuring', Final: 'definitieve brief', QuarantineNotice: 'uitleg over quarantaine' };

export function renderMailEvents(view) {
  const events = view.mailEvents || [];
  $('bezorging-sectie').hidden = events.length === 0;
  const unreachable = (view.ministries || []).flatMap((m) => (m.undeliverable || []).map((u) => ({ ...u, ministry: m.ministry })));
  $('onbestelbaar').replaceChildren(...unreachable.map((u) => h('li', { 'data-ministry': u.ministry, 'data-level': u.level },
    h('strong', {}, `${u.ministry}, contactpersoon niveau ${u.level}`), ': ', u.email || 'onbekend adres', ` – ${u.label} (${formatDate(u.at)}).`)));
  $('bezorging').replaceChildren(...events.map((e) => h('li', { 'data-event': e.event },
    h('strong', {}, e.label), ` – ${KINDS[e.kind] || 'bericht'}`, e.ministry ? ` aan ${e.ministry}` : '',
    e.level !== null && e.level !== undefined && e.ministry ? ` (niveau ${e.level})` : '', e.email ? `, ${e.email}` : '',
    `, ${formatDate(e.at)}`, e.reason ? h('small', {}, ` ${e.reason}`) : null)));
}
