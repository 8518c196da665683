import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateExpression, isTrue } from '../../src/expr/index.js';
import {
  type AnswerValue,
  formatPath,
  indexTemplate,
  localeCompleteness,
  parseTemplate,
  type Question,
  type Survey,
  type Template,
} from '../../src/schema/index.js';
import { forEachText } from '../../src/schema/localeCompleteness.js';

const TEMPLATE_IDS = [
  'youth-voice',
  'care-and-health-needs',
  'public-employer-wlb',
  'programme-follow-up',
  'workshop-feedback',
] as const;
type TemplateId = (typeof TEMPLATE_IDS)[number];

function readTemplate(id: TemplateId): unknown {
  return JSON.parse(readFileSync(new URL(`../../templates/${id}.json`, import.meta.url), 'utf8'));
}

/** Every issue as "path: message", so a failing expectation shows what is wrong and where. */
function issuesOf(id: TemplateId): string[] {
  const result = parseTemplate(readTemplate(id), { locale: 'en' });
  return result.success ? [] : result.issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
}

const surveys = new Map<TemplateId, Survey>();
function survey(id: TemplateId): Survey {
  const cached = surveys.get(id);
  if (cached) return cached;
  const result = parseTemplate(readTemplate(id), { locale: 'en' });
  if (!result.success) throw new Error(`${id} does not parse:\n${issuesOf(id).join('\n')}`);
  surveys.set(id, result.survey);
  return result.survey;
}

function allQuestions(template: Template): Question[] {
  return template.sections.flatMap((s) => s.questions);
}

function question(id: TemplateId, questionId: string): Question {
  const entry = indexTemplate(survey(id).template).questions.get(questionId);
  if (!entry) throw new Error(`${id} has no question ${questionId}`);
  return entry.question;
}

type Answers = Record<string, AnswerValue>;

/**
 * What a respondent with `answers` is shown, following the rules of the format: conditions run in
 * `survey.conditions` order, a question in a hidden section is hidden, and answers of hidden
 * questions count as unanswered in every later condition (stale answers must not route anyone).
 */
function shownWith(s: Survey, answers: Answers): (id: string) => boolean {
  const index = indexTemplate(s.template);
  const hidden = new Set<string>();
  const dropped = new Set<string>();
  const drop = (q: Question) => {
    hidden.add(q.id);
    dropped.add(q.id);
    if (q.type === 'matrix') for (const item of q.items) dropped.add(item.id);
  };
  for (const condition of s.conditions) {
    if (!condition.visibleIf) continue;
    const effective = Object.fromEntries(Object.entries(answers).filter(([key]) => !dropped.has(key)));
    const inHiddenSection =
      condition.target === 'question' && hidden.has(index.questions.get(condition.id)?.section.id ?? '');
    if (!inHiddenSection && isTrue(evaluateExpression(condition.visibleIf.expr, effective))) continue;
    if (condition.target === 'section') {
      hidden.add(condition.id);
      for (const q of index.sections.get(condition.id)?.section.questions ?? []) drop(q);
    } else {
      const entry = index.questions.get(condition.id);
      if (entry) drop(entry.question);
    }
  }
  return (id) => {
    const entry = index.questions.get(id);
    if (entry) return !hidden.has(id) && !hidden.has(entry.section.id);
    if (index.sections.has(id)) return !hidden.has(id);
    throw new Error(`unknown id ${id}`);
  };
}

function requiredIfValue(id: TemplateId, questionId: string, answers: Answers): boolean {
  const condition = survey(id).conditions.find((c) => c.id === questionId);
  if (!condition?.requiredIf) throw new Error(`${questionId} has no requiredIf`);
  return isTrue(evaluateExpression(condition.requiredIf.expr, answers));
}

const SEX_OPTIONS = [
  { code: 1, label: { ja: '男性', en: 'Male' } },
  { code: 2, label: { ja: '女性', en: 'Female' } },
  { code: 3, label: { ja: 'その他', en: 'Other' } },
  { code: 9, label: { ja: '答えたくない', en: 'Prefer not to say' }, missing: true },
];
const AGE_BANDS_JA = ['10代', '20代', '30代', '40代', '50代', '60代', '70代以上'];

