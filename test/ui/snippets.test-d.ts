/// <reference lib="dom" />
// The code of docs/ui.*.md, type-checked: plain DOM, React 19 and Vue hosts of <kizuki-survey>.
import { type RefObject, useEffect, useRef } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import type { Survey, SurveyResponse } from '../../src/engine/index.js';
import type { KizukiSubmitDetail, KizukiSurvey } from '../../src/ui/index.js';
import { SurveyForm } from './snippets/SurveyForm.js';

// --- React 19 -------------------------------------------------------------------------------
// The JSX of the docs is test/ui/snippets/SurveyForm.tsx, type-checked by tsc (jsx: react-jsx).
// Or hold the element in a ref and listen yourself (works in React 18 too).
function useKizukiSubmit(onSubmit: (response: SurveyResponse) => void) {
  const ref = useRef<KizukiSurvey>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const listener = (event: CustomEvent<KizukiSubmitDetail>) => onSubmit(event.detail.response);
    element.addEventListener('kizuki-submit', listener);
    return () => element.removeEventListener('kizuki-submit', listener);
  }, [onSubmit]);
  return ref;
}

// --- docs: Vue ------------------------------------------------------------------------------
// In a .vue file: <kizuki-survey :survey.prop="survey" locale="ja" @kizuki-submit="onSubmit" />
// with vite.config: vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('kizuki-') } } })
function onSubmit(event: HTMLElementEventMap['kizuki-submit']) {
  return fetch('/api/responses', { method: 'POST', body: JSON.stringify(event.detail.response) });
}

describe('snippets of docs/ui', () => {
  it('types the events on the element, so addEventListener needs no casts', () => {
    const form = document.createElement('kizuki-survey');
    expectTypeOf(form).toEqualTypeOf<KizukiSurvey>();
    form.addEventListener('kizuki-submit', (event) => {
      expectTypeOf(event.detail.response).toEqualTypeOf<SurveyResponse>();
    });
    form.addEventListener('kizuki-change', (event) => {
      expectTypeOf(event.detail.id).toBeString();
      expectTypeOf(event.detail.state.pageIndex).toBeNumber();
    });
    form.addEventListener('kizuki-error', (event) => {
      expectTypeOf(event.detail.kind).toEqualTypeOf<'broken' | 'answers' | 'delivery'>();
    });
    expectTypeOf(form.session?.getSnapshot().progress.answered).toEqualTypeOf<number | undefined>();
  });

  it('type-checks the React and Vue hosts', () => {
    expectTypeOf(SurveyForm).parameter(0).toEqualTypeOf<{ survey: Survey; onSent: (id: string) => void }>();
    expectTypeOf(useKizukiSubmit).returns.toEqualTypeOf<RefObject<KizukiSurvey | null>>();
    expectTypeOf(onSubmit).returns.toEqualTypeOf<Promise<Response>>();
  });
});
