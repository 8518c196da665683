import { indexTemplate, type LocalisedText, type Question, type Template } from '../schema/index.js';

/** What part of a template a difference concerns. */
export type TemplatePart = 'section' | 'question' | 'item' | 'option' | 'scale' | 'score';

/** One difference between two templates. */
export interface TemplateDifference {
  kind: 'added' | 'removed' | 'reworded' | 'moved' | 'retyped';
  part: TemplatePart;
  /** Id of the section, question, item, scale or score; for an option, the question or scale it belongs to. */
  id: string;
  /** Options only: the option's code. */
  code?: number;
  /** Text before and after (reworded), or the text of what was added or removed. */
  before?: LocalisedText;
  after?: LocalisedText;
  /** A reworded question or item that got a new id (customiseTemplate's id rule): the new id. */
  newId?: string;
  /** The rewording was declared editorial in `derivedFrom`: answers keep their meaning. */
  editorial?: boolean;
}

/** Why a result cannot be compared. */
export type ComparabilityReason =
  | 'added'
  | 'removed'
  | 'type_changed'
  | 'reworded'
  | 'scale_relabelled'
  | 'scale_changed'
  | 'options_relabelled'
  | 'options_changed'
  | 'reverse_changed'
  | 'score_method_changed'
  | 'score_items_changed'
  | 'benchmark_missing';

/** Whether one comparison holds, and if not, why. */
export interface Comparability {
  comparable: boolean;
  reasons: ComparabilityReason[];
  /** The reasons in words, in Japanese and English. */
  why: LocalisedText & { en: string };
}

/** The verdict for one result a report shows: an item (answer key) or a score. */
export interface ResultVerdict {
  kind: 'item' | 'score';
  id: string;
  /** Its label in the changed template (the base's when removed). */
  label: LocalisedText;
  /** Comparable with the same result in a wave made with the base template. */
  previousWave: Comparability;
  /** Comparable with the national benchmark; null when neither template has a benchmark for it. */
  benchmark: Comparability | null;
  /** Its position moved; results stay comparable, but order can nudge answers. */
  moved: boolean;
  /** For a result renamed by a rewording: the id it has in the changed template. */
  newId?: string;
}

/** The result of {@link compareTemplates}. */
export interface TemplateComparison {
  base: { id: string; version: string };
  changed: { id: string; version: string };
  /** True when the changed template is the base itself or records the base in `derivedFrom`. */
  related: boolean;
  differences: TemplateDifference[];
  results: ResultVerdict[];
}

const REASON_TEXT: Record<ComparabilityReason, { ja: string; en: string }> = {
  added: { ja: '新しく加わった', en: 'added' },
  removed: { ja: '削除された', en: 'removed' },
  type_changed: { ja: '質問の形式が変わった', en: 'question type changed' },
  reworded: { ja: '文言が変わった', en: 'reworded' },
  scale_relabelled: { ja: '選択肢の言葉（尺度）が変わった', en: 'scale relabelled' },
  scale_changed: { ja: '尺度の選択肢が変わった', en: 'scale options changed' },
  options_relabelled: { ja: '選択肢の言葉が変わった', en: 'options relabelled' },
  options_changed: { ja: '選択肢が増減した', en: 'options added or removed' },
  reverse_changed: { ja: '逆転項目の指定が変わった', en: 'reverse keying changed' },
  score_method_changed: { ja: '得点の計算方法が変わった', en: 'score method changed' },
  score_items_changed: { ja: '得点に含む項目が変わった', en: 'items of the score changed' },
  benchmark_missing: { ja: '全国値の定義がない', en: 'no benchmark defined' },
};

/**
 * Compares two templates — two versions, or a programme template and a municipality's
 * customisation — matching questions, items, options, scales and scores by id. Lists every added,
 * removed, reworded, retyped and moved part, and gives a verdict per result (each answer key and
 * score): comparable with a wave made with `base` or not, and why; comparable with the national
 * benchmarks or not. A reworded question or item that `customiseTemplate` gave a new id is shown
 * as one rewording (old id → new id); rewordings declared `editorial` keep comparability. Filling
 * in a placeholder such as `{municipality}` is not a rewording.
 *
 * @example
 * ```ts
 * import { compareTemplates, getTemplate, customiseTemplate } from 'kizuki/templates';
 * const base = getTemplate('bias-awareness-community')!;
 * const mine = customiseTemplate(base, { id: 'toyooka-bias-2026', authors: ['豊岡市'], changes: [
 *   { kind: 'rewordItem', target: 'h01', text: { ja: '…' } },
 * ] });
 * if (mine.success) {
 *   const diff = compareTemplates(base, mine.survey.template);
 *   diff.results.find((r) => r.id === 'h01')?.previousWave; // { comparable: false, reasons: ['reworded'], … }
 * }
 * ```
 */
