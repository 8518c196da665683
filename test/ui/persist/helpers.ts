import type { Survey, SurveyResponse } from '../../../src/engine/index.js';
import { loadTemplate, type Template } from '../../../src/schema/index.js';
import type { WebStorageLike } from '../../../src/ui/persist/index.js';
import { minimalTemplate } from '../../helpers/templates.js';

/** A Web Storage fake with a quota in characters, as browsers count it (keys and values). */
export class FakeWebStorage implements WebStorageLike {
  readonly map = new Map<string, string>();
  constructor(
    public quota = Number.POSITIVE_INFINITY,
    public broken = false,
  ) {}
  used(): number {
    let n = 0;
    for (const [k, v] of this.map) n += k.length + v.length;
    return n;
  }
  getItem(key: string) {
    if (this.broken) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.broken) throw new DOMException('The operation is insecure.', 'SecurityError');
    const before = this.map.get(key);
    const grows = key.length + value.length - (before === undefined ? 0 : key.length + before.length);
    if (this.used() + grows > this.quota) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    this.map.set(key, value);
  }
  removeItem(key: string) {
    if (this.broken) throw new DOMException('The operation is insecure.', 'SecurityError');
    this.map.delete(key);
  }
}

/** The minimal template with a second question: v1.0.0. */
export function templateV1(): Template {
  const template = minimalTemplate();
  template.sections[0]!.questions.push({
    id: 'q2',
    type: 'text',
    label: { ja: '自由記述', en: 'Comment' },
  });
  return template;
}

/** v1.1.0: q2 removed and option 2 of q1 removed. */
export function templateV2(): Template {
  const template = templateV1();
  template.version = '1.1.0';
  const [q1] = template.sections[0]!.questions;
  template.sections[0]!.questions = [
    { ...q1!, options: [{ code: 1, label: { ja: 'A', en: 'A' } }] } as never,
  ];
  return template;
}

export const surveyV1 = (): Survey => loadTemplate(templateV1());
export const surveyV2 = (): Survey => loadTemplate(templateV2());

/** A response as the engine submits it, for respondent `id`. */
export function responseOf(id: string, answer = 1): SurveyResponse {
  return {
    templateId: 'minimal',
    templateVersion: '1.0.0',
    templateHash: 'sha256-test',
    respondentId: id,
    answers: { q1: answer },
    meta: {
      locale: 'ja',
      startedAt: '2026-05-01T09:00:00.000Z',
      submittedAt: '2026-05-01T09:05:00.000Z',
      seed: 1,
    },
  };
}