describe.each(TEMPLATE_IDS)('template %s', (id) => {
  it('parses with no issues', () => {
    expect(issuesOf(id)).toEqual([]);
  });

  it('has every text in Japanese and English', () => {
    // Read from the raw JSON so that missing texts are listed even when the template does not parse.
    const reports = localeCompleteness({ template: readTemplate(id) as Template, locales: ['ja', 'en'] });
    for (const report of reports) {
      expect(report.missing, `${report.locale} missing`).toEqual([]);
      expect(report.ratio).toBe(1);
      expect(report.total).toBeGreaterThan(60);
    }
  });

  it('declares the metadata every built-in template carries', () => {
    const t = survey(id).template;
    expect(t.$schema).toBe('./schema.json');
    expect(t.id).toBe(id);
    expect(t.version).toBe('1.0.0');
    expect(t.locales).toEqual(['ja', 'en']);
    expect(t.licence).toBe('CC-BY-4.0');
    expect(t.provenance.authors).toEqual(['kizuki developers']);
    expect(t.provenance.basedOn?.some((d) => d.publisher && d.year)).toBe(true);
    expect(t.introduction?.ja).toMatch(/匿名/);
    expect(t.introduction?.en).toMatch(/anonym/);
    expect(t.audience?.en).toBeTruthy();
    expect(t.description?.en).toBeTruthy();
  });

  it('uses snake_case ids that are safe as CSV and SPSS column names', () => {
    const index = indexTemplate(survey(id).template);
    for (const key of [...index.sections.keys(), ...index.questions.keys(), ...index.items.keys()]) {
      expect(key).toMatch(/^[a-z][a-z0-9_]{0,63}$/);
    }
  });

  it('keeps "other" and "none" options last, and pinned where options are shuffled', () => {
    for (const q of allQuestions(survey(id).template)) {
      if (q.type !== 'single' && q.type !== 'multiple' && q.type !== 'ranking') continue;
      const special = q.options.map((o) => Boolean(o.other || o.exclusive));
      const firstSpecial = special.indexOf(true);
      if (firstSpecial >= 0) expect(special.slice(firstSpecial).every(Boolean), q.id).toBe(true);
      if (q.randomise) {
        for (const o of q.options)
          if (o.other || o.exclusive) expect(o.pinned, `${q.id} ${o.code}`).toBe(true);
      }
    }
  });

  it('marks free-text answers as possible personal data', () => {
    for (const q of allQuestions(survey(id).template)) {
      if (q.type === 'text' && q.role !== 'identifier') {
        expect(q.personalData, q.id).toBe(true);
        expect(q.maxLength, q.id).toBeDefined();
      }
    }
  });

  it('contains no braces, which labels would read as piped answers', () => {
    forEachText(survey(id).template, (text, path) => {
      for (const value of Object.values(text)) expect(value, formatPath(path)).not.toMatch(/[{}]/);
    });
  });

  it('routes only on questions asked earlier, so a respondent never goes back to unlock a question', () => {
    const index = indexTemplate(survey(id).template);
    const position = new Map([...index.questions.keys()].map((key, i) => [key, i]));
    const positionOf = (key: string) => position.get(index.items.get(key)?.question.id ?? key) ?? -1;
    for (const condition of survey(id).conditions) {
      const firstQuestion =
        condition.target === 'section'
          ? index.sections.get(condition.id)?.section.questions[0]?.id
          : condition.id;
      const at = positionOf(firstQuestion ?? '');
      const deps = [
        ...(condition.visibleIf?.dependencies ?? []),
        ...(condition.requiredIf?.dependencies ?? []),
      ];
      for (const dep of deps) expect(positionOf(dep), `${condition.id} reads ${dep}`).toBeLessThan(at);
    }
  });
});

