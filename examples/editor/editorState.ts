// The editor's state, without the DOM: the opened template (the base), the edited copy, a bounded
// undo/redo history, and what the edits come to — a customised template (or a standalone one when
// no customisation can express an edit), its change report against the base, and the expression
// checker's messages for each visibility condition. main.ts only draws this and sends edits.
// Straight from the sources (as vite's alias of kizuki/* does for main.ts), so that the unit tests
// exercise the same code without a build.
import { canonicalJson } from '../../src/core/canonicalJson.js';
import { checkExpression, parseExpression } from '../../src/expr/index.js';
import {
  type Issue,
  indexTemplate,
  type LocalisedText,
  parseTemplate,
  type Question,
  type Survey,
  type Template,
} from '../../src/schema/index.js';
// Not public API: the same reading of an edited copy as changes that workbookToTemplate uses.
import { customisationsBetween, unexpressedEdit } from '../../src/templates/customisationsBetween.js';
import {
  type Customisation,
  compareTemplates,
  customiseTemplate,
  type TemplateComparison,
} from '../../src/templates/index.js';

export type Locale = 'ja' | 'en';

/** How many edits undo can go back; older ones are forgotten. */
export const HISTORY_LIMIT = 100;

export interface EditorState {
  /** The template as opened: the base of the customisation and of the change report. */
  readonly base: Template;
  /** The edited copy (ids of the base; the id rule is applied when the result is made). */
  readonly draft: Template;
  /** Id and version of the result when it differs from the base. */
  readonly id: string;
  readonly version: string;
  /**
   * Ids of questions and items whose rewording is declared editorial (a typo, a politer form, not a
   * new meaning): they keep their ids, and with them comparability with the previous wave.
   */
  readonly editorial: readonly string[];
  readonly past: readonly Snapshot[];
  readonly future: readonly Snapshot[];
  /** The field the last edit typed into: further typing there replaces it rather than adding a step. */
  readonly typing?: string | undefined;
}

/** What a text edit changes: a text of the template, a section, a question, an option or a matrix item. */
/** What undo and redo go back and forth between. */
export interface Snapshot {
  readonly draft: Template;
  readonly editorial: readonly string[];
}

export type TextTarget =
  | { kind: 'title' }
  | { kind: 'section'; section: string }
  | { kind: 'label' | 'help'; question: string }
  | { kind: 'option'; question: string; code: number }
  | { kind: 'item'; item: string };

export type Edit =
  | { kind: 'text'; target: TextTarget; locale: Locale; value: string }
  | { kind: 'moveQuestion'; question: string; by: -1 | 1 }
  | { kind: 'removeQuestion'; question: string }
  | { kind: 'addQuestion'; section: string; after?: string }
  | { kind: 'moveOption'; question: string; code: number; by: -1 | 1 }
  | { kind: 'removeOption'; question: string; code: number }
  | { kind: 'addOption'; question: string }
  | { kind: 'moveItem'; item: string; by: -1 | 1 }
  | { kind: 'removeItem'; item: string }
  | { kind: 'addItem'; question: string }
  | { kind: 'condition'; question: string; source: string }
  | { kind: 'editorial'; id: string; editorial: boolean };

/** Opens a template for editing; the result is named `<id>-custom` until the officer names it. */
export function openTemplate(base: Template): EditorState {
  return {
    base,
    draft: structuredClone(base),
    editorial: [],
    id: customId(base.id),
    version: '1.0.0',
    past: [],
    future: [],
  };
}

/** `<id>-custom`, or `<id>-custom-2`, `-3`… for a template that is itself such a customisation. */
function customId(id: string): string {
  const match = /^(.*)-custom(?:-(\d+))?$/.exec(id);
  if (!match) return `${id}-custom`;
  return `${match[1]}-custom-${Number(match[2] ?? 1) + 1}`;
}

