/// <reference lib="dom" />
// The React code of docs/ui.*.md, type-checked by `npm run typecheck` as JSX (jsx: react-jsx);
// test/ui/snippets.test.ts checks that the docs show exactly this code.
// --- docs:react ---

import type { Survey } from 'kizuki/engine';
import { defineElements, type KizukiSurvey, type KizukiSurveyProps } from 'kizuki/ui';
import type * as React from 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'kizuki-survey': React.DetailedHTMLProps<React.HTMLAttributes<KizukiSurvey>, KizukiSurvey> &
        KizukiSurveyProps;
    }
  }
}

defineElements();

export function SurveyForm({ survey, onSent }: { survey: Survey; onSent: (id: string) => void }) {
  return (
    <kizuki-survey
      survey={survey}
      locale="ja"
      action="/api/responses"
      onkizuki-submit={(event) => onSent(event.detail.response.respondentId)}
      onkizuki-error={(event) => console.error(event.detail.message)}
    />
  );
}
// --- end ---