describe('shared respondent attributes', () => {
  const withAttributes = TEMPLATE_IDS.filter((id) => id !== 'programme-follow-up');

  it.each(withAttributes)('%s asks sex and age band in the common coding', (id) => {
    const sex = question(id, 'sex');
    if (sex.type !== 'single') throw new Error('sex must be single choice');
    expect(sex.role).toBe('quasiIdentifier');
    expect(sex.options).toEqual(SEX_OPTIONS);
    const age = question(id, 'age_band');
    if (age.type !== 'single') throw new Error('age_band must be single choice');
    expect(age.role).toBe('quasiIdentifier');
    expect(age.options.map((o) => o.code)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(age.options.map((o) => o.label.ja)).toEqual(AGE_BANDS_JA);
  });

  it('words and codes them identically everywhere, so results by sex × age combine across templates', () => {
    // Only `required` may differ: templates that route on sex or age must have them answered.
    const shared = (id: TemplateId, qid: string) => ({ ...question(id, qid), required: undefined });
    const [first, ...rest] = withAttributes;
    for (const other of rest) {
      expect(shared(other, 'sex')).toEqual(shared(first!, 'sex'));
      expect(shared(other, 'age_band')).toEqual(shared(first!, 'age_band'));
    }
  });

  it.each(['care-and-health-needs', 'public-employer-wlb'] as const)(
    '%s requires sex and age band, because its routing depends on them',
    (id) => {
      const reads = new Set(survey(id).conditions.flatMap((c) => c.visibleIf?.dependencies ?? []));
      for (const qid of ['sex', 'age_band']) {
        expect(reads.has(qid), qid).toBe(true);
        expect(question(id, qid)).toMatchObject({ required: true });
      }
    },
  );
});

describe('youth-voice', () => {
  const s = () => survey('youth-voice');

  it('ranks up to five reasons for moving to a metropolitan area, "other" pinned last', () => {
    const q = question('youth-voice', 'metro_reasons');
    if (q.type !== 'ranking') throw new Error('metro_reasons must be a ranking');
    expect(q.maxRanked).toBe(5);
    expect(q.randomise).toBe(true);
    expect(q.options.length).toBeGreaterThanOrEqual(8);
    expect(q.options.length).toBeLessThanOrEqual(10);
    expect(q.options.at(-1)).toMatchObject({ other: true, pinned: true });
  });

  it('asks residents whether they will stay, and only those who want to leave about plans', () => {
    const shown = shownWith(s(), { residence: 1, hometown: 1, stay_intention: 4 });
    expect(shown('stay_intention')).toBe(true);
    expect(shown('move_plan')).toBe(true);
    expect(shown('return_intention')).toBe(false);
    expect(shown('move_in_interest')).toBe(false);
    expect(shownWith(s(), { residence: 1, hometown: 1, stay_intention: 1 })('move_plan')).toBe(false);
  });

  it('asks people who grew up here and live elsewhere whether they would return', () => {
    const shown = shownWith(s(), { residence: 3, hometown: 1, stay_intention: 4 });
    expect(shown('return_intention')).toBe(true);
    expect(shown('stay_intention')).toBe(false);
    // A stale answer from before the respondent changed their residence must not open move_plan.
    expect(shown('move_plan')).toBe(false);
    expect(shown('move_in_interest')).toBe(false);
  });

  it('asks people from elsewhere about moving here instead', () => {
    const shown = shownWith(s(), { residence: 5, hometown: 3 });
    expect(shown('move_in_interest')).toBe(true);
    expect(shown('return_intention')).toBe(false);
    expect(shown('gender_expectations')).toBe(false);
  });

  it('asks for reasons from people who live in, lived in or plan to move to a metropolitan area', () => {
    expect(shownWith(s(), { residence: 3, hometown: 1 })('metro_reasons')).toBe(true);
    expect(shownWith(s(), { residence: 3, hometown: 1 })('metro_past')).toBe(false);
    expect(shownWith(s(), { residence: 1, hometown: 1, metro_past: 1 })('metro_reasons')).toBe(true);
    expect(shownWith(s(), { residence: 1, hometown: 1, metro_past: 2 })('metro_reasons')).toBe(true);
    expect(shownWith(s(), { residence: 1, hometown: 1, metro_past: 3 })('metro_reasons')).toBe(false);
    expect(shownWith(s(), { residence: 1, hometown: 1 })('metro_reasons')).toBe(false);
  });

  it('asks what makes a local workplace attractive as a choice list and as an importance matrix', () => {
    const list = question('youth-voice', 'local_attractions');
    if (list.type !== 'multiple') throw new Error('local_attractions must be multiple choice');
    expect(list.options.filter((o) => o.exclusive)).toHaveLength(1);
    const matrix = question('youth-voice', 'job_importance');
    if (matrix.type !== 'matrix') throw new Error('job_importance must be a matrix');
    expect(s().template.scales?.[matrix.scale]?.options).toHaveLength(4);
    expect(question('youth-voice', 'comment')).toMatchObject({ type: 'text', personalData: true });
  });

  it('scores ease of work and rewarding work from the items tagged for them', () => {
    const matrix = question('youth-voice', 'job_importance');
    if (matrix.type !== 'matrix') throw new Error('job_importance must be a matrix');
    const tagged = (tag: string) => matrix.items.filter((i) => i.tags?.includes(tag)).map((i) => i.id);
    const scores = new Map((s().template.scores ?? []).map((sc) => [sc.id, sc]));
    expect(scores.get('importance_ease')?.items).toEqual(tagged('ease'));
    expect(scores.get('importance_rewarding')?.items).toEqual(tagged('rewarding'));
  });
});

describe('care-and-health-needs', () => {
  const s = () => survey('care-and-health-needs');

  it('marks every health answer as sensitive', () => {
    const health = s().template.sections.find((sec) => sec.id === 'health');
    expect(health?.questions.length).toBeGreaterThanOrEqual(8);
    for (const q of health?.questions ?? [])
      expect(q.type === 'note' || q.role === 'sensitive', q.id).toBe(true);
  });

  it('shows the childcare and elder-care sections only to those they concern', () => {
    const none = shownWith(s(), { care_roles: [4] });
    expect(none('childcare')).toBe(false);
    expect(none('eldercare')).toBe(false);
    const parent = shownWith(s(), { care_roles: [2] });
    expect(parent('childcare_issues')).toBe(true);
    expect(parent('eldercare_hours')).toBe(false);
    const carer = shownWith(s(), { care_roles: [3] });
    expect(carer('childcare')).toBe(false);
    expect(carer('eldercare_considered')).toBe(true);
    const both = shownWith(s(), { care_roles: [1, 3] });
    expect(both('childcare_balance') && both('eldercare_balance')).toBe(true);
  });

  it('asks about periods except of men, and follows up only when work was affected', () => {
    for (const sex of [2, 3, 9]) expect(shownWith(s(), { sex })('menstrual_effect'), `sex ${sex}`).toBe(true);
    expect(shownWith(s(), { sex: 1 })('menstrual_effect')).toBe(false);
    for (const effect of [1, 2, 3]) {
      const shown = shownWith(s(), { sex: 2, menstrual_effect: effect });
      expect(shown('menstrual_impact') && shown('menstrual_leave') && shown('menstrual_talk')).toBe(true);
    }
    for (const effect of [4, 5, 9]) {
      expect(shownWith(s(), { sex: 2, menstrual_effect: effect })('menstrual_leave')).toBe(false);
    }
    // Answers of a hidden question count as unanswered: a man's stale answer opens nothing.
    expect(shownWith(s(), { sex: 1, menstrual_effect: 1 })('menstrual_talk')).toBe(false);
  });

  it('skips the health page for those it has no question for', () => {
    expect(shownWith(s(), { sex: 1, age_band: 3 })('health')).toBe(false);
    expect(shownWith(s(), { sex: 1, age_band: 4 })('health')).toBe(true);
    expect(shownWith(s(), { sex: 9, age_band: 2 })('health')).toBe(true);
  });

  it('asks everyone aged 40 or over about menopausal symptoms, whatever their sex', () => {
    expect(shownWith(s(), { sex: 1, age_band: 4 })('menopause_effect')).toBe(true);
    expect(shownWith(s(), { sex: 2, age_band: 6 })('menopause_effect')).toBe(true);
    expect(shownWith(s(), { sex: 2, age_band: 3 })('menopause_effect')).toBe(false);
    expect(shownWith(s(), { age_band: 5, menopause_effect: 2 })('menopause_leave')).toBe(true);
    expect(shownWith(s(), { age_band: 3, menopause_effect: 2 })('menopause_leave')).toBe(false);
  });

  it('records for each support whether it is used, needed but missing, or not needed', () => {
    const matrix = question('care-and-health-needs', 'support_needs');
    if (matrix.type !== 'matrix') throw new Error('support_needs must be a matrix');
    const scale = s().template.scales?.[matrix.scale];
    expect(scale?.options.map((o) => o.code)).toEqual([1, 2, 3, 4, 9]);
    expect(scale?.favourable).toEqual([1, 4]);
    expect(scale?.missing).toEqual([9]);
    const met = s().template.scores?.find((sc) => sc.id === 'support_needs_met');
    expect(met?.method).toBe('favourableShare');
    expect(met?.items).toEqual(matrix.items.map((i) => i.id));
  });
});

describe('public-employer-wlb', () => {
  const s = () => survey('public-employer-wlb');

  it('records job grade as a quasi-identifier and overtime as a whole number of hours', () => {
    expect(question('public-employer-wlb', 'job_grade')).toMatchObject({
      type: 'single',
      role: 'quasiIdentifier',
    });
    expect(question('public-employer-wlb', 'overtime_hours')).toMatchObject({
      type: 'number',
      integer: true,
      min: 0,
    });
    expect(question('public-employer-wlb', 'child_expected')).toMatchObject({ role: 'sensitive' });
  });

  it('asks men with young children or expecting one about childcare leave', () => {
    const father = shownWith(s(), { sex: 1, age_band: 3, children: 1, child_expected: 3 });
    expect(father('childcare_leave')).toBe(true);
    expect(father('leave_taken')).toBe(true);
    expect(father('leave_intention')).toBe(false);
    expect(father('leave_obstacles')).toBe(true);
    const expecting = shownWith(s(), { sex: 1, age_band: 2, children: 4, child_expected: 1 });
    expect(expecting('leave_intention')).toBe(true);
    expect(expecting('leave_taken')).toBe(false);
  });

  it('does not ask women, men without children, or older men with a stale answer', () => {
    expect(shownWith(s(), { sex: 2, age_band: 3, children: 1 })('childcare_leave')).toBe(false);
    expect(shownWith(s(), { sex: 1, age_band: 3, children: 3, child_expected: 3 })('childcare_leave')).toBe(
      false,
    );
    // child_expected is asked only up to the 40s; its hidden answer must not open the section.
    expect(shownWith(s(), { sex: 1, age_band: 5, children: 4, child_expected: 1 })('childcare_leave')).toBe(
      false,
    );
  });

  it('requires obstacles from men who want leave but think they cannot take it', () => {
    expect(requiredIfValue('public-employer-wlb', 'leave_obstacles', { leave_intention: 3 })).toBe(true);
    expect(requiredIfValue('public-employer-wlb', 'leave_obstacles', { leave_intention: 1 })).toBe(false);
    expect(requiredIfValue('public-employer-wlb', 'leave_obstacles', {})).toBe(false);
  });

  it('asks non-teleworkers why, non-managers about promotion and managers about their difficulties', () => {
    expect(shownWith(s(), { telework_use: 4 })('telework_barriers')).toBe(true);
    expect(shownWith(s(), { telework_use: 1 })('telework_barriers')).toBe(false);
    expect(shownWith(s(), { job_grade: 2 })('manager_wish')).toBe(true);
    expect(shownWith(s(), { job_grade: 2 })('manager_challenges')).toBe(false);
    expect(shownWith(s(), { job_grade: 4 })('manager_challenges')).toBe(true);
    expect(shownWith(s(), { job_grade: 4, manager_wish: 4 })('manager_hesitation')).toBe(false);
    expect(shownWith(s(), { job_grade: 1, manager_wish: 4 })('manager_hesitation')).toBe(true);
  });
});

describe('programme-follow-up', () => {
  const s = () => survey('programme-follow-up');

  it('identifies the municipality, not the officer', () => {
    expect(question('programme-follow-up', 'municipality_name')).toMatchObject({
      type: 'text',
      role: 'identifier',
      required: true,
    });
    const index = indexTemplate(s().template);
    expect(index.questions.has('sex')).toBe(false);
  });

  it('lists the four national fields of work as the first codes of a multiple choice', () => {
    const q = question('programme-follow-up', 'focus_areas');
    if (q.type !== 'multiple') throw new Error('focus_areas must be multiple choice');
    expect(q.options.slice(0, 4).map((o) => o.label.en)).toEqual([
      expect.stringMatching(/pay gap/),
      expect.stringMatching(/childcare, elder care/),
      expect.stringMatching(/health/),
      expect.stringMatching(/gender-role/),
    ]);
  });

  it('rates collaboration only where there is some, and scores it as a favourable share', () => {
    expect(shownWith(s(), { business_org_collab: 1 })('business_org_works')).toBe(true);
    expect(shownWith(s(), { business_org_collab: 2 })('business_org_works')).toBe(false);
    expect(shownWith(s(), { labour_bureau_collab: 2 })('labour_bureau_issues')).toBe(true);
    expect(shownWith(s(), { labour_bureau_collab: 3 })('labour_bureau_issues')).toBe(false);
    expect(s().template.scores?.find((sc) => sc.id === 'collaboration')?.items).toEqual([
      'business_org_works',
      'labour_bureau_works',
    ]);
  });

  it('counts employers and requires the joined count once any were invited', () => {
    for (const qid of ['employers_invited', 'employers_joined']) {
      expect(question('programme-follow-up', qid)).toMatchObject({ type: 'number', integer: true, min: 0 });
    }
    expect(requiredIfValue('programme-follow-up', 'employers_joined', { employers_invited: 40 })).toBe(true);
    expect(requiredIfValue('programme-follow-up', 'employers_joined', { employers_invited: 0 })).toBe(false);
    expect(requiredIfValue('programme-follow-up', 'employers_joined', {})).toBe(false);
  });

  it('asks whose voices were heard only when some were', () => {
    expect(shownWith(s(), { voice_methods: [1, 3] })('voice_groups')).toBe(true);
    expect(shownWith(s(), { voice_methods: [9] })('voice_groups')).toBe(false);
    expect(shownWith(s(), {})('voice_groups')).toBe(false);
  });
});

describe('workshop-feedback', () => {
  const s = () => survey('workshop-feedback');

  it('asks the participant role with an "other, please specify" option', () => {
    const q = question('workshop-feedback', 'participant_role');
    if (q.type !== 'single') throw new Error('participant_role must be single choice');
    expect(q.role).toBe('quasiIdentifier');
    expect(q.options.map((o) => o.label.en)).toEqual(
      expect.arrayContaining(['Municipal staff', 'Resident', 'Other', expect.stringMatching(/^Employee/)]),
    );
    expect(q.options.at(-1)?.other).toBe(true);
  });

  it('asks satisfaction, usefulness and recommendation on scales, and two open questions', () => {
    expect(question('workshop-feedback', 'overall_satisfaction')).toMatchObject({ type: 'likert' });
    expect(question('workshop-feedback', 'usefulness')).toMatchObject({ type: 'matrix' });
    expect(question('workshop-feedback', 'recommend')).toMatchObject({ type: 'likert' });
    expect(question('workshop-feedback', 'most_useful')).toMatchObject({ type: 'text', personalData: true });
    expect(question('workshop-feedback', 'change_next')).toMatchObject({ type: 'text', personalData: true });
  });

  it('asks the dissatisfied why, and online participants about technical trouble', () => {
    for (const code of [1, 2, 3]) {
      expect(shownWith(s(), { overall_satisfaction: code })('dissatisfaction_reasons')).toBe(false);
    }
    for (const code of [4, 5]) {
      expect(shownWith(s(), { overall_satisfaction: code })('dissatisfaction_reasons')).toBe(true);
    }
    expect(shownWith(s(), { attendance: 2 })('online_trouble')).toBe(true);
    expect(shownWith(s(), { attendance: 1 })('online_trouble')).toBe(false);
  });
});
