import { escapeHtml } from '../core/escapeHtml.js';
import type { MessageLocale } from '../core/issue.js';
import type { Survey } from '../schema/survey.js';

/** Where the form page loads its code from. */
export interface FormPageOptions {
  /** Module scripts, relative to the page (`/s/<survey>/`) or absolute. Default: the served ui bundle and page script. */
  scripts?: readonly string[];
  /** Stylesheets for the host's own look around the form. */
  styles?: readonly string[];
}

const defaultScripts = ['../../assets/kizuki-form.js'];

/**
 * The form page of a survey: no inline script or style, so it runs under the collector's strict
 * Content Security Policy. The page script finds the `<kizuki-survey>` element and gives it the
 * template and the submission URL; the invitation code, if any, comes from the page's own URL.
 */
export function formPage(options: {
  survey: Survey;
  surveyKey: string;
  page: FormPageOptions;
  locale: MessageLocale;
}): string {
  const { survey, page, locale } = options;
  const title =
    survey.template.title[locale] ??
    survey.template.title[survey.template.locales[0] ?? 'ja'] ??
    survey.template.id;
  const noScript =
    locale === 'ja'
      ? 'この調査に回答するには JavaScript を有効にしてください。'
      : 'Please turn on JavaScript to answer this survey.';
  const scripts = (page.scripts ?? defaultScripts).map(
    (src) => `<script type="module" src="${escapeHtml(src)}"></script>`,
  );
  const styles = (page.styles ?? []).map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`);
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
${[...styles, ...scripts].join('\n')}
</head>
<body>
<main>
<kizuki-survey data-survey-url="survey.json" data-submit-url="responses" data-survey-key="${escapeHtml(options.surveyKey)}" locale="${locale}"></kizuki-survey>
<noscript><p>${escapeHtml(noScript)}</p></noscript>
</main>
</body>
</html>
`;
}
