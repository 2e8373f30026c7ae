// Who is signed in (GET /api/me): shown in the header, and under the approve button, so a refusal (403) makes sense.

import { $ } from './dom.js';
import { api } from './api.js';

let me = null;

/** The caller as the server sees it ({ actor, displayName, roles, roleLabels, mode }), or null before it loaded. */
export const currentCaller = () => me;

export async function initCaller() {
  const result = await api('GET', '/api/me');
  if (!result.ok) return;
  me = result.data;
  const name = me.displayName || me.actor;
  const roles = (me.roleLabels || []).join(' en ');
  const who = $('wie');
  who.textContent = me.mode === 'Local'
    ? 'Lokaal, zonder aanmelding (alle rollen)'
    : `Aangemeld als ${name}${roles ? ` (${roles})` : ' (alleen lezen)'}`;
  who.hidden = false;
  $('approve-who').textContent = me.mode === 'Local'
    ? 'Zonder aanmelding wordt de goedkeuring vastgelegd als "lokaal".'
    : `U keurt goed als ${name}. Dat mag de goedkeurder van deze ronde of iemand met de rol goedkeurder.`;
}
