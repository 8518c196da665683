// The host page of the persistence browser tests: <kizuki-survey> wired to the draft store, the
// submission queue (POSTing to ./api/responses) and, with ?kiosk=<idle ms>, the kiosk guard, as the
// docs show a host doing it. window.__page tells the test what happened.
import type { Survey } from '../../../../src/engine/index.js';
import { defineElements } from '../../../../src/ui/index.js';
import {
  createDraftStore,
  createKioskGuard,
  createSubmissionQueue,
  localStorageDraftStorage,
} from '../../../../src/ui/persist/index.js';

const state = { ready: false, statuses: [] as string[], done: '', issues: [] as string[] };
(window as unknown as { __page: typeof state }).__page = state;
defineElements();

const params = new URLSearchParams(location.search);
const survey: Survey = await (await fetch('./survey.json')).json();
const form = document.createElement('kizuki-survey');
const storage = localStorageDraftStorage({
  onDegraded: () => form.showNotice(storage.notice('ja')!.message),
});
const drafts = createDraftStore({ storage, key: survey.template.id, delayMs: 100 });
const queue = createSubmissionQueue({
  storage,
  send: './api/responses',
  backoff: { initialMs: 300, maxMs: 2000 },
});
queue.subscribe((s) => state.statuses.push(s.status));

const { session, issues } = await drafts.load(survey, { locale: 'ja' });
state.issues = issues.map((i) => i.code);
form.snapshot = session.snapshot();
form.survey = survey;
document.getElementById('host')!.append(form);
await new Promise((started) => setTimeout(started)); // the element starts its session in a microtask
const stop = drafts.watch(form.session!);

const idleMs = params.get('kiosk');
const guard =
  idleMs === null
    ? null
    : createKioskGuard({
        idleMs: Number(idleMs),
        clear: async () => {
          await stop();
          await drafts.clear();
        },
        onIdle: () => location.reload(),
        target: form,
      });

form.addEventListener('kizuki-submit', async (event) => {
  const status = await queue.submit(event.detail.response);
  if (status.status === 'success') {
    await stop();
    await drafts.clear();
    await guard?.end();
  }
  state.done = status.status;
});
addEventListener('pagehide', () => void drafts.flush());
void queue.resume();
state.ready = true;
