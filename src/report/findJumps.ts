import { evaluateExpression } from '../expr/index.js';
import type { CompiledExpression, Survey } from '../schema/index.js';
import type { QuestionNumber } from './questionNumbers.js';

/** Where to go next after an option: a question number such as `Q7`, or the end of the questionnaire. */
export type JumpTarget = { to: string } | { to: 'end' };

/**
 * Finds the skips a paper questionnaire prints beside options ("→ go to Q7"). After a single-choice
 * or Likert question S, the questions that follow and whose conditions (their own and their
 * section's) read S alone form a run; for each option of S, the questions at the start of the run
 * that the option hides are skipped, and the option points to the first question after them.
 */
export function findJumps(
  survey: Survey,
  numbers: ReadonlyMap<string, QuestionNumber>,
): Map<string, Map<number, JumpTarget>> {
  const visibleIf = new Map<string, CompiledExpression>();
  for (const condition of survey.conditions) {
    if (condition.visibleIf) visibleIf.set(condition.id, condition.visibleIf);
  }
  const flow = survey.template.sections.flatMap((section) =>
    section.questions
      .filter((q) => q.type !== 'note')
      .map((question) => ({
        question,
        conditions: [visibleIf.get(section.id), visibleIf.get(question.id)].filter(
          (c): c is CompiledExpression => c !== undefined,
        ),
      })),
  );
  const jumps = new Map<string, Map<number, JumpTarget>>();
  flow.forEach(({ question: source }, position) => {
    if (source.type !== 'single' && source.type !== 'likert') return;
    const run: (typeof flow)[number][] = [];
    for (let i = position + 1; i < flow.length; i++) {
      const entry = flow[i]!;
      const reads = new Set(entry.conditions.flatMap((c) => c.dependencies));
      if (reads.size !== 1 || !reads.has(source.id)) break;
      run.push(entry);
    }
    if (run.length === 0) return;
    const codes =
      source.type === 'single'
        ? source.options.map((o) => o.code)
        : (survey.template.scales?.[source.scale]?.options.map((o) => o.code) ?? []);
    const targets = new Map<number, JumpTarget>();
    for (const code of codes) {
      const answers = { [source.id]: code };
      let skipped = 0;
      while (
        skipped < run.length &&
        !run[skipped]!.conditions.every((c) => evaluateExpression(c.expr, answers) === true)
      ) {
        skipped += 1;
      }
      if (skipped === 0) continue;
      const next = flow[position + 1 + skipped];
      const label = next === undefined ? undefined : numbers.get(next.question.id)?.label;
      targets.set(code, label === undefined ? { to: 'end' } : { to: label });
    }
    if (targets.size > 0) jumps.set(source.id, targets);
  });
  return jumps;
}
