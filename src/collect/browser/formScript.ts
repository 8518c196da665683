/**
 * The form page's script, bundled with `kizuki/ui` into `dist/browser/kizuki-form.js` and served by
 * the collector: it gives `<kizuki-survey>` the parsed survey and posts the response back, with the
 * invitation code from the page's own URL in a header (the code never goes into a referrer), shows
 * the receipt number once the collector has stored the response, and says plainly when the code
 * was already used.
 */
import { defineElements, type KizukiSurvey, postJson } from '../../ui/index.js';

defineElements();
const element = document.querySelector<KizukiSurvey>('kizuki-survey');
if (element !== null) {
  const code = new URLSearchParams(location.search).get('code');
  const headers: Record<string, string> = code === null ? {} : { 'kizuki-code': code };
  // A draft per code, so two people sharing a device with different letters keep their own answers.
  if (code !== null) element.setAttribute('draft-key', `${element.dataset.surveyKey ?? 'survey'}:${code}`);
  const english = document.documentElement.lang === 'en';
  const post = postJson(element.dataset.submitUrl ?? 'responses', {
    headers,
    // A code already used is final: say so with the collector's words instead of retrying (409 is
    // otherwise "try again later").
    fetch: async (input, init) => {
      const reply = await fetch(input, init);
      if (reply.status === 409) {
        const body = (await reply
          .clone()
          .json()
          .catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        if (body?.error?.code === 'already_answered')
          throw Object.assign(new Error(body.error.message ?? 'already answered'), { permanent: true });
      }
      return reply;
    },
  });
  element.send = async (response) => {
    const delivered = (await post(response)) as { body: string };
    // The receipt number, shown below the form so the respondent can quote it.
    const receipt = (JSON.parse(delivered.body) as { receipt?: { receipt?: string } }).receipt?.receipt;
    if (typeof receipt === 'string') {
      const line = document.createElement('p');
      line.className = 'kizuki-receipt';
      line.setAttribute('role', 'status');
      line.textContent = english ? `Receipt number: ${receipt}` : `受付番号: ${receipt}`;
      document.querySelector('.kizuki-receipt')?.remove();
      element.after(line);
    }
    return delivered;
  };
  fetch(element.dataset.surveyUrl ?? 'survey.json')
    .then((reply) => {
      if (!reply.ok) throw new Error(String(reply.status));
      return reply.json();
    })
    .then((survey) => {
      element.survey = survey;
    })
    .catch(() => {
      // Without the survey there is no form: say so in the page's language instead of showing nothing.
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = english
        ? 'The survey could not be loaded. Please reload the page.'
        : '調査を読み込めませんでした。ページを再読み込みしてください。';
      element.before(message);
    });
}