/** A stable key of a text field, for coalescing typing into one undo step and for element ids. */
export function targetKey(target: TextTarget, locale?: Locale): string {
  const parts: (string | number)[] = [target.kind];
  if ('section' in target) parts.push(target.section);
  if ('question' in target) parts.push(target.question);
  if ('code' in target) parts.push(target.code);
  if ('item' in target) parts.push(target.item);
  if (locale) parts.push(locale);
  return parts.join('-');
}

/**
 * Applies one edit. Typing into the same field again replaces the last step instead of adding one,
 * so that undo takes back a word, not a letter; an edit that changes nothing is no step at all.
 */
export function applyEdit(state: EditorState, edit: Edit): EditorState {
  let { draft, editorial } = state;
  if (edit.kind === 'editorial') {
    if (editorial.includes(edit.id) === edit.editorial) return state;
    editorial = edit.editorial ? [...editorial, edit.id] : editorial.filter((id) => id !== edit.id);
  } else {
    draft = structuredClone(state.draft);
    if (!change(draft, edit, state.base)) return state;
  }
  const typing = edit.kind === 'text' ? targetKey(edit.target, edit.locale) : undefined;
  const coalesce = typing !== undefined && typing === state.typing && state.past.length > 0;
  const past = coalesce ? state.past : [...state.past, snapshot(state)].slice(-HISTORY_LIMIT);
  return { ...state, draft, editorial, past, future: [], typing };
}

const snapshot = (state: EditorState): Snapshot => ({ draft: state.draft, editorial: state.editorial });

export function setIdentity(state: EditorState, id: string, version: string): EditorState {
  return { ...state, id, version };
}

export const canUndo = (state: EditorState) => state.past.length > 0;
export const canRedo = (state: EditorState) => state.future.length > 0;

export function undo(state: EditorState): EditorState {
  const previous = state.past.at(-1);
  if (!previous) return state;
  return {
    ...state,
    ...previous,
    past: state.past.slice(0, -1),
    future: [snapshot(state), ...state.future],
    typing: undefined,
  };
}

export function redo(state: EditorState): EditorState {
  const [next, ...rest] = state.future;
  if (!next) return state;
  return { ...state, ...next, past: [...state.past, snapshot(state)], future: rest, typing: undefined };
}

/** Finds a question of the draft by id. */
export function findQuestion(
  template: Template,
  id: string,
): { list: Question[]; index: number } | undefined {
  for (const section of template.sections) {
    const index = section.questions.findIndex((q) => q.id === id);
    if (index >= 0) return { list: section.questions as Question[], index };
  }
  return undefined;
}

function move<T>(list: T[], index: number, by: -1 | 1): boolean {
  const to = index + by;
  if (index < 0 || to < 0 || to >= list.length) return false;
  [list[index], list[to]] = [list[to]!, list[index]!];
  return true;
}

/** Sets one locale of a text; an empty non-Japanese text is removed (Japanese is always kept). */
function setLocale(
  text: LocalisedText | undefined,
  locale: Locale,
  value: string,
): LocalisedText | undefined {
  const next: Record<string, string> = { ...(text ?? { ja: '' }) };
  if (value === '' && locale !== 'ja') delete next[locale];
  else next[locale] = value;
  return next as LocalisedText;
}

