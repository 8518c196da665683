// The host page of the persistence browser tests. By default a host wires <kizuki-survey> to the
// draft store, the submission queue (POSTing to ./api/responses) and, with ?kiosk=<idle ms>, the kiosk
// guard, as the docs show. With ?builtin the element does all of that itself, from its `action`,
// `kiosk` and `idle-ms` attributes. window.__page tells the test what happened.
import type { Survey } from '../../../../src/engine/index.js';
// Through the public entry, as a host imports them from kizuki/ui.
import {
  createDraftStore,
  createKioskGuard,
  createSubmissionQueue,
  defineElements,
  type KizukiSurvey,
  localStorageDraftStorage,
} from '../../../../src/ui/index.js';

const state = {
  ready: false,
  statuses: [] as string[],
  done: '',
  issues: [] as string[],
  errors: [] as string[],
};
(window as unknown as { __page: typeof state }).__page = state;
defineElements();

const params = new URLSearchParams(location.search);
const idleMs = params.get('kiosk');
const survey: Survey = await (await fetch('./survey.json')).json();
const form = document.createElement('kizuki-survey');

function builtIn(form: KizukiSurvey): void {
  form.setAttribute('action', './api/responses');
  form.backoff = { initialMs: 300, maxMs: 2000 };
  if (idleMs !== null) {
    form.setAttribute('kiosk', '');
    form.setAttribute('idle-ms', idleMs);
  }
  form.addEventListener('kizuki-error', (event) => state.errors.push(event.detail.kind));
  form.survey = survey;
  document.getElementById('host')!.append(form);
}

async function wiredByHand(form: KizukiSurvey): Promise<void> {
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
}

if (params.has('builtin')) builtIn(form);
else await wiredByHand(form);
state.ready = true;
