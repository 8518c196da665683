import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  canRedo,
  canUndo,
  conditionIssues,
  type EditorState,
  findQuestion,
  HISTORY_LIMIT,
  openTemplate,
  outcome,
  redo,
  setIdentity,
  undo,
} from '../../examples/editor/editorState.js';
import { hashTemplate, type Template } from '../../src/schema/index.js';
import { customiseTemplate, getTemplate } from '../../src/templates/index.js';

const base = () => getTemplate('example-all-features')! as Template;
const ids = (t: Template) => t.sections.flatMap((s) => s.questions.map((q) => q.id));
const question = (t: Template, id: string) => {
  const found = findQuestion(t, id)!;
  return found.list[found.index]!;
};

describe('the editor state', () => {
  it('opens a template unchanged: the result is the opened template itself, hash and all', () => {
    const state = openTemplate(base());
    const result = outcome(state, 'ja');
    expect(result.kind).toBe('unchanged');
    expect(result.survey!.hash).toBe(hashTemplate(base()));
    expect(result.comparison!.differences).toEqual([]);
    expect(state.id).toBe('example-all-features-custom');
    // A customisation opened again is named apart from itself, as customiseTemplate requires.
    expect(openTemplate({ ...base(), id: 'town-custom' }).id).toBe('town-custom-2');
    expect(openTemplate({ ...base(), id: 'town-custom-2' }).id).toBe('town-custom-3');
  });

  it('keeps the id of a rewording declared editorial, and undoes the declaration like any edit', () => {
    let state = openTemplate(base());
    state = applyEdit(state, {
      kind: 'text',
      target: { kind: 'label', question: 'age' },
      locale: 'ja',
      value: '年齢（満年齢）',
    });
    state = applyEdit(state, { kind: 'editorial', id: 'age', editorial: true });
    const kept = outcome(state, 'ja');
    expect(ids(kept.survey!.template)).toContain('age');
    expect(kept.changes).toContainEqual(
      expect.objectContaining({ kind: 'rewordQuestion', id: 'age', editorial: true }),
    );
    const verdict = kept.comparison!.results.find((r) => r.id === 'age')!;
    expect(verdict.previousWave.comparable).toBe(true);
    state = undo(state);
    expect(state.editorial).toEqual([]);
    expect(ids(outcome(state, 'ja').survey!.template)).toContain('age_m1');
    state = redo(state);
    expect(state.editorial).toEqual(['age']);
    expect(applyEdit(state, { kind: 'editorial', id: 'age', editorial: true })).toBe(state);
  });

  it('expresses a reworded label, a removed and an added question as customisations (the id rule applies)', () => {
    let state = openTemplate(base());
    state = applyEdit(state, {
      kind: 'text',
      target: { kind: 'label', question: 'age' },
      locale: 'ja',
      value: '満年齢を教えてください',
    });
    state = applyEdit(state, { kind: 'removeQuestion', question: 'email' });
    state = applyEdit(state, { kind: 'addQuestion', section: 'about', after: 'children' });
    const result = outcome(state, 'en');
    expect(result.kind).toBe('customised');
    expect(result.changes!.map((c) => c.kind).sort()).toEqual([
      'addQuestion',
      'removeQuestion',
      'rewordQuestion',
    ]);
    const template = result.survey!.template;
    // The same changes given to customiseTemplate by hand make the same template.
    const direct = customiseTemplate(base(), {
      id: 'example-all-features-custom',
      changes: result.changes!,
    });
    expect(direct.success && hashTemplate(direct.template)).toBe(hashTemplate(template));
    expect(ids(template).slice(0, 5)).toEqual(['sex', 'age_m1', 'children', 'q_new1', 'birth_date']);
    expect(template.derivedFrom?.id).toBe('example-all-features');
    const kinds = result.comparison!.differences.map((d) => `${d.kind} ${d.id}`);
    expect(kinds).toEqual(expect.arrayContaining(['removed email', 'added q_new1', 'reworded age']));
  });

  it('is unchanged again when an edit is typed back, whatever the key order', () => {
    const help = { kind: 'help', question: 'children' } as const;
    // The help text before the other fields, as a hand-written file may have it.
    const opened = base();
    const { id, type, label, help: text, ...rest } = question(opened, 'children');
    const found = findQuestion(opened, 'children')!;
    found.list[found.index] = { id, type, label, help: text, ...rest } as (typeof found.list)[number];
    let state = openTemplate(opened);
    const before = question(opened, 'children').help;
    expect(before).toBeDefined();
    state = applyEdit(state, { kind: 'text', target: help, locale: 'ja', value: '' });
    state = applyEdit(state, { kind: 'text', target: help, locale: 'en', value: '' });
    expect(question(state.draft, 'children').help).toBeUndefined();
    state = applyEdit(state, { kind: 'text', target: help, locale: 'ja', value: before!.ja });
    state = applyEdit(state, { kind: 'text', target: help, locale: 'en', value: before!.en! });
    expect(outcome(state, 'ja').kind).toBe('unchanged');
  });

  it('makes a standalone template when an edit is no customisation (a move), and says where', () => {
    let state = openTemplate(base());
    state = applyEdit(state, { kind: 'moveQuestion', question: 'age', by: -1 });
    expect(ids(state.draft).slice(0, 3)).toEqual(['email', 'age', 'sex']);
    const result = outcome(state, 'ja');
    expect(result.kind).toBe('standalone');
    expect(result.unexpressed).toEqual(expect.arrayContaining(['sections', 0, 'questions']));
    expect(result.survey!.template.id).toBe('example-all-features-custom');
    expect(result.comparison!.differences.some((d) => d.kind === 'moved')).toBe(true);
  });

  it('does not carry over the derivedFrom of a customisation opened again when the result is standalone', () => {
    const first = outcome(
      applyEdit(openTemplate(base()), { kind: 'removeQuestion', question: 'email' }),
      'ja',
    );
    expect(first.survey!.template.derivedFrom).toBeDefined();
    const again = applyEdit(openTemplate(first.survey!.template), {
      kind: 'moveQuestion',
      question: 'age',
      by: -1,
    });
    const result = outcome(again, 'ja');
    expect(result.kind).toBe('standalone');
    expect(result.survey!.template.id).toBe('example-all-features-custom-2');
    expect(result.survey!.template.derivedFrom).toBeUndefined();
    expect(result.comparison!.related).toBe(false);
  });

  it('undoes and redoes, typing into one field is one step, and a new edit clears redo', () => {
    let state: EditorState = openTemplate(base());
    const label = { kind: 'label', question: 'sex' } as const;
    for (const value of ['性', '性別', '性別を'])
      state = applyEdit(state, { kind: 'text', target: label, locale: 'en', value });
    expect(state.past).toHaveLength(1);
    state = applyEdit(state, { kind: 'addOption', question: 'sex' });
    expect(state.past).toHaveLength(2);
    state = undo(state);
    expect(question(state.draft, 'sex').label.en).toBe('性別を');
    expect(canRedo(state)).toBe(true);
    state = undo(state);
    expect(question(state.draft, 'sex').label).toEqual(question(base(), 'sex').label);
    expect(canUndo(state)).toBe(false);
    expect(undo(state)).toBe(state);
    state = redo(redo(state));
    expect(canRedo(state)).toBe(false);
    const sex = question(state.draft, 'sex');
    expect(sex.type === 'single' && sex.options.length).toBe(
      (question(base(), 'sex') as { options: unknown[] }).options.length + 1,
    );
    state = undo(state);
    state = applyEdit(state, { kind: 'removeQuestion', question: 'email' });
    expect(canRedo(state)).toBe(false);
    // Typing again after another edit is a new step.
    state = applyEdit(state, { kind: 'text', target: label, locale: 'en', value: 'Sex' });
    expect(state.past).toHaveLength(3);
  });

  it('keeps a bounded history', () => {
    let state = openTemplate(base());
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) {
      state = applyEdit(state, { kind: 'moveOption', question: 'sex', code: 1, by: i % 2 === 0 ? 1 : -1 });
    }
    expect(state.past).toHaveLength(HISTORY_LIMIT);
  });

  it('refuses edits that do not apply, without adding a step', () => {
    const state = openTemplate(base());
    expect(applyEdit(state, { kind: 'moveQuestion', question: 'email', by: -1 })).toBe(state);
    expect(applyEdit(state, { kind: 'removeQuestion', question: 'nope' })).toBe(state);
    expect(applyEdit(state, { kind: 'addOption', question: 'age' })).toBe(state); // a number has none
    expect(
      applyEdit(state, {
        kind: 'text',
        target: { kind: 'label', question: 'sex' },
        locale: 'ja',
        value: question(base(), 'sex').label.ja,
      }),
    ).toBe(state);
  });

  it('gives added questions and items ids that neither the draft nor the base uses, even after removal', () => {
    let state = openTemplate(base());
    state = applyEdit(state, { kind: 'addQuestion', section: 'about' });
    state = applyEdit(state, { kind: 'removeQuestion', question: 'q_new1' });
    state = applyEdit(state, { kind: 'addQuestion', section: 'about' });
    expect(ids(state.draft)).toContain('q_new1');
    state = applyEdit(state, { kind: 'addQuestion', section: 'about' });
    expect(ids(state.draft)).toContain('q_new2');
    state = applyEdit(state, { kind: 'addItem', question: 'views' });
    const views = question(state.draft, 'views');
    expect(views.type === 'matrix' && views.items.at(-1)!.id).toBe('views_new1');
    expect(outcome(state, 'ja').kind).toBe('customised');
  });

  it('gives the expression checker’s messages for a condition, in the chosen language', () => {
    let state = openTemplate(base());
    const set = (source: string) => {
      state = applyEdit(state, { kind: 'condition', question: 'children', source });
      return conditionIssues(state.draft, 'children', 'en');
    };
    expect(set('age >= 18')).toEqual([]);
    expect(set('agee >= 18').map((i) => i.code)).toEqual(['unknown_id']);
    expect(set('sex = 7').map((i) => i.code)).toEqual(['unknown_code']);
    expect(set('age >= ').length).toBeGreaterThan(0);
    expect(conditionIssues(state.draft, 'children', 'ja')[0]!.message).toMatch(/[ぁ-んァ-ン一-龯]/);
    // An invalid condition makes the result invalid, with the question's path.
    const result = outcome(state, 'en');
    expect(result.kind).toBe('invalid');
    expect(result.issues[0]!.path.slice(0, 5)).toEqual(['sections', 0, 'questions', 3, 'visibleIf']);
    expect(set('').length).toBe(0);
    expect(question(state.draft, 'children').visibleIf).toBeUndefined();
  });

  it('edits texts in each language: an emptied English text goes and is reported missing, Japanese stays', () => {
    let state = openTemplate(base());
    const target = { kind: 'option', question: 'sex', code: 1 } as const;
    state = applyEdit(state, { kind: 'text', target, locale: 'en', value: '' });
    const sex = question(state.draft, 'sex');
    expect(sex.type === 'single' && sex.options[0]!.label).toEqual({ ja: expect.any(String) });
    const missing = outcome(state, 'en');
    expect(missing.kind).toBe('invalid');
    expect(missing.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['missing_translation', 'sections.0.questions.1.options.0.label.en'],
    ]);
    state = applyEdit(state, { kind: 'text', target, locale: 'en', value: 'Man' });
    state = applyEdit(state, { kind: 'text', target: { kind: 'title' }, locale: 'ja', value: '町の調査' });
    expect(state.draft.title.ja).toBe('町の調査');
    expect(outcome(state, 'ja').kind).toBe('customised');
  });

  it('reports a bad name for the result, and a text past the template limits, as problems rather than crashing', () => {
    const edited = applyEdit(openTemplate(base()), { kind: 'removeQuestion', question: 'email' });
    const named = outcome(setIdentity(edited, 'Bad Id', '1.0.0'), 'en');
    expect(named.kind).toBe('invalid');
    expect(named.issues.map((i) => i.path[0])).toContain('id');
    const same = outcome(setIdentity(edited, 'example-all-features', '1.0.0'), 'ja');
    expect(same.kind).toBe('invalid');
    const huge = applyEdit(openTemplate(base()), {
      kind: 'text',
      target: { kind: 'label', question: 'sex' },
      locale: 'ja',
      value: 'あ'.repeat(1_000_000),
    });
    const result = outcome(huge, 'en');
    expect(result.kind).toBe('invalid');
    expect(result.issues[0]!.path).toEqual(['sections', 0, 'questions', 1, 'label', 'ja']);
  });
});
