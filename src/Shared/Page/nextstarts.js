// The overview's lines for report definitions that start their round by themselves every year:
// "ima: volgende ronde start op maandag 15 november 2027 09:00 (ima-2028)".

import { $, h } from './dom.js';
import { api } from './api.js';

export async function loadNextStarts() {
  const list = $('volgende-rondes');
  const result = await api('GET', '/api/next-rounds');
  const starts = result.ok ? result.data || [] : [];
  list.hidden = starts.length === 0;
  list.replaceChildren(...starts.map((s) => h('li', { 'data-definition': s.definition, 'data-state': s.state },
    h('strong', {}, `${s.title || s.definition}: `), s.label)));
}
