// The API as the page calls it: JSON in and out, problems (RFC 7807) turned into a Dutch message.

/** Calls the API; resolves { ok, status, data } or { ok: false, status, problem } and never throws. */
export async function api(method, url, body, headers) {
  const init = { method, headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...(headers || {}) }, credentials: 'same-origin' };
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
      // 403: the server says which role this needs and who the caller is; show that rather than a generic line.
      : (data && data.detail) || 'U heeft geen toegang tot deze functie.' } };
  }
  const problem = data && (data.detail || data.title || data.errors) ? data
    : { title: `Fout ${response.status}`, detail: response.status === 404 ? 'Deze functie bestaat (nog) niet op de server (404).' : `De server antwoordde met status ${response.status}.` };
  return { ok: false, status: response.status, problem };
}
