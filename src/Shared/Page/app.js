// The coordinator's page: vanilla JS as ES modules, no build step, no inline script (the page's CSP forbids it).
// dom: elements, formatting, dialog · api: calls and problems · router: views, history, polling
// overview: the rounds · start: a new round · round: one round · commands: what the coordinator can do.

import { initRouter, route } from './router.js';
import { initStart } from './start.js';
import { initRound } from './round.js';
import { initCommands } from './commands.js';

initRouter();
initStart();
initRound();
initCommands();
route(false);
