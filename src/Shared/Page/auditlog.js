// The round's whole audit log as a download (GET /api/rounds/{id}/audit): CSV, CSV for Dutch Excel, JSON.

import { $ } from './dom.js';

export function renderAuditLinks(view) {
  const base = `/api/rounds/${encodeURIComponent(view.roundId)}/audit`;
  $('logboek-csv').href = `${base}?format=csv`;
  $('logboek-excel').href = `${base}?format=csv&delimiter=semicolon`;
  $('logboek-json').href = `${base}?format=json`;
}
