// The coordinator's page: vanilla JS, no build step, no inline script (the page's CSP forbids it).
// Every piece of data goes into the page as text (textContent / text nodes), never as HTML.
'use strict';

(() => {
  const POLL_MS = 3000;
  const PHASES = {
    Starting: 'Starten', Collecting: 'Verzamelen', Assembling: 'Samenstellen', Reviewing: 'Ter goedkeuring',
    Approved: 'Goedgekeurd', Cancelled: 'Geannuleerd', Failed: 'Mislukt',
  };
  const FINISHED = new Set(['Approved', 'Cancelled', 'Failed']);
  const PRESETS = {
    standaard: { reminders: ['P7D', 'P2D'], escalations: ['P1D', 'P3D'], cutOff: 'P5D', approvalTimeout: 'P3D', approvalReminders: 3, reopenPeriod: 'P5D' },
    demo: { reminders: ['PT40S', 'PT20S'], escalations: ['PT10S', 'PT20S'], cutOff: 'PT30S', approvalTimeout: 'PT2M', approvalReminders: 1, reopenPeriod: 'PT2M' },
  };
  const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
  const dateTimeSeconds = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'medium' });

  const $ = (id) => document.getElementById(id);

  /** Builds an element; string children become text nodes, so data is never parsed as HTML. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'className') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function phaseLabel(phase) { return PHASES[phase] || phase || 'onbekend'; }

  function formatDate(value, seconds) {
    if (!value) return '–';
    const d = new Date(value);
    if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900) return '–';
    return (seconds ? dateTimeSeconds : dateTime).format(d);
  }

  function span(ms) {
    const s = Math.round(Math.abs(ms) / 1000);
    if (s < 90) return `${s} seconden`;
    const m = Math.round(s / 60);
    if (m < 90) return `${m} minuten`;
    const hrs = Math.round(m / 60);
    if (hrs < 48) return `${hrs} uur`;
    return `${Math.round(hrs / 24)} dagen`;
  }

  /** "nog 3 dagen" or "2 uur te laat" (the second with the class 'overdue'). */
  function timeLeft(deadline, phase) {
    const d = new Date(deadline);
    if (!deadline || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900) return null;
    if (phase && phase !== 'Collecting' && phase !== 'Starting') return null;
    const ms = d.getTime() - Date.now();
    return ms >= 0 ? h('span', {}, `nog ${span(ms)}`) : h('span', { className: 'overdue' }, `${span(ms)} te laat`);
  }

  // ---- API -------------------------------------------------------------------------------------------------

  async function api(method, url, body) {
    const init = { method, headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, credentials: 'same-origin' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      return { ok: false, status: 0, problem: { title: 'Geen verbinding', detail: 'De server is niet bereikbaar. Probeer het zo opnieuw.' } };
    }
    let data = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try { data = await response.json(); } catch { data = null; }
    }
    if (response.ok) return { ok: true, status: response.status, data };
    if (response.status === 401 || response.status === 403) {
      return { ok: false, status: response.status, problem: { title: 'Niet aangemeld', detail: response.status === 401
        ? 'U bent niet (meer) aangemeld. Laad de pagina opnieuw om u aan te melden.'
        : 'U heeft geen toegang tot deze functie.' } };
    }
    const problem = data && (data.detail || data.title || data.errors) ? data
      : { title: `Fout ${response.status}`, detail: response.status === 404 ? 'Deze functie bestaat (nog) niet op de server (404).' : `De server antwoordde met status ${response.status}.` };
    return { ok: false, status: response.status, problem };
  }

  /** Shows an API answer in a form's result area: the problem's detail and each field's errors, as text. */
  function showResult(form, result, successText) {
    const box = form.querySelector('.result');
    box.replaceChildren();
    box.classList.toggle('refused', !result.ok);
    if (result.ok) {
      box.append(successText);
      return;
    }
    const p = result.problem || {};
    box.append(h('strong', {}, 'Geweigerd: '), p.detail || p.title || 'onbekende fout');
    if (p.errors && typeof p.errors === 'object') {
      const list = h('ul');
      for (const [field, messages] of Object.entries(p.errors))
        for (const m of [].concat(messages)) list.append(h('li', {}, `${field}: ${m}`));
      box.append(list);
    }
  }

  function showLocal(form, text) {
    const box = form.querySelector('.result');
    box.replaceChildren(h('strong', {}, 'Let op: '), text);
    box.classList.add('refused');
  }

  /** Marks empty required fields; returns the first one (focused) or null when all are filled. */
  function checkRequired(form) {
    let first = null;
    for (const input of form.querySelectorAll('[required]')) {
      const empty = !input.value || (input.type === 'email' && !input.checkValidity());
      input.setAttribute('aria-invalid', empty ? 'true' : 'false');
      if (empty && !first) first = input;
    }
    if (first) {
      const label = form.querySelector(`label[for="${first.id}"]`);
      showLocal(form, `vul "${label ? label.textContent.replace(' *', '') : first.name}" in.`);
      first.focus();
    }
    return first;
  }

  // ---- confirmation ----------------------------------------------------------------------------------------

  function confirmAction(text, yes) {
    const dialog = $('bevestig');
    $('bevestig-tekst').textContent = text;
    $('bevestig-ja').textContent = yes || 'Ja, doorgaan';
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ja'), { once: true });
      dialog.showModal();
      $('bevestig-nee').focus();
    });
  }

  // ---- routing ---------------------------------------------------------------------------------------------

  let timer = null;
  let current = null; // { roundId, view, keys }

  function show(sectionId, title) {
    for (const id of ['laden', 'overzicht', 'nieuw', 'ronde']) $(id).hidden = id !== sectionId;
    document.title = `${title} – Migratieagenda`;
  }

  function route(focus) {
    clearInterval(timer);
    timer = null;
    const path = location.pathname.replace(/\/+$/, '');
    const match = /^\/app\/rondes\/([^/]+)$/.exec(path);
    if (match) {
      openRound(decodeURIComponent(match[1]));
    } else if (path === '/app/nieuw') {
      show('nieuw', 'Nieuwe ronde starten');
      prepareStartForm();
    } else {
      show('overzicht', 'Rondes');
      loadOverview();
      timer = setInterval(() => { if (!document.hidden) loadOverview(); }, POLL_MS * 2);
    }
    if (focus) $('inhoud').focus();
  }

  function navigate(url) {
    history.pushState(null, '', url);
    route(true);
  }

  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[href^="/app/"]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0 || a.hasAttribute('download')) return;
    e.preventDefault();
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', () => route(true));

  // ---- overview --------------------------------------------------------------------------------------------

  async function loadOverview() {
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
      return h('tr', { 'data-round': r.roundId },
        h('th', { scope: 'row' }, h('a', { href: `/app/rondes/${encodeURIComponent(r.roundId)}` }, r.roundId)),
        h('td', {}, String(r.year)),
        h('td', {}, h('span', { className: 'phase' }, phaseLabel(r.phase))),
        h('td', {}, formatDate(r.deadline), ' ', timeLeft(r.deadline, r.phase) ? h('br') : null, timeLeft(r.deadline, r.phase)),
        h('td', {}, h('div', { className: 'progress' },
          h('progress', { max: Math.max(required, 1), value: done, 'aria-label': `Voortgang ${r.roundId}: ${done} van ${required} pijlers binnen` }),
          h('span', {}, `${done} van ${required}`))),
        h('td', {}, letters.length ? letters.join(' en ') : 'nog geen'));
    }));
  }

  // ---- start a round ---------------------------------------------------------------------------------------

  function prepareStartForm() {
    const year = $('start-year');
    if (!year.value) year.value = String(new Date().getFullYear() + 1);
  }

  // The demo schedule counts in seconds: offer a deadline a few minutes ahead when none is chosen yet.
  $('start-preset-demo').addEventListener('change', () => {
    const field = $('start-deadline');
    if (field.value) return;
    const d = new Date(Date.now() + 5 * 60 * 1000);
    const pad = (n) => String(n).padStart(2, '0');
    field.value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });

  $('start-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (checkRequired(form)) return;
    const preset = form.querySelector('input[name=preset]:checked').value;
    const roundId = $('start-roundId').value.trim();
    const deadline = new Date($('start-deadline').value);
    if (Number.isNaN(deadline.getTime())) { showLocal(form, 'de deadline is geen geldige datum.'); return; }
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

  // ---- one round -------------------------------------------------------------------------------------------

  function openRound(roundId) {
    show('ronde', `Ronde ${roundId}`);
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
    }
    refreshRound();
    timer = setInterval(() => { if (!document.hidden) refreshRound(); }, POLL_MS);
  }

  async function refreshRound() {
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
    renderActions(view, before);
    renderLetter(view);
    renderTimeline(view);
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
      ['Fase', h('span', { className: 'phase', 'data-phase': view.phase }, phaseLabel(view.phase))],
      ['Deadline', [formatDate(view.deadline), left ? ' (' : null, left, left ? ')' : null]],
      ['Sluiting', formatDate(view.cutOffAt)],
      ['Definitie en jaar', `${view.definition || '–'} ${view.year || ''}`],
      ['Herinneringen verstuurd', String(view.remindersSent || 0)],
      ['Concepten', String(view.drafts || 0)],
      ['Bijgewerkt', formatDate(new Date(), true)],
    ];
    if (view.failureMessage) rows.push(['Fout', view.failureMessage]);
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
    $('acties-geen').hidden = !finished;
    $('acties-hint').hidden = finished;
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
    if (!before || before.phase !== phase) announce(`Fase: ${phaseLabel(phase)}.`);
  }

  function announce(text) {
    let live = $('live');
    if (!live) {
      live = h('div', { id: 'live', className: 'sr-only', role: 'status', 'aria-live': 'polite' });
      document.body.append(live);
    }
    live.textContent = text;
  }

  $('reopen-ministry').addEventListener('change', (e) => {
    const m = (current.view.ministries || []).find((x) => x.ministry === e.target.value);
    $('reopen-pillars').replaceChildren(...(m ? m.pillars : []).map((p) => h('div', { className: 'choice' },
      h('input', { type: 'checkbox', id: `reopen-pillar-${p.pillar}`, value: p.pillar }),
      h('label', { for: `reopen-pillar-${p.pillar}` }, `Pijler ${p.pillar}: ${p.title}`))));
  });

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
  $('brief-versie').addEventListener('change', showLetter);

  const ACTIONS = {
    'round-started': 'ronde gestart', 'command-extend': 'deadline verlengd', 'command-close': 'vervroegd gesloten',
    'command-cancel': 'geannuleerd', 'command-approve': 'goedgekeurd', 'command-reopen': 'heropend', approved: 'goedgekeurd',
    'contribution-received': 'bijdrage ontvangen', 'mail-quarantined': 'mail in quarantaine', 'mail-released': 'mail vrijgegeven',
    'mail-refused': 'mail geweigerd', 'mail-request': 'verzoek verstuurd', 'mail-reminder': 'herinnering verstuurd',
    'mail-escalation': 'escalatie verstuurd', 'mail-draftforapproval': 'concept ter goedkeuring verstuurd',
    'mail-approvalreminder': 'herinnering goedkeuring verstuurd', 'mail-final': 'definitieve brief verstuurd',
    'mail-quarantinenotice': 'uitleg over quarantaine verstuurd',
  };
  const OUTCOMES = { accepted: 'geaccepteerd', quarantined: 'in quarantaine', released: 'vrijgegeven', received: 'ontvangen', duplicate: 'dubbel' };
  const action = (a) => ACTIONS[a] || (a.startsWith('phase-') ? `fase ${phaseLabel(Object.keys(PHASES).find((k) => k.toLowerCase() === a.slice(6)) || a.slice(6))}` : a);

  function renderTimeline(view) {
    const entries = [
      ...(view.history || []).map((a) => ({ at: a.at, kind: a.actor, text: [action(a.action || ''), a.detail].filter(Boolean).join(': ') })),
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
    $('quarantaine').replaceChildren(...items.map((q, i) => quarantineCard(view, q, i)));
  }

  function quarantineCard(view, q, i) {
    const ministry = h('select', { id: `q${i}-ministry`, required: true },
      h('option', { value: '' }, 'Kies een ministerie'),
      (view.ministries || []).map((m) => h('option', { value: m.ministry, selected: q.ministry === m.ministry }, `${m.ministry} – ${m.name}`)));
    const pillar = h('select', { id: `q${i}-pillar`, required: true });
    const fillPillars = () => {
      const m = (current.view.ministries || []).find((x) => x.ministry === ministry.value);
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
    return h('li', {},
      h('p', {}, h('strong', {}, 'Van: '), q.from || 'onbekend'),
      h('p', {}, h('strong', {}, 'Onderwerp: '), q.subject || '(geen)'),
      h('p', {}, h('strong', {}, 'Ontvangen: '), formatDate(q.receivedAt)),
      h('p', {}, h('strong', {}, 'Reden: '), q.reason || 'onbekend'),
      form);
  }

  // ---- round commands --------------------------------------------------------------------------------------

  const COMMANDS = {
    extend: () => {
      const d = new Date($('extend-deadline').value);
      return { body: { deadline: d.toISOString() }, question: `De deadline verlengen tot ${formatDate(d)}?`, done: 'De deadline is verlengd.' };
    },
    close: () => ({ body: {}, question: 'De ronde nu sluiten en de brief samenstellen met wat er binnen is? Ministeries die nog niets stuurden, ontbreken in het concept.', done: 'De ronde wordt gesloten; het concept wordt samengesteld.' }),
    approve: () => ({ body: { by: $('approve-by').value.trim() }, question: 'Het concept goedkeuren? Het wordt dan de definitieve brief en kan niet meer veranderen.', done: 'Goedgekeurd: de definitieve brief wordt gemaakt.' }),
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
  };

  for (const form of document.querySelectorAll('form[data-command]')) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (checkRequired(form)) return;
      const command = form.dataset.command;
      const { body, question, done, invalid } = COMMANDS[command]();
      if (invalid) { showLocal(form, invalid); return; }
      if (!(await confirmAction(question))) return;
      const round = current;
      const result = await api('POST', `/api/rounds/${encodeURIComponent(round.roundId)}/${command}`, body);
      showResult(form, result, done);
      if (result.ok && command === 'reopen') {
        $('reopen-note').value = '';
        for (const c of $('reopen-pillars').querySelectorAll('input:checked')) c.checked = false;
      }
      if (round === current) refreshRound();
    });
  }

  $('texts-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (!(await confirmAction('De teksten van de coördinator opslaan? Het volgende concept gebruikt ze.'))) return;
    const value = (id) => $(id).value.trim() || null;
    const result = await api('PUT', `/api/rounds/${encodeURIComponent(current.roundId)}/texts`, {
      aanleiding: value('texts-aanleiding'), context: value('texts-context'), overkoepelend: value('texts-overkoepelend'), tenSlotte: value('texts-tenSlotte'),
    });
    showResult(form, result, 'De teksten zijn opgeslagen.');
  });

  route(false);
})();
