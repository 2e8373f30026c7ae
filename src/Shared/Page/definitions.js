// The report definitions a round can start from (GET /api/definitions), loaded once per page.

import { api } from './api.js';

let loaded = null;

/** Resolves the definitions ([{ name, title, pillars, ministries }]), or [] when the server did not give them. */
export async function definitions() {
  if (!loaded) {
    const result = await api('GET', '/api/definitions');
    if (!result.ok) return [];
    loaded = result.data || [];
  }
  return loaded;
}

/** Fills a select with the definitions, keeping the chosen one (or choosing <paramref name="wanted"/>). */
export async function fillDefinitionSelect(select, wanted) {
  const list = await definitions();
  if (list.length === 0) return select.value;
  const keep = wanted || select.value;
  select.replaceChildren(...list.map((d) => {
    const option = document.createElement('option');
    option.value = d.name;
    option.textContent = `${d.name} – ${d.title}`;
    return option;
  }));
  if (list.some((d) => d.name.toLowerCase() === String(keep || '').toLowerCase()))
    select.value = list.find((d) => d.name.toLowerCase() === keep.toLowerCase()).name;
  return select.value;
}