export function compareTemplates(base: Template, changed: Template): TemplateComparison {
  const a = indexTemplate(base);
  const b = indexTemplate(changed);
  const differences: TemplateDifference[] = [];
  const derived = changed.derivedFrom;
  const related = base.id === changed.id || derived?.id === base.id;
  const changes = related ? (derived?.changes ?? []) : [];
  const renamedTo = new Map<string, string>();
  const editorial = new Set<string>();
  for (const change of changes) {
    if (change.target === undefined) continue;
    if (change.replacedBy !== undefined) renamedTo.set(change.target, change.replacedBy);
    if (change.editorial === true) editorial.add(change.target);
  }
  const renamedFrom = new Map([...renamedTo].map(([from, to]) => [to, from]));
  /** A question or item missing from `changed`: removed, or reworded under a new id. */
  const gone = (
    part: 'question' | 'item',
    id: string,
    before: LocalisedText,
    textOf: (newId: string) => LocalisedText | undefined,
  ): TemplateDifference => {
    const newId = renamedTo.get(id);
    if (newId === undefined) return { kind: 'removed', part, id, before };
    const after = textOf(newId);
    return { kind: 'reworded', part, id, newId, before, ...(after === undefined ? {} : { after }) };
  };

  // Sections.
  for (const [id, { section }] of a.sections)
    if (!b.sections.has(id))
      differences.push({ kind: 'removed', part: 'section', id, before: section.title });
  for (const [id, { section }] of b.sections)
    if (!a.sections.has(id)) differences.push({ kind: 'added', part: 'section', id, after: section.title });

  // Scales: options added, removed or relabelled.
  const scaleReasons = new Map<string, ComparabilityReason[]>();
  for (const [id, scale] of a.scales) {
    const other = b.scales.get(id);
    if (other === undefined) {
      differences.push({ kind: 'removed', part: 'scale', id });
      continue;
    }
    const reasons = compareOptions(scale.options, other.options, id, differences, editorial.has(id));
    if (!sameCodes(scale.favourable, other.favourable) || !sameCodes(scale.missing, other.missing))
      reasons.add('scale_changed');
    scaleReasons.set(
      id,
      [...reasons].map((r) =>
        r === 'options_relabelled' ? 'scale_relabelled' : r === 'options_changed' ? 'scale_changed' : r,
      ),
    );
  }
  for (const id of b.scales.keys())
    if (!a.scales.has(id)) differences.push({ kind: 'added', part: 'scale', id });

  // Questions and items, in template order.
  const moved = new Set([...movedIds([...a.questions.keys()], [...b.questions.keys()])]);
  for (const [id, entry] of a.questions) {
    const other = b.questions.get(id);
    if (other === undefined) {
      differences.push(
        gone('question', id, entry.question.label, (to) => b.questions.get(to)?.question.label),
      );
      continue;
    }
    if (other.question.type !== entry.question.type)
      differences.push({ kind: 'retyped', part: 'question', id });
    if (entry.sectionIndex !== other.sectionIndex && entry.section.id !== other.section.id) moved.add(id);
    if (moved.has(id)) differences.push({ kind: 'moved', part: 'question', id });
    if (!sameText(entry.question.label, other.question.label))
      differences.push({
        kind: 'reworded',
        part: 'question',
        id,
        before: entry.question.label,
        after: other.question.label,
        ...(editorial.has(id) ? { editorial: true } : {}),
      });
  }
  for (const [id, entry] of b.questions)
    if (!a.questions.has(id) && !renamedFrom.has(id))
      differences.push({ kind: 'added', part: 'question', id, after: entry.question.label });

  const questionReasons = new Map<string, Set<ComparabilityReason>>();
  for (const [id, entry] of a.questions) {
    const other = b.questions.get(id);
    if (other === undefined) continue;
    const reasons = new Set<ComparabilityReason>();
    const q = entry.question;
    const p = other.question;
    if (q.type !== p.type) reasons.add('type_changed');
    else if ('options' in q && 'options' in p)
      for (const r of compareOptions(q.options, p.options, id, differences, editorial.has(id)))
        reasons.add(r);
    if ('scale' in q && 'scale' in p && q.type !== 'matrix' && q.type === p.type) {
      if (q.scale !== p.scale) reasons.add('scale_changed');
      else for (const r of scaleReasons.get(q.scale) ?? []) reasons.add(r);
    }
    if (q.type === 'likert' && p.type === 'likert' && Boolean(q.reverse) !== Boolean(p.reverse))
      reasons.add('reverse_changed');
    if (!sameText(q.label, p.label) && !editorial.has(id)) reasons.add('reworded');
    questionReasons.set(id, reasons);
  }

  const itemMoved = new Set(movedIds([...a.items.keys()], [...b.items.keys()]));
  const itemReasons = new Map<string, Set<ComparabilityReason>>();
  for (const [id, entry] of a.items) {
    const other = b.items.get(id);
    if (other === undefined) {
      differences.push(gone('item', id, entry.item.text, (to) => b.items.get(to)?.item.text));
      continue;
    }
    const reasons = new Set<ComparabilityReason>();
    if (other.question.id !== entry.question.id) itemMoved.add(id);
    if (itemMoved.has(id)) differences.push({ kind: 'moved', part: 'item', id });
    if (!sameText(entry.item.text, other.item.text)) {
      differences.push({
        kind: 'reworded',
        part: 'item',
        id,
        before: entry.item.text,
        after: other.item.text,
        ...(editorial.has(id) ? { editorial: true } : {}),
      });
      if (!editorial.has(id)) reasons.add('reworded');
    }
    if (entry.question.scale !== other.question.scale) reasons.add('scale_changed');
    else for (const r of scaleReasons.get(entry.question.scale) ?? []) reasons.add(r);
    if (Boolean(entry.item.reverse) !== Boolean(other.item.reverse)) reasons.add('reverse_changed');
    // A matrix's stem is part of every item's wording.
    if (questionReasons.get(entry.question.id)?.has('reworded')) reasons.add('reworded');
    itemReasons.set(id, reasons);
  }
  for (const [id, entry] of b.items)
    if (!a.items.has(id) && !renamedFrom.has(id))
      differences.push({ kind: 'added', part: 'item', id, after: entry.item.text });

  // Verdicts per answer key: everything analysable in either template.
  const results: ResultVerdict[] = [];
  const benchmarkKeys = (t: Template, kind: 'item' | 'score') =>
    new Set(
      (t.benchmarks ?? []).map((x) => (kind === 'item' ? x.item : x.score)).filter((x) => x !== undefined),
    );
  const baseBench = { item: benchmarkKeys(base, 'item'), score: benchmarkKeys(base, 'score') };
  const changedBench = { item: benchmarkKeys(changed, 'item'), score: benchmarkKeys(changed, 'score') };
  const verdict = (
    kind: 'item' | 'score',
    id: string,
    label: LocalisedText,
    reasons: Iterable<ComparabilityReason>,
    extra: { moved?: boolean; newId?: string } = {},
  ): ResultVerdict => {
    const previousWave = comparability([...reasons]);
    const inBase = baseBench[kind].has(id);
    const inChanged = changedBench[kind].has(id);
    const benchmark =
      !inBase && !inChanged
        ? null
        : comparability(
            previousWave.comparable || !inBase
              ? inChanged
                ? []
                : ['benchmark_missing']
              : previousWave.reasons,
          );
    return {
      kind,
      id,
      label,
      previousWave,
      benchmark,
      moved: extra.moved ?? false,
      ...(extra.newId === undefined ? {} : { newId: extra.newId }),
    };
  };
  const keyLabel = (index: typeof a, id: string): LocalisedText | undefined =>
    index.items.get(id)?.item.text ?? index.questions.get(id)?.question.label;
  for (const id of a.answerKeys) {
    if (!analysable(a, id)) continue;
    const label = keyLabel(b, id) ?? keyLabel(a, id)!;
    if (!b.answerKeys.includes(id)) {
      const newId = renamedTo.get(id);
      results.push(
        verdict(
          'item',
          id,
          label,
          [newId === undefined ? 'removed' : 'reworded'],
          newId === undefined ? {} : { newId },
        ),
      );
      continue;
    }
    const reasons = a.items.has(id) ? itemReasons.get(id) : questionReasons.get(id);
    results.push(verdict('item', id, label, reasons ?? [], { moved: moved.has(id) || itemMoved.has(id) }));
  }
  for (const id of b.answerKeys)
    if (!a.answerKeys.includes(id) && !renamedFrom.has(id) && analysable(b, id))
      results.push(verdict('item', id, keyLabel(b, id)!, ['added']));

  // Scores: comparable when defined the same way over comparable items.
  const itemVerdicts = new Map(results.map((r) => [r.id, r]));
  const baseScores = new Map((base.scores ?? []).map((s) => [s.id, s]));
  for (const score of changed.scores ?? []) {
    const old = baseScores.get(score.id);
    if (old === undefined) {
      differences.push({ kind: 'added', part: 'score', id: score.id, after: score.label });
      results.push(verdict('score', score.id, score.label, ['added']));
      continue;
    }
    const reasons = new Set<ComparabilityReason>();
    if (old.method !== score.method || old.minAnswered !== score.minAnswered)
      reasons.add('score_method_changed');
    if (old.items.length !== score.items.length || old.items.some((x, i) => x !== score.items[i]))
      reasons.add('score_items_changed');
    for (const item of score.items)
      for (const r of itemVerdicts.get(renamedFrom.get(item) ?? item)?.previousWave.reasons ?? [])
        reasons.add(r);
    if (reasons.size > 0) differences.push({ kind: 'reworded', part: 'score', id: score.id });
    results.push(verdict('score', score.id, score.label, reasons));
  }
  for (const score of base.scores ?? []) {
    if ((changed.scores ?? []).some((s) => s.id === score.id)) continue;
    differences.push({ kind: 'removed', part: 'score', id: score.id, before: score.label });
    results.push(verdict('score', score.id, score.label, ['removed']));
  }
  return {
    base: { id: base.id, version: base.version },
    changed: { id: changed.id, version: changed.version },
    related,
    differences,
    results,
  };
}

