// The Vue registration of docs/ui.*.md, type-checked with SurveyForm.vue by vue-tsc in
// `npm run typecheck`; test/ui/snippets.test.ts checks that the docs show exactly this code.
// --- docs:vue-types ---
import type { KizukiSurveyVueProps } from 'kizuki/ui';
import type { DefineComponent } from 'vue';

declare module 'vue' {
  interface GlobalComponents {
    'kizuki-survey': DefineComponent<KizukiSurveyVueProps>;
  }
}
