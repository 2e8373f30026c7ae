// Which view the address shows (/app/, /app/nieuw, /app/rondes/{id}), history, and the polling that keeps it fresh.

import { $ } from './dom.js';
import { loadOverview } from './overview.js';
import { prepareStartForm } from './start.js';
import { openRound, refreshRound } from './round.js';
import { openContacts } from './contacts.js';

const POLL_MS = 3000;
let timer = null;

function show(sectionId, title) {
  for (const id of ['laden', 'overzicht', 'nieuw', 'ronde', 'contacten']) $(id).hidden = id !== sectionId;
  document.title = `${title} – Migratieagenda`;
}

/** Repeats fn while the tab is visible, until the next route. */
function poll(fn, ms) {
  timer = setInterval(() => { if (!document.hidden) fn(); }, ms);
}

export function route(focus) {
  clearInterval(timer);
  timer = null;
  const path = location.pathname.replace(/\/+$/, '');
  const match = /^\/app\/rondes\/([^/]+)$/.exec(path);
  const contacts = /^\/app\/contacten(?:\/([^/]+))?$/.exec(path);
  if (match) {
    const roundId = decodeURIComponent(match[1]);
    show('ronde', `Ronde ${roundId}`);
    openRound(roundId);
    poll(refreshRound, POLL_MS);
  } else if (contacts) {
    show('contacten', 'Contactpersonen');
    openContacts(contacts[1] ? decodeURIComponent(contacts[1]) : null);
  } else if (path === '/app/nieuw') {
    show('nieuw', 'Nieuwe ronde starten');
    prepareStartForm();
  } else {
    show('overzicht', 'Rondes');
    loadOverview();
    poll(loadOverview, POLL_MS * 2);
  }
  if (focus) $('inhoud').focus();
}

export function navigate(url) {
  history.pushState(null, '', url);
  route(true);
}

/** Links inside the page change the view without a reload; the back button too. */
export function initRouter() {
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[href^="/app/"]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0 || a.hasAttribute('download')) return;
    e.preventDefault();
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', () => route(true));
}