function comparability(reasons: ComparabilityReason[]): Comparability {
  const unique = [...new Set(reasons)];
  return {
    comparable: unique.length === 0,
    reasons: unique,
    why: {
      ja: unique.map((r) => REASON_TEXT[r].ja).join('、'),
      en: unique.map((r) => REASON_TEXT[r].en).join(', '),
    },
  };
}

/** Answer keys a report shows figures for. */
function analysable(index: ReturnType<typeof indexTemplate>, id: string): boolean {
  if (index.items.has(id)) return true;
  const type: Question['type'] | undefined = index.questions.get(id)?.question.type;
  return (
    type === 'single' || type === 'likert' || type === 'number' || type === 'multiple' || type === 'ranking'
  );
}

/** Adds option differences of one question or scale; returns what they do to comparability. */
function compareOptions(
  before: ReadonlyArray<{ code: number; label: LocalisedText }>,
  after: ReadonlyArray<{ code: number; label: LocalisedText }>,
  id: string,
  differences: TemplateDifference[],
  editorial: boolean,
): Set<ComparabilityReason> {
  const part = 'option';
  const reasons = new Set<ComparabilityReason>();
  const later = new Map(after.map((o) => [o.code, o]));
  const earlier = new Set(before.map((o) => o.code));
  for (const option of before) {
    const other = later.get(option.code);
    if (other === undefined) {
      differences.push({ kind: 'removed', part, id, code: option.code, before: option.label });
      reasons.add('options_changed');
    } else if (!sameText(option.label, other.label)) {
      differences.push({
        kind: 'reworded',
        part,
        id,
        code: option.code,
        before: option.label,
        after: other.label,
        ...(editorial ? { editorial: true } : {}),
      });
      if (!editorial) reasons.add('options_relabelled');
    }
  }
  for (const option of after)
    if (!earlier.has(option.code)) {
      differences.push({ kind: 'added', part, id, code: option.code, after: option.label });
      reasons.add('options_changed');
    }
  return reasons;
}

