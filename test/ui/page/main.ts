// The host page of the browser tests: puts a <kizuki-survey> on the page as a host would, and keeps
// every event it sends in window.__events for the test to read.
// biome-ignore-all assist/source/organizeImports: jitless.js must be evaluated before kizuki/schema.
import { zodConfig } from './jitless.js';
import { parseTemplate } from '../../../src/schema/index.js';
import { defineElements } from '../../../src/ui/index.js';

if (zodConfig.jitless !== true) throw new Error('zod must parse without eval under this CSP');

const events: { type: string; detail: unknown }[] = [];
(window as unknown as { __events: typeof events }).__events = events;
defineElements();

const params = new URLSearchParams(location.search);
const form = document.createElement('kizuki-survey');
for (const type of ['kizuki-change', 'kizuki-page', 'kizuki-submit', 'kizuki-error'] as const)
  form.addEventListener(type, (event) => {
    const { detail } = event as CustomEvent<object>;
    // The state is large; the test needs the response, issues and ids.
    events.push({ type, detail: { ...detail, state: undefined } });
  });
form.locale = params.get('locale') ?? 'ja';
if (params.get('theme')) form.setAttribute('theme', params.get('theme')!);
// A host that fails twice, then stores each respondent once (keyed by respondent id, as a server would).
if (params.get('send') === 'flaky') {
  const host = { calls: 0, stored: {} as Record<string, unknown> };
  (window as unknown as { __host: typeof host }).__host = host;
  form.backoff = { initialMs: 50, maxMs: 200, jitter: 0 };
  form.send = async (response) => {
    host.calls++;
    if (host.calls <= 2) throw new Error('the host is down');
    host.stored[response.respondentId] = response;
  };
}
if (params.has('kiosk')) {
  form.setAttribute('kiosk', '');
  form.setAttribute('idle-ms', params.get('kiosk')!);
}
const source = params.get('survey');
if (source === 'broken-object') form.survey = { template: {} } as never;
else if (source === 'broken-template') {
  form.parse = parseTemplate;
  form.template = '{"id": "x", "sections": [';
} else if (source?.startsWith('template:')) {
  form.parse = parseTemplate;
  form.template = await (await fetch(`./templates/${source.slice(9)}.json`)).json();
} else if (source) form.survey = await (await fetch(`./surveys/${source}.json`)).json();
document.getElementById('host')!.append(form);
