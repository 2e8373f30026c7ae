// The coordinator's page: vanilla JS as ES modules, no build step, no inline script (the page's CSP forbids it).
// dom: elements, formatting, dialog · api: calls and problems · router: views, history, polling
// overview: the rounds · start: a new round · round: one round · commands: what the coordinator can do.
// caller: who is signed in · contacts, definitions, preview: the contacts list and the start form's view of it ·
// review, messages, auditlog: what the approver needs, mail received by outcome, the audit log download.

import { initRouter, route } from './router.js';
import { initStart } from './start.js';
import { initRound } from './round.js';
import { initCommands } from './commands.js';
import { initCaller } from './caller.js';
import { initContacts } from './contacts.js';

initRouter();
initStart();
initRound();
initCommands();
initCaller();
initContacts();
route(false);
