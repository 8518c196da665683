import type { AnswerInput, Session, Survey } from '../engine/index.js';
import type {
  KizukiChangeDetail,
  KizukiErrorDetail,
  KizukiPageDetail,
  KizukiSubmitDetail,
} from './events.js';
import type { TemplateParser } from './KizukiSurvey.js';
import type { Backoff, DraftStorage, SendResponse } from './persist/index.js';

/**
 * What `<kizuki-survey>` takes in JSX (React 19 sets a property when the element has one and an
 * attribute otherwise, and listens to `on<event-name>` props): its properties, attributes and
 * events. Add it to your framework's intrinsic elements, as docs/ui shows for React.
 */
export interface KizukiSurveyProps {
  survey?: Survey;
  template?: unknown;
  parse?: TemplateParser;
  snapshot?: unknown;
  answers?: Readonly<Record<string, AnswerInput>>;
  storage?: DraftStorage | null;
  send?: SendResponse;
  backoff?: Backoff;
  locale?: string;
  'page-mode'?: 'section' | 'question';
  action?: string;
  kiosk?: boolean;
  'idle-ms'?: number;
  'draft-key'?: string;
  'onkizuki-change'?: (event: CustomEvent<KizukiChangeDetail>) => void;
  'onkizuki-page'?: (event: CustomEvent<KizukiPageDetail>) => void;
  'onkizuki-submit'?: (event: CustomEvent<KizukiSubmitDetail>) => void;
  'onkizuki-error'?: (event: CustomEvent<KizukiErrorDetail>) => void;
}

/** What `<kizuki-question>` takes in JSX: the session and the question id, and its change event. */
export interface KizukiQuestionProps {
  session?: Session | null;
  'question-id'?: string;
  'onkizuki-change'?: (event: CustomEvent<KizukiChangeDetail>) => void;
}

/**
 * What `<kizuki-survey>` takes in a Vue template, as Vue types a component's props: the element's
 * properties and attributes, and its events as `onKizuki…` handlers (what `@kizuki-submit` binds).
 * Register it in Vue's `GlobalComponents` with `DefineComponent<KizukiSurveyVueProps>`, as docs/ui
 * shows, and vue-tsc checks every binding.
 */
export interface KizukiSurveyVueProps
  extends Omit<
    KizukiSurveyProps,
    | 'onkizuki-change'
    | 'onkizuki-page'
    | 'onkizuki-submit'
    | 'onkizuki-error'
    | 'page-mode'
    | 'idle-ms'
    | 'draft-key'
  > {
  // vue-tsc checks `page-mode="…"` as `pageMode`; Vue still writes the attribute as written.
  pageMode?: 'section' | 'question';
  idleMs?: number | string;
  draftKey?: string;
  onKizukiChange?: (event: CustomEvent<KizukiChangeDetail>) => void;
  onKizukiPage?: (event: CustomEvent<KizukiPageDetail>) => void;
  onKizukiSubmit?: (event: CustomEvent<KizukiSubmitDetail>) => void;
  onKizukiError?: (event: CustomEvent<KizukiErrorDetail>) => void;
}