/** A fresh id with a prefix, used by neither the draft nor the base (the id rule never reuses one). */
function freshId(state: { draft: Template; base: Template }, prefix: string): string {
  const taken = new Set<string>();
  for (const t of [state.draft, state.base]) {
    const index = indexTemplate(t);
    for (const id of index.questions.keys()) taken.add(id);
    for (const id of index.items.keys()) taken.add(id);
  }
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

function choiceQuestion(q: Question | undefined) {
  return q && (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking') ? q : undefined;
}

/** Changes `draft` in place; false when the edit does not apply (nothing changes). */
function change(draft: Template, edit: Edit, base: Template): boolean {
  switch (edit.kind) {
    case 'text':
      return setText(draft, edit.target, edit.locale, edit.value);
    case 'moveQuestion': {
      const found = findQuestion(draft, edit.question);
      return found !== undefined && move(found.list, found.index, edit.by);
    }
    case 'removeQuestion': {
      const found = findQuestion(draft, edit.question);
      if (!found) return false;
      found.list.splice(found.index, 1);
      return true;
    }
    case 'addQuestion': {
      const section = draft.sections.find((s) => s.id === edit.section);
      if (!section) return false;
      const id = freshId({ draft, base }, 'q_new');
      const question: Question = {
        id,
        type: 'single',
        label: { ja: '新しい質問', en: 'New question' },
        options: [
          { code: 1, label: { ja: 'はい', en: 'Yes' } },
          { code: 2, label: { ja: 'いいえ', en: 'No' } },
        ],
      };
      const at = edit.after === undefined ? -1 : section.questions.findIndex((q) => q.id === edit.after);
      (section.questions as Question[]).splice(at < 0 ? section.questions.length : at + 1, 0, question);
      return true;
    }
    case 'moveOption':
    case 'removeOption': {
      const q = choiceQuestion(findQuestionIn(draft, edit.question));
      const index = q ? q.options.findIndex((o) => o.code === edit.code) : -1;
      if (!q || index < 0) return false;
      if (edit.kind === 'moveOption') return move(q.options, index, edit.by);
      if (q.options.length <= 1) return false; // a choice keeps at least one option
      q.options.splice(index, 1);
      return true;
    }
    case 'addOption': {
      const q = choiceQuestion(findQuestionIn(draft, edit.question));
      if (!q) return false;
      const code = Math.max(0, ...q.options.map((o) => o.code)) + 1;
      q.options.push({ code, label: { ja: `選択肢${code}`, en: `Option ${code}` } });
      return true;
    }
    case 'moveItem':
    case 'removeItem': {
      for (const section of draft.sections) {
        for (const q of section.questions) {
          if (q.type !== 'matrix') continue;
          const index = q.items.findIndex((i) => i.id === edit.item);
          if (index < 0) continue;
          if (edit.kind === 'moveItem') return move(q.items, index, edit.by);
          if (q.items.length <= 1) return false;
          q.items.splice(index, 1);
          return true;
        }
      }
      return false;
    }
    case 'addItem': {
      const q = findQuestionIn(draft, edit.question);
      if (q?.type !== 'matrix') return false;
      q.items.push({
        id: freshId({ draft, base }, `${q.id}_new`),
        text: { ja: '新しい項目', en: 'New item' },
      });
      return true;
    }
    case 'editorial':
      return false; // kept beside the draft, see applyEdit
    case 'condition': {
      const q = findQuestionIn(draft, edit.question);
      if (!q) return false;
      const source = edit.source.trim();
      if ((q.visibleIf ?? '') === source) return false;
      if (source === '') delete q.visibleIf;
      else q.visibleIf = source;
      return true;
    }
  }
}

function findQuestionIn(template: Template, id: string): Question | undefined {
  const found = findQuestion(template, id);
  return found?.list[found.index];
}

function setText(draft: Template, target: TextTarget, locale: Locale, value: string): boolean {
  const update = (get: () => LocalisedText | undefined, set: (t: LocalisedText | undefined) => void) => {
    const before = get();
    if ((before?.[locale] ?? '') === value) return false;
    set(setLocale(before, locale, value));
    return true;
  };
  switch (target.kind) {
    case 'title':
      return update(
        () => draft.title,
        (t) => {
          draft.title = t!;
        },
      );
    case 'section': {
      const section = draft.sections.find((s) => s.id === target.section);
      return (
        section !== undefined &&
        update(
          () => section.title,
          (t) => {
            section.title = t!;
          },
        )
      );
    }
    case 'label':
    case 'help': {
      const q = findQuestionIn(draft, target.question);
      if (!q) return false;
      const field = target.kind;
      return update(
        () => q[field],
        (t) => {
          // An emptied help text is removed rather than left as an empty Japanese text.
          if (field === 'help' && t !== undefined && Object.values(t).every((s) => s === '')) delete q.help;
          else q[field] = t!;
        },
      );
    }
    case 'option': {
      const option = choiceQuestion(findQuestionIn(draft, target.question))?.options.find(
        (o) => o.code === target.code,
      );
      return (
        option !== undefined &&
        update(
          () => option.label,
          (t) => {
            option.label = t!;
          },
        )
      );
    }
    case 'item': {
      for (const section of draft.sections) {
        for (const q of section.questions) {
          const item = q.type === 'matrix' ? q.items.find((i) => i.id === target.item) : undefined;
          if (item)
            return update(
              () => item.text,
              (t) => {
                item.text = t!;
              },
            );
        }
      }
      return false;
    }
  }
}

/** What the edits come to. */
export interface Outcome {
  /**
   * `unchanged`: the opened template as it is; `customised`: the base with `changes` applied by
   * `customiseTemplate` (the id rule applies); `standalone`: an edit no customisation expresses
   * (a move, a condition, an option), so the draft is a template of its own; `invalid`: `issues`.
   */
  kind: 'unchanged' | 'customised' | 'standalone' | 'invalid';
  survey?: Survey;
  changes?: Customisation[];
  /** Where the draft differs in a way no customisation expresses (standalone only). */
  unexpressed?: (string | number)[];
  issues: Issue[];
  /** The change report against the base (none when invalid). */
  comparison?: TemplateComparison;
}

/** Same content, whatever the key order (a help text removed and typed again comes back last). */
function sameTemplate(a: Template, b: Template): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The template the edits make, checked, with its change report against the base. */
export function outcome(state: EditorState, locale: Locale): Outcome {
  const { base, draft } = state;
  if (sameTemplate(base, draft)) {
    const parsed = parseTemplate(base, { locale });
    return parsed.success
      ? { kind: 'unchanged', survey: parsed.survey, issues: [], comparison: compareTemplates(base, base) }
      : { kind: 'invalid', issues: parsed.issues };
  }
  const changes = customisationsBetween(base, draft, new Set(state.editorial));
  const customised = customiseTemplate(base, { id: state.id, version: state.version, changes, locale });
  if (customised.success) {
    const unexpressed = unexpressedEdit(customised.template, draft);
    if (!unexpressed) {
      return {
        kind: 'customised',
        survey: customised.survey,
        changes,
        issues: [],
        comparison: compareTemplates(base, customised.template),
      };
    }
    // Its own template: an inherited derivedFrom would list changes that no longer make it.
    const { derivedFrom: _inherited, ...own } = draft;
    const standalone = parseTemplate({ ...own, id: state.id, version: state.version }, { locale });
    if (standalone.success) {
      return {
        kind: 'standalone',
        survey: standalone.survey,
        unexpressed,
        issues: [],
        comparison: compareTemplates(base, standalone.survey.template),
      };
    }
    return { kind: 'invalid', issues: standalone.issues };
  }
  // The draft's own problems read better than the customisation's, whose paths are change indexes.
  const own = parseTemplate({ ...draft, id: state.id, version: state.version }, { locale });
  return { kind: 'invalid', issues: own.success ? customised.issues : own.issues };
}

/**
 * The expression checker's messages for a question's visibility condition in the draft: syntax
 * errors, and ids, codes or types the template does not have. Empty when there is no condition.
 */
export function conditionIssues(draft: Template, question: string, locale: Locale): Issue[] {
  const source = findQuestionIn(draft, question)?.visibleIf;
  if (source === undefined) return [];
  const parsed = parseExpression(source, { locale });
  if (!parsed.success) return parsed.issues;
  return checkExpression(parsed.expr, { symbols: indexTemplate(draft).symbol, locale });
}
