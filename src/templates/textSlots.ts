import type { PathSegment } from '../core/issue.js';
import type { LocalisedText, Question, Template } from '../schema/index.js';

/** The change that must be used to alter a text that shapes what answers mean. */
export type RewordKind = 'rewordQuestion' | 'rewordItem' | 'relabelScale';

/** One place in a template that holds a localised text, addressed by ids rather than array indexes. */
export interface TextSlot {
  /** Stable key such as `questions.sex.options.9` or `items.h01`. */
  key: string;
  /** Where the text sits in the template JSON. */
  path: PathSegment[];
  get(): LocalisedText | undefined;
  set(text: LocalisedText): void;
  /** Set when the text belongs to an answer (question, item, scale option): only this change may alter it. */
  reword?: RewordKind;
}

/**
 * Every text slot of a template by key. Optional texts that are absent are included (so `setText`
 * can add a description) unless `present` is true.
 */
export function textSlots(template: Template, options: { present?: boolean } = {}): Map<string, TextSlot> {
  const slots = new Map<string, TextSlot>();
  const add = (slot: TextSlot) => {
    if (options.present && slot.get() === undefined) return;
    slots.set(slot.key, slot);
  };
  add({ key: 'title', path: ['title'], get: () => template.title, set: (t) => (template.title = t) });
  add({
    key: 'description',
    path: ['description'],
    get: () => template.description,
    set: (t) => (template.description = t),
  });
  add({
    key: 'introduction',
    path: ['introduction'],
    get: () => template.introduction,
    set: (t) => (template.introduction = t),
  });
  add({
    key: 'audience',
    path: ['audience'],
    get: () => template.audience,
    set: (t) => (template.audience = t),
  });
  add({
    key: 'provenance.notes',
    path: ['provenance', 'notes'],
    get: () => template.provenance.notes,
    set: (t) => (template.provenance.notes = t),
  });
  for (const [scaleId, scale] of Object.entries(template.scales ?? {})) {
    add({
      key: `scales.${scaleId}.label`,
      path: ['scales', scaleId, 'label'],
      get: () => scale.label,
      set: (t) => (scale.label = t),
    });
    scale.options.forEach((option, oi) =>
      add({
        key: `scales.${scaleId}.options.${option.code}`,
        path: ['scales', scaleId, 'options', oi, 'label'],
        get: () => option.label,
        set: (t) => (option.label = t),
        reword: 'relabelScale',
      }),
    );
  }
  template.sections.forEach((section, si) => {
    add({
      key: `sections.${section.id}.title`,
      path: ['sections', si, 'title'],
      get: () => section.title,
      set: (t) => (section.title = t),
    });
    add({
      key: `sections.${section.id}.description`,
      path: ['sections', si, 'description'],
      get: () => section.description,
      set: (t) => (section.description = t),
    });
    section.questions.forEach((q, qi) => addQuestionSlots(q, ['sections', si, 'questions', qi], add));
  });
  template.scores?.forEach((score, i) =>
    add({
      key: `scores.${score.id}.label`,
      path: ['scores', i, 'label'],
      get: () => score.label,
      set: (t) => (score.label = t),
    }),
  );
  template.benchmarks?.forEach((b, i) =>
    add({
      key: `benchmarks.${i}.note`,
      path: ['benchmarks', i, 'note'],
      get: () => b.note,
      set: (t) => (b.note = t),
    }),
  );
  template.passRules?.forEach((rule, i) => {
    add({
      key: `passRules.${rule.id}.label`,
      path: ['passRules', i, 'label'],
      get: () => rule.label,
      set: (t) => (rule.label = t),
    });
    rule.groups.forEach((g, gi) =>
      add({
        key: `passRules.${rule.id}.groups.${g.id}.label`,
        path: ['passRules', i, 'groups', gi, 'label'],
        get: () => g.label,
        set: (t) => (g.label = t),
      }),
    );
  });
  return slots;
}

function addQuestionSlots(q: Question, path: PathSegment[], add: (slot: TextSlot) => void): void {
  // A note carries no answer, so its texts are plain texts; every other question's texts shape its answers.
  const reword = q.type === 'note' ? undefined : 'rewordQuestion';
  const base = `questions.${q.id}`;
  const withReword = (slot: TextSlot): TextSlot => (reword ? { ...slot, reword } : slot);
  add(
    withReword({
      key: `${base}.label`,
      path: [...path, 'label'],
      get: () => q.label,
      set: (t) => (q.label = t),
    }),
  );
  add(
    withReword({ key: `${base}.help`, path: [...path, 'help'], get: () => q.help, set: (t) => (q.help = t) }),
  );
  if (q.type === 'number') {
    add(
      withReword({
        key: `${base}.unit`,
        path: [...path, 'unit'],
        get: () => q.unit,
        set: (t) => (q.unit = t),
      }),
    );
  }
  if (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking') {
    q.options.forEach((option, oi) =>
      add(
        withReword({
          key: `${base}.options.${option.code}`,
          path: [...path, 'options', oi, 'label'],
          get: () => option.label,
          set: (t) => (option.label = t),
        }),
      ),
    );
  }
  if (q.type === 'matrix') {
    q.items.forEach((item, ii) =>
      add({
        key: `items.${item.id}`,
        path: [...path, 'items', ii, 'text'],
        get: () => item.text,
        set: (t) => (item.text = t),
        reword: 'rewordItem',
      }),
    );
  }
}