function sameCodes(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  const x = [...(a ?? [])].sort((p, q) => p - q);
  const y = [...(b ?? [])].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Same Japanese text, where a `{placeholder}` of `a` may have been filled in by `b` (customisation
 * fills in the municipality's name; that changes no meaning). Only Japanese is compared: it is the
 * text respondents answered, and adding a translation is no rewording.
 */
function sameText(a: LocalisedText, b: LocalisedText): boolean {
  if (a.ja === b.ja) return true;
  if (!a.ja.includes('{')) return false;
  const parts = a.ja.split(/\{[A-Za-z][A-Za-z0-9_]*\}/);
  if (parts.length === 1) return false;
  // Literal pieces in order, with anything non-empty between them: linear, no regular expression.
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const piece = parts[i]!;
    if (i === 0) {
      if (!b.ja.startsWith(piece)) return false;
      at = piece.length;
      continue;
    }
    if (i === parts.length - 1) return b.ja.length - piece.length > at && b.ja.endsWith(piece);
    const found = b.ja.indexOf(piece, at + 1);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

/** Ids whose relative order changed: the common ids outside a longest increasing subsequence. */
function movedIds(before: readonly string[], after: readonly string[]): string[] {
  const position = new Map(before.map((id, i) => [id, i]));
  const common = after.filter((id) => position.has(id));
  const seq = common.map((id) => position.get(id)!);
  // Patience sorting: tails[k] = index in seq of the smallest tail of an increasing run of length k+1.
  const tails: number[] = [];
  const previous = new Array<number>(seq.length).fill(-1);
  seq.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length === 0 ? -1 : tails[tails.length - 1]!; i >= 0; i = previous[i]!) kept.add(i);
  return common.filter((_, i) => !kept.has(i));
}
