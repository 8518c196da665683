/**
 * The form page's script, bundled with `kizuki/ui` into `dist/browser/kizuki-form.js` and served by
 * the collector: it gives `<kizuki-survey>` the parsed survey and posts the response back, with the
 * invitation code from the page's own URL in a header (the code never goes into a referrer).
 */
import { defineElements, type KizukiSurvey, postJson } from '../../ui/index.js';

defineElements();
const element = document.querySelector<KizukiSurvey>('kizuki-survey');
if (element !== null) {
  const code = new URLSearchParams(location.search).get('code');
  const headers: Record<string, string> = code === null ? {} : { 'kizuki-code': code };
  // A draft per code, so two people sharing a device with different letters keep their own answers.
  if (code !== null) element.setAttribute('draft-key', `${element.dataset.surveyKey ?? 'survey'}:${code}`);
  element.send = postJson(element.dataset.submitUrl ?? 'responses', { headers });
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
      message.textContent =
        document.documentElement.lang === 'en'
          ? 'The survey could not be loaded. Please reload the page.'
          : '調査を読み込めませんでした。ページを再読み込みしてください。';
      element.before(message);
    });
}
