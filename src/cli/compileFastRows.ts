import { type Expr, evaluateExpression, isTrue } from '../expr/index.js';
import { NUMBER, normaliseText } from '../io/csv/createRowMapper.js';
import type { FastRow, FastRows } from '../io/csv/readResponsesCsv.js';
import { type CsvColumn, csvLayout } from '../io/index.js';
import type { CompiledExpression, Survey } from '../schema/index.js';
import { type Aggregator, codedRowSink } from '../scoring/createAggregator.js';
import { codePosition } from '../scoring/readResponse.js';
import { defaultResponseLimits } from '../validate/index.js';
import { DATE_TIME_PATTERN, RESPONDENT_ID_PATTERN } from '../validate/responseJsonSchema.js';
import { validationPlan } from '../validate/validationPlan.js';

// The response schema's patterns: a row is fast only if its cells match them as they are, untrimmed.
const RESPONDENT_ID = new RegExp(RESPONDENT_ID_PATTERN);
const DATE_TIME = new RegExp(DATE_TIME_PATTERN);
const NOT_BLANK = /\S/;

/**
 * What a column's cell means to the fast path. `Ignore`: not read by the mapper (unknown column);
 * `SlowIfFilled`: a cell the fast path does not read (numbers, dates, ranks, code lists), so any
 * text in it sends the row down the full path.
 */
const Op = {
  Ignore: 0,
  SlowIfFilled: 1,
  Id: 2,
  Code: 3,
  Flag: 4,
  Text: 5,
  Locale: 6,
  StartedAt: 7,
  SubmittedAt: 8,
  Seed: 9,
  Number: 10,
} as const;

/** A question as the row check sees it. */
interface FastQuestion {
  /** Indices of its code keys in `codes` (single, Likert, matrix). */
  codeKeys: number[];
  /** A number question: its index in `numbers`, or -1. */
  number: number;
  /** Its multiple-choice group, or -1. */
  group: number;
  /** Its text (a text question's answer) and "other" text, as indices in `texts`, or -1. */
  text: number;
  other: number;
  /** The "other" option's code. */
  otherCode: number | undefined;
  /** Whether some of its answer keys have no column (then it is never answered here). */
  required: boolean;
  requiredIf: Condition | undefined;
}

/**
 * A `visibleIf`/`requiredIf`: `key = code` on a code (the common form, compared directly), or any
 * other expression, evaluated by the same evaluator as the full path on an object holding the
 * row's answers to the ids it reads: codes and multiple-choice selections. Numbers, dates and
 * ranks are unanswered in every fast row (a filled cell sends the row slow), so leaving them out
 * gives the full path's value.
 */
interface Condition {
  key: number;
  code: number;
  expr: Expr | undefined;
  /** Code keys and number questions (index in `codes`, `numbers`) and multiple-choice question ids the expression reads. */
  codeDeps: [string, number][];
  numberDeps: [string, number][];
  groupDeps: string[];
}

interface FlagGroup {
  /** The multi slot of the aggregator, or -1 if it has none. */
  slot: number;
  min: number;
  max: number;
  /** Per flag column of the group (in header order): the option's code. */
  exclusive: Set<number>;
  /** Per-row state. */
  filled: boolean;
  count: number;
  hasExclusive: boolean;
  hasOther: boolean;
  otherCode: number | undefined;
  /** The chosen codes in column order, as the row mapper lists them. */
  chosen: number[];
}

/**
 * Compiles the CLI's fast path for CSV rows tallied into an unweighted aggregator: for a header, a
 * check that takes a row's UTF-8 bytes (a line without quotes: its cells are cut at commas, and
 * only the cells that must be read as text are decoded), proves that the full path (parser, row
 * mapper, response validator, `add()`) would accept it and tally it, and then tallies it at once
 * through the aggregator's own per-row accumulation, in file order, so the state stays identical
 * to the full path's. Every row it is not sure of — any quote, label instead of a code, blank or
 * unusual meta cells, hidden answers, missing required answers, numbers written other than plainly
 * or out of bounds, dates and ranks, texts over their length or with U+FFFD — takes the full path
 * and keeps its exact issues. Undefined when the survey or aggregator is out of reach
 * (weighted aggregates, conditions that read a text answer).
 *
 * @example
 * ```ts
 * const fast = compileFastRows(survey, aggregator);
 * const records = csvRecords(survey, input, { locale: 'ja', validate }, fast);
 * ```
 */
