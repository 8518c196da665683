import type { AnswerValue } from '../schema/response.js';
import type { EngineIssueCode } from './messages.js';
import type { QuestionModel } from './surveyModel.js';

/** Whether a value may be stored, and as what (`null` clears the answer). */
export type Acceptance =
  | { ok: true; value: AnswerValue | null }
  | { ok: false; code: EngineIssueCode; params: Record<string, unknown> };

const refuse = (code: EngineIssueCode, params: Record<string, unknown>): Acceptance => ({
  ok: false,
  code,
  params,
});

/**
 * Decides whether an input can be stored as the answer under `key`. Inputs that cannot mean anything
 * for the question — a wrong type, a code it does not have, a duplicate, an impossible date — are
 * refused. Values that are meaningful but break a rule of the template (out of bounds, too many
 * selected, too long) are accepted so that typing and toggling work, and reported by `answerIssues`.
 *
 * `null`, `undefined`, `''` and `[]` clear the answer. Numbers may come as strings, with full-width
 * digits, as a Japanese IME types them; codes may come as integer strings, as DOM values are.
 *
 * With `previous` given, multiple choice applies exclusivity: choosing an exclusive option ("none")
 * clears the others, and choosing another option clears the exclusive one.
 */
export function acceptAnswer(
  model: QuestionModel,
  input: unknown,
  previous: { value: AnswerValue | undefined } | undefined,
): Acceptance {
  if (input === null || input === undefined || input === '' || (Array.isArray(input) && input.length === 0)) {
    return { ok: true, value: null };
  }
  const q = model.question;
  switch (q.type) {
    case 'single':
    case 'likert':
    case 'matrix': {
      const code = toCode(input);
      if (code === undefined) return refuse('invalid_type', { expected: 'code' });
      if (!model.codes.has(code)) return refuse('unknown_code', { code });
      return { ok: true, value: code };
    }
    case 'multiple':
    case 'ranking': {
      if (!Array.isArray(input)) return refuse('invalid_type', { expected: 'codes' });
      const codes: number[] = [];
      const seen = new Set<number>();
      // Stops at the first bad element: a valid array is never longer than the option list.
      for (let i = 0; i < input.length; i++) {
        const code = toCode(input[i]);
        if (code === undefined) return refuse('invalid_type', { expected: 'codes' });
        if (!model.codes.has(code)) return refuse('unknown_code', { code });
        if (seen.has(code)) return refuse('duplicate_code', { code });
        seen.add(code);
        codes.push(code);
      }
      if (q.type === 'ranking') return { ok: true, value: codes };
      const chosen = previous ? applyExclusivity(model, previous.value, codes) : codes;
      return { ok: true, value: chosen.sort((a, b) => a - b) };
    }
    case 'number': {
      const n =
        typeof input === 'number' ? input : typeof input === 'string' ? parseNumber(input) : undefined;
      if (n === null) return { ok: true, value: null };
      if (n === undefined || !Number.isFinite(n)) return refuse('not_a_number', {});
      return { ok: true, value: n === 0 ? 0 : n };
    }
    case 'text':
      return typeof input === 'string'
        ? { ok: true, value: input }
        : refuse('invalid_type', { expected: 'text' });
    case 'date':
      if (typeof input !== 'string') return refuse('invalid_type', { expected: 'date' });
      return isIsoDate(input)
        ? { ok: true, value: input }
        : refuse('invalid_date', { value: input.slice(0, 40) });
    default:
      return refuse('not_answerable', { id: q.id, kind: q.type });
  }
}

/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function toCode(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value || 0 : undefined;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value) || 0;
  return undefined;
}

/**
 * A number typed as text: full-width digits and signs become ASCII; blank means no answer (null);
 * anything else that is not a plain decimal number is undefined.
 */
function parseNumber(text: string): number | null | undefined {
  if (text.length > 100) return undefined;
  const ascii = text
    .replace(/[０-９．＋－ｅＥ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[−‐]/g, '-')
    .trim();
  if (ascii === '') return null;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(ascii)) return undefined;
  return Number(ascii);
}

/**
 * Keeps a multiple-choice answer consistent with its exclusive options, judging by what was added
 * since the previous answer: a newly chosen exclusive option wins alone; a newly chosen ordinary
 * option drops the exclusive ones.
 */
function applyExclusivity(
  model: QuestionModel,
  previous: AnswerValue | undefined,
  codes: number[],
): number[] {
  const before = new Set(Array.isArray(previous) ? previous : []);
  const exclusive = (code: number) => model.options.some((o) => o.code === code && o.exclusive === true);
  const added = codes.filter((c) => !before.has(c));
  const addedExclusive = added.filter(exclusive);
  if (addedExclusive.length > 0) return [addedExclusive.at(-1)!];
  if (added.length > 0 && codes.some(exclusive)) return codes.filter((c) => !exclusive(c));
  return codes;
}