export function compileFastRows(
  survey: Survey,
  aggregator: Aggregator,
  onTallied: (respondentId: string, submittedAt: string) => void = () => {},
): FastRows | undefined {
  const sink = codedRowSink(aggregator);
  if (sink === undefined || sink.plan.surveyHash !== survey.hash) return undefined;
  const { plan } = sink;
  const planned = validationPlan(survey);
  const layout = csvLayout(survey);
  const codeKeyOf = new Map<string, number>();
  const codeKeys: string[] = [];
  for (const column of layout) {
    if (column.kind === 'code' && !codeKeyOf.has(column.key)) {
      codeKeyOf.set(column.key, codeKeys.length);
      codeKeys.push(column.key);
    }
  }
  const typeOf = new Map(planned.questions.map((q) => [q.id, q.type]));
  // Number questions by index, with what the response schema allows.
  const numberOf = new Map<string, number>();
  const numberRules: { integer: boolean; min: number; max: number; slot: number }[] = [];
  for (const section of survey.template.sections) {
    for (const q of section.questions) {
      if (q.type !== 'number') continue;
      numberOf.set(q.id, numberRules.length);
      numberRules.push({
        integer: q.integer === true,
        min: q.min ?? Number.NEGATIVE_INFINITY,
        max: q.max ?? Number.POSITIVE_INFINITY,
        slot: plan.numberKeys.indexOf(q.id),
      });
    }
  }
  const condition = (compiled: CompiledExpression | undefined): Condition | undefined | false => {
    if (compiled === undefined) return undefined;
    const { expr } = compiled;
    if (expr.type === 'binary' && expr.op === '=') {
      const [id, value] = expr.left.type === 'identifier' ? [expr.left, expr.right] : [expr.right, expr.left];
      const key = id.type === 'identifier' ? codeKeyOf.get(id.name) : undefined;
      if (key !== undefined && value.type === 'literal' && typeof value.value === 'number')
        return { key, code: value.value, expr: undefined, codeDeps: [], numberDeps: [], groupDeps: [] };
    }
    const codeDeps: [string, number][] = [];
    const numberDeps: [string, number][] = [];
    const groupDeps: string[] = [];
    for (const id of compiled.dependencies) {
      const key = codeKeyOf.get(id);
      const n = numberOf.get(id);
      if (key !== undefined) codeDeps.push([id, key]);
      else if (n !== undefined) numberDeps.push([id, n]);
      else if (typeOf.get(id) === 'multiple') groupDeps.push(id);
      // A text answer would have to be read too: such surveys take the full path.
      else if (typeOf.get(id) === 'text') return false;
    }
    return { key: -1, code: 0, expr, codeDeps, numberDeps, groupDeps };
  };
  const visibility: { condition: Condition; targets: string[] }[] = [];
  const requiredIf = new Map<string, Condition>();
  for (const c of survey.conditions) {
    const visible = condition(c.visibleIf);
    const required = condition(c.requiredIf);
    if (visible === false || required === false) return undefined;
    if (required !== undefined && c.target === 'question') requiredIf.set(c.id, required);
    if (visible !== undefined) {
      const targets = planned.questions
        .filter((q) => (c.target === 'section' ? q.section === c.id : q.id === c.id))
        .map((q) => q.id);
      visibility.push({ condition: visible, targets });
    }
  }
  const slotOf = new Map(plan.slotKeys.map((key, s) => [key, s]));
  const codeSlot = Int32Array.from(codeKeys, (key) => {
    const s = slotOf.get(key);
    return s !== undefined && s < plan.codeSlots ? s : -1;
  });
  const byKey = Int32Array.from(plan.by, (b) => codeKeyOf.get(b.id) ?? -1);
  const multiSlots = plan.slotKeys.length - plan.codeSlots;
  const limits = defaultResponseLimits;

  return (header, seenIds) => {
    const byName = new Map(layout.map((c) => [c.name, c]));
    const ops = new Uint8Array(header.length);
    const args = new Int32Array(header.length);
    const flagCode = new Float64Array(header.length);
    const flagLocal = new Int32Array(header.length);
    const tables: Map<string, number>[] = codeKeys.map(() => new Map());
    // Most code cells are one character: a table by character code per key spares hashing a string.
    const short = new Float64Array(codeKeys.length * 128).fill(Number.NaN);
    const groups: FlagGroup[] = [];
    const groupOf = new Map<string, number>();
    const textOf = new Map<string, number>();
    const otherOf = new Map<string, number>();
    const textMax: number[] = [];
    const columnKeys = new Set<string>();
    header.forEach((raw, i) => {
      const name = raw.trim();
      const column: CsvColumn | undefined = byName.get(name);
      if (column === undefined) {
        // A column under a question id lists codes or labels: the full path reads it.
        const list = layout.some((c) => (c.kind === 'flag' || c.kind === 'rank') && c.key === name);
        ops[i] = list ? Op.SlowIfFilled : Op.Ignore;
        return;
      }
      if (column.kind !== 'respondentId' && column.kind !== 'meta') columnKeys.add(column.key);
      switch (column.kind) {
        case 'respondentId':
          ops[i] = Op.Id;
          break;
        case 'code': {
          const k = codeKeyOf.get(column.key)!;
          ops[i] = Op.Code;
          args[i] = k;
          for (const option of column.options) {
            const text = String(option.code);
            tables[k]!.set(text, option.code);
            if (text.length === 1) short[k * 128 + text.charCodeAt(0)] = option.code;
          }
          break;
        }
        case 'flag': {
          let g = groupOf.get(column.key);
          if (g === undefined) {
            const q = column.question;
            const s = slotOf.get(column.key);
            g = groups.length;
            groupOf.set(column.key, g);
            groups.push({
              slot: s === undefined ? -1 : s,
              min: Math.max(1, q.minSelected ?? 1),
              max: q.maxSelected ?? q.options.length,
              exclusive: new Set(q.options.filter((o) => o.exclusive === true).map((o) => o.code)),
              filled: false,
              count: 0,
              hasExclusive: false,
              hasOther: false,
              otherCode: q.options.find((o) => o.other === true)?.code,
              chosen: [],
            });
          }
          const group = groups[g]!;
          ops[i] = Op.Flag;
          args[i] = g;
          flagCode[i] = column.option.code;
          flagLocal[i] = group.slot < 0 ? -1 : plan.slotIndex[group.slot]!.get(column.option.code);
          break;
        }
        case 'text':
        case 'other': {
          const t = textMax.length;
          (column.kind === 'text' ? textOf : otherOf).set(column.key, t);
          const question = column.question;
          textMax.push(
            column.kind === 'other'
              ? limits.otherLength
              : question.type === 'text'
                ? (question.maxLength ?? limits.textLength)
                : 0,
          );
          ops[i] = Op.Text;
          args[i] = t;
          break;
        }
        case 'meta':
          ops[i] =
            column.field === 'locale'
              ? Op.Locale
              : column.field === 'startedAt'
                ? Op.StartedAt
                : column.field === 'submittedAt'
                  ? Op.SubmittedAt
                  : Op.Seed;
          break;
        case 'number':
          ops[i] = Op.Number;
          args[i] = numberOf.get(column.key)!;
          break;
        default:
          ops[i] = Op.SlowIfFilled;
      }
    });
    // Rows of files without ids or times get generated ones (a new id, "now"): the full path makes them.
    for (const op of [Op.Id, Op.Locale, Op.StartedAt, Op.SubmittedAt, Op.Seed])
      if (!ops.includes(op)) return undefined;
    const isOther = new Uint8Array(textMax.length);
    for (const t of otherOf.values()) isOther[t] = 1;

    const questions: FastQuestion[] = planned.questions.map((q) => {
      const keys = q.type === 'multiple' || q.type === 'text' ? [] : q.keys;
      const question: FastQuestion = {
        codeKeys: keys.flatMap((key) => {
          const k = codeKeyOf.get(key);
          return k === undefined ? [] : [k];
        }),
        number: q.type === 'number' ? (numberOf.get(q.id) ?? -1) : -1,
        group: groupOf.get(q.id) ?? -1,
        text: q.type === 'text' ? (textOf.get(q.id) ?? -1) : -1,
        other: otherOf.get(q.id) ?? -1,
        otherCode: q.other,
        required: q.required,
        requiredIf: q.required ? undefined : requiredIf.get(q.id),
      };
      return question;
    });
    const questionOf = new Map(planned.questions.map((q, i) => [q.id, questions[i]!]));
    const rules = visibility.map((v) => ({
      condition: v.condition,
      targets: v.targets.map((id) => questionOf.get(id)!),
      indices: v.targets.map((id) => planned.questions.findIndex((q) => q.id === id)),
    }));
    // A required question whose answer has no column, or that the fast path never reads (dates,
    // ranks), is unanswered in every fast row: such rows go slow by the presence check below.
    const readable = planned.questions.map(
      (q) =>
        (q.type === 'single' ||
          q.type === 'likert' ||
          q.type === 'matrix' ||
          q.type === 'multiple' ||
          q.type === 'number' ||
          q.type === 'text') &&
        q.keys.every((key) => columnKeys.has(key)),
    );
    const locales = new Set(survey.template.locales);
    const codes = new Float64Array(codeKeys.length);
    const numbers = new Float64Array(numberRules.length);
    const texts = new Uint8Array(textMax.length);
    const hidden = new Uint8Array(questions.length);
    const { g, multiStatus, multiSelected, numberStatus, numberValues } = sink;

    const answered = (q: FastQuestion, index: number): boolean => {
      if (!readable[index]) return false;
      for (const k of q.codeKeys) if (Number.isNaN(codes[k]!)) return false;
      if (q.number >= 0 && Number.isNaN(numbers[q.number]!)) return false;
      if (q.group >= 0 && !groups[q.group]!.filled) return false;
      return !(q.text >= 0 && texts[q.text] === 0);
    };
    const anyAnswer = (q: FastQuestion): boolean => {
      for (const k of q.codeKeys) if (!Number.isNaN(codes[k]!)) return true;
      if (q.number >= 0 && !Number.isNaN(numbers[q.number]!)) return true;
      return (q.group >= 0 && groups[q.group]!.filled) || (q.text >= 0 && texts[q.text] === 1);
    };
    const holds = (c: Condition): boolean => {
      if (c.expr === undefined) return codes[c.key] === c.code;
      const answers: Record<string, unknown> = {};
      for (const [id, k] of c.codeDeps) if (!Number.isNaN(codes[k]!)) answers[id] = codes[k];
      for (const [id, n] of c.numberDeps) if (!Number.isNaN(numbers[n]!)) answers[id] = numbers[n];
      for (const id of c.groupDeps) {
        const group = groups[groupOf.get(id) ?? -1];
        if (group?.filled) answers[id] = group.chosen;
      }
      return isTrue(evaluateExpression(c.expr, answers));
    };

    const fastRow: FastRow = (bytes, start, end, line) => {
      codes.fill(Number.NaN);
      numbers.fill(Number.NaN);
      texts.fill(0);
      for (const group of groups) {
        group.filled = false;
        group.count = 0;
        group.hasExclusive = false;
        group.hasOther = false;
        group.chosen.length = 0;
        if (group.slot >= 0)
          multiSelected.fill(
            0,
            plan.slotBase[group.slot]!,
            plan.slotBase[group.slot]! + plan.slotOptions[group.slot]!,
          );
      }
      let id = '';
      let submittedAt = '';
      let i = 0;
      let at = start;
      // Cells are cut at commas. A quoted cell is read only by texts, and only when it is closed
      // on this line and followed by a comma or the end; anything else is left to the parser.
      for (;;) {
        if (i === ops.length) return false;
        let from = at;
        let to = at;
        let quoted = false;
        let escaped = false;
        if (at < end && bytes[at] === 0x22) {
          quoted = true;
          from = at + 1;
          to = from;
          for (;;) {
            while (to < end && bytes[to] !== 0x22) to++;
            if (to >= end) return false;
            if (bytes[to + 1] !== 0x22 || to + 1 >= end) break;
            escaped = true;
            to += 2;
          }
          at = to + 1;
          if (at < end && bytes[at] !== 0x2c) return false;
        } else {
          while (to < end && bytes[to] !== 0x2c) {
            if (bytes[to] === 0x22) return false;
            to++;
          }
          at = to;
        }
        const length = to - from;
        if (quoted && ops[i] !== Op.Text && ops[i] !== Op.Ignore) return false;
        switch (ops[i]) {
          case Op.Code: {
            if (length === 0) break;
            const k = args[i]!;
            const first = bytes[from]!;
            const code =
              length === 1
                ? first < 128
                  ? short[k * 128 + first]!
                  : Number.NaN
                : (tables[k]!.get(cellText(bytes, from, to)) ?? Number.NaN);
            if (Number.isNaN(code)) return false;
            codes[k] = code;
            break;
          }
          case Op.Flag: {
            if (length === 0) break;
            const group = groups[args[i]!]!;
            const flag = length === 1 ? bytes[from] : 0;
            if (flag === 0x31) {
              group.count += 1;
              const code = flagCode[i]!;
              group.chosen.push(code);
              if (group.exclusive.has(code)) group.hasExclusive = true;
              if (code === group.otherCode) group.hasOther = true;
              if (group.slot >= 0) multiSelected[plan.slotBase[group.slot]! + flagLocal[i]!] = 1;
            } else if (flag !== 0x30) return false;
            group.filled = true;
            break;
          }
          case Op.Text: {
            if (length === 0) break;
            const cell = escaped
              ? cellText(bytes, from, to).replaceAll('""', '"')
              : cellText(bytes, from, to);
            if (cell.includes('\uFFFD')) return false;
            const t = args[i]!;
            const text = normaliseText(cell);
            if (text.length === 0 || text.length > textMax[t]!) return false;
            // An "other" text must not be blank (the schema's pattern \S); a text answer may be.
            if (isOther[t] === 1 && !NOT_BLANK.test(text)) return false;
            texts[t] = 1;
            break;
          }
          case Op.Id:
            id = cellText(bytes, from, to);
            if (!RESPONDENT_ID.test(id)) return false;
            break;
          case Op.Locale:
            if (!locales.has(cellText(bytes, from, to))) return false;
            break;
          case Op.StartedAt:
            if (!DATE_TIME.test(cellText(bytes, from, to))) return false;
            break;
          case Op.SubmittedAt:
            submittedAt = cellText(bytes, from, to);
            if (!DATE_TIME.test(submittedAt)) return false;
            break;
          case Op.Seed: {
            if (isSeed(bytes, from, to)) break;
            const value = cellText(bytes, from, to).trim();
            if (value === '') break;
            const seed = Number(value);
            if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) return false;
            break;
          }
          case Op.Number: {
            if (length === 0) break;
            const cell = cellText(bytes, from, to);
            if (!NUMBER.test(cell)) return false;
            const value = Number(cell);
            const rule = numberRules[args[i]!]!;
            if (!Number.isFinite(value) || value < rule.min || value > rule.max) return false;
            if (rule.integer && !Number.isInteger(value)) return false;
            numbers[args[i]!] = value;
            break;
          }
          case Op.SlowIfFilled:
            if (length !== 0) return false;
            break;
        }
        i += 1;
        if (at >= end) break;
        at += 1;
      }
      if (i !== ops.length) return false;
      // The response schema: selection counts, exclusive options, "other" text exactly when chosen.
      for (const group of groups) {
        if (!group.filled) continue;
        if (group.count < group.min || group.count > group.max) return false;
        if (group.hasExclusive && group.count >= 2) return false;
      }
      for (let q = 0; q < questions.length; q++) {
        const question = questions[q]!;
        if (question.other < 0 && question.otherCode === undefined) continue;
        const chosen =
          question.otherCode !== undefined &&
          (question.group >= 0
            ? groups[question.group]!.hasOther
            : question.codeKeys.length === 1 && codes[question.codeKeys[0]!] === question.otherCode);
        const text = question.other >= 0 && texts[question.other] === 1;
        if (chosen !== text) return false;
      }
      // Conditions: a hidden question must hold no answer; a shown one its required answers.
      hidden.fill(0);
      for (const rule of rules) {
        if (holds(rule.condition)) continue;
        for (const target of rule.targets)
          if (anyAnswer(target) || (target.other >= 0 && texts[target.other] === 1)) return false;
        for (const q of rule.indices) hidden[q] = 1;
      }
      for (let q = 0; q < questions.length; q++) {
        const question = questions[q]!;
        if (hidden[q] === 1) continue;
        const required =
          question.required || (question.requiredIf !== undefined && holds(question.requiredIf));
        if (required && !answered(question, q)) return false;
      }
      if (!seenIds.addIfNew(id, line)) return false;

      // Accepted: fill the aggregator's scratch as add() would read the response, and tally it.
      for (let s = 0; s < plan.codeSlots; s++) g[s] = -1;
      for (let k = 0; k < codeKeys.length; k++) {
        const s = codeSlot[k]!;
        if (s >= 0 && !Number.isNaN(codes[k]!)) g[s] = codePosition(plan, s, codes[k]!);
      }
      multiStatus.fill(-1, 0, multiSlots);
      for (const group of groups) {
        if (group.slot < 0 || !group.filled) continue;
        const base = plan.slotBase[group.slot]!;
        let status = 2;
        for (let o = 0; o < plan.slotOptions[group.slot]!; o++)
          if (multiSelected[base + o] === 1 && plan.optMissing[base + o] === 0) status = 1;
        multiStatus[group.slot - plan.codeSlots] = status;
      }
      numberStatus.fill(-1);
      for (let n = 0; n < numberRules.length; n++) {
        const slot = numberRules[n]!.slot;
        if (slot < 0 || Number.isNaN(numbers[n]!)) continue;
        numberStatus[slot] = 1;
        numberValues[slot] = numbers[n]!;
      }
      let cell = 0;
      for (let v = 0; v < plan.by.length; v++) {
        const b = plan.by[v]!;
        const k = byKey[v]!;
        const category = k >= 0 && !Number.isNaN(codes[k]!) ? b.index.get(codes[k]!) : -1;
        cell += (category >= 0 ? category : b.codes.length) * plan.byStride[v]!;
      }
      sink.add(cell);
      onTallied(id, submittedAt);
      return true;
    };
    return fastRow;
  };
}

const utf8 = new TextDecoder('utf-8');

/** A cell's text: ASCII as it is (the common case, without a decoder), anything else decoded as UTF-8. */
function cellText(bytes: Buffer, start: number, end: number): string {
  for (let at = start; at < end; at++) if (bytes[at]! >= 0x80) return utf8.decode(bytes.subarray(start, end));
  return bytes.toString('latin1', start, end);
}

/** Whether a seed cell is plain digits of a 32-bit unsigned number (what Number() would accept there). */
function isSeed(bytes: Buffer, start: number, end: number): boolean {
  if (end === start || end - start > 10) return false;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = bytes[at]! - 0x30;
    if (digit < 0 || digit > 9) return false;
    value = value * 10 + digit;
  }
  return value <= 0xffffffff;
}
