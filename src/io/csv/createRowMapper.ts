import { nanoid } from 'nanoid';
import type { Issue, MessageLocale } from '../../core/issue.js';
import { createIssue } from '../../core/issue.js';
import type { AnswerValue, ResponseMeta, Survey, SurveyResponse } from '../../schema/index.js';
import { type IoIssueCode, ioMessages } from '../messages.js';
import { createIdLines, type IdLines } from './createIdLines.js';
import { type ColumnOption, type CsvColumn, csvLayout, type MetaField } from './csvLayout.js';
import { unguardFormula } from './guardFormula.js';

/** Metadata for rows whose file has no column for it (paper responses typed into a sheet). */
export type MetaDefaults = Partial<ResponseMeta>;

/** The outcome of mapping one CSV row. */
export type MappedRow =
  | { kind: 'response'; response: SurveyResponse }
  | { kind: 'rejected'; issues: Issue[] }
  | { kind: 'blank' };

/** Turns CSV rows into responses for one header. */
export interface RowMapper {
  /** Problems of the header: `fatal` ones mean no row can be read. */
  fatal: Issue[];
  notices: Issue[];
  /** Maps the cells of one row; `line` is where it starts in the file, for duplicate-id messages. */
  map(cells: readonly string[], line: number): MappedRow;
}

interface RowState {
  answers: Record<string, AnswerValue>;
  other: Record<string, string> | undefined;
  meta: ResponseMeta;
  respondentId: string;
  issues: Issue[];
  /** Per multiple-choice question (by slot): chosen codes, or undefined while no cell was filled. */
  chosen: (number[] | undefined)[];
  /** Per ranking question (by slot): codes by rank index. */
  ranks: (number | undefined)[][];
}

type CellHandler = (cell: string, state: RowState) => void;

const BLANK = /^\s*$/;

/**
 * Prepares the mapping of CSV rows with the given column names to responses of a survey: columns
 * named as in `csvLayout`, or — for a multiple-choice or ranking question — one column under the
 * question id listing codes or labels separated by `;`, `、` or `,`. Cells may hold codes or labels
 * in any of the template's languages; full-width digits are read as digits.
 */
export function createRowMapper(
  survey: Survey,
  header: readonly string[],
  options: {
    locale: MessageLocale;
    defaults?: MetaDefaults;
    /** Respondent ids seen so far and their lines, when shared with another reader of the same rows. */
    seenIds?: IdLines;
  },
): RowMapper {
  const { locale } = options;
  const issue = (code: IoIssueCode, path: Issue['path'], params?: Record<string, unknown>) =>
    createIssue(ioMessages, code, path, locale, params);
  const layout = csvLayout(survey);
  const byName = new Map(layout.map((c) => [c.name, c]));
  const listQuestions = new Map<string, CsvColumn & { kind: 'flag' | 'rank' }>();
  for (const column of layout) {
    if ((column.kind === 'flag' || column.kind === 'rank') && !listQuestions.has(column.key)) {
      listQuestions.set(column.key, column);
    }
  }

  const fatal: Issue[] = [];
  const notices: Issue[] = [];
  const seenNames = new Map<string, number>();
  const unknown: string[] = [];
  const used = new Set<CsvColumn>();
  const usedLists = new Set<string>();
  const multiSlots = new Map<string, number>();
  const rankSlots = new Map<string, { slot: number; size: number }>();
  const handlers: (CellHandler | undefined)[] = [];
  let idColumn = -1;

  header.forEach((raw, index) => {
    const name = raw.trim();
    const first = seenNames.get(name);
    if (first !== undefined && name !== '') {
      fatal.push(issue('duplicate_column', [], { column: name, first: first + 1, second: index + 1 }));
    }
    seenNames.set(name, index);
    const column = byName.get(name);
    const list = column === undefined ? listQuestions.get(name) : undefined;
    if (column !== undefined) {
      used.add(column);
      if (column.kind === 'respondentId') idColumn = index;
      handlers.push(columnHandler(column));
    } else if (list !== undefined) {
      usedLists.add(list.key);
      handlers.push(listHandler(list));
    } else {
      if (name !== '') unknown.push(name);
      handlers.push(undefined);
    }
  });

  const answerColumns = layout.filter((c) => c.kind !== 'respondentId' && c.kind !== 'meta');
  const matched = answerColumns.filter((c) => used.has(c) || usedLists.has((c as { key: string }).key));
  if (header.length === 0 || header.every((h) => BLANK.test(h))) {
    fatal.push(issue('empty_file', []));
  } else if (answerColumns.length > 0 && matched.length === 0) {
    fatal.push(issue('no_answer_columns', []));
  }
  if (fatal.length === 0) {
    if (unknown.length > 0) notices.push(issue('unknown_columns', [], { columns: unknown }));
    const missing = answerColumns
      .filter((c) => !used.has(c) && !usedLists.has((c as { key: string }).key))
      .map((c) => c.name);
    if (missing.length > 0) notices.push(issue('missing_columns', [], { columns: missing }));
    if (idColumn < 0) notices.push(issue('generated_ids', []));
  }

  const defaults = options.defaults ?? {};
  const now = new Date().toISOString();
  const baseMeta: ResponseMeta = {
    locale: defaults.locale ?? 'ja',
    startedAt: defaults.startedAt ?? now,
    submittedAt: defaults.submittedAt ?? now,
    seed: defaults.seed ?? 0,
  };
  const multiKeys = [...multiSlots.keys()];
  const rankKeys = [...rankSlots.entries()];
  const seenIds = options.seenIds ?? createIdLines();

  function columnHandler(column: CsvColumn): CellHandler {
    switch (column.kind) {
      case 'respondentId':
        return (cell, state) => {
          const id = unguardFormula(cell.trim());
          if (id !== '') state.respondentId = detached(id);
        };
      case 'code': {
        const lookup = codeLookup(column.options);
        const path = ['answers', column.key];
        const key = column.key;
        return (cell, state) => {
          if (cell === '') return;
          const code = lookup(cell);
          if (code !== undefined) state.answers[key] = code;
          else if (!BLANK.test(cell)) state.issues.push(unknownCode(path, column.name, cell, column.options));
        };
      }
      case 'number': {
        const path = ['answers', column.key];
        return (cell, state) => {
          if (cell === '' || BLANK.test(cell)) return;
          const value = readNumber(cell);
          if (value === undefined)
            state.issues.push(issue('invalid_number', path, { column: column.name, value: cell }));
          else state.answers[column.key] = value;
        };
      }
      case 'date': {
        const path = ['answers', column.key];
        return (cell, state) => {
          if (cell === '' || BLANK.test(cell)) return;
          const value = readDate(cell);
          if (value === undefined)
            state.issues.push(issue('invalid_date', path, { column: column.name, value: cell }));
          else state.answers[column.key] = value;
        };
      }
      case 'text': {
        const path = ['answers', column.key];
        return (cell, state) => {
          if (cell === '') return;
          if (cell.includes('\uFFFD'))
            state.issues.push(issue('undecodable_text', path, { column: column.name }));
          else state.answers[column.key] = normaliseText(cell);
        };
      }
      case 'other': {
        const path = ['other', column.key];
        return (cell, state) => {
          if (cell === '') return;
          if (cell.includes('\uFFFD'))
            state.issues.push(issue('undecodable_text', path, { column: column.name }));
          else {
            state.other ??= {};
            state.other[column.key] = normaliseText(cell);
          }
        };
      }
      case 'flag': {
        const slot = slotOf(multiSlots, column.key);
        const code = column.option.code;
        const path = ['answers', column.key];
        return (cell, state) => {
          if (cell === '' || BLANK.test(cell)) return;
          const flag = readFlag(cell);
          if (flag === undefined) {
            state.issues.push(issue('invalid_flag', path, { column: column.name, value: cell }));
            return;
          }
          const chosen = state.chosen[slot] ?? [];
          state.chosen[slot] = chosen;
          if (flag) chosen.push(code);
        };
      }
      case 'rank': {
        const slot = rankSlot(column.key, column.question.maxRanked);
        const lookup = codeLookup(column.options);
        const path = ['answers', column.key];
        const index = column.rank - 1;
        return (cell, state) => {
          if (cell === '' || BLANK.test(cell)) return;
          const code = lookup(cell);
          if (code === undefined) state.issues.push(unknownCode(path, column.name, cell, column.options));
          else state.ranks[slot]![index] = code;
        };
      }
      case 'meta':
        return metaHandler(column.field, column.name);
    }
  }

  function listHandler(column: CsvColumn & { kind: 'flag' | 'rank' }): CellHandler {
    const options =
      column.kind === 'rank'
        ? column.options
        : column.question.options.map((o) => ({ code: o.code, label: o.label, missing: false }));
    const lookup = codeLookup(options);
    const path = ['answers', column.key];
    const slot =
      column.kind === 'rank'
        ? rankSlot(column.key, column.question.maxRanked)
        : slotOf(multiSlots, column.key);
    return (cell, state) => {
      if (cell === '' || BLANK.test(cell)) return;
      const codes: number[] = [];
      for (const part of cell.split(/[;,、，；]/)) {
        if (BLANK.test(part)) continue;
        const code = lookup(part);
        if (code === undefined) {
          state.issues.push(unknownCode(path, column.key, part, options));
          return;
        }
        codes.push(code);
      }
      if (column.kind === 'rank') state.ranks[slot] = codes;
      else state.chosen[slot] = codes;
    };
  }

  function metaHandler(field: MetaField, name: string): CellHandler {
    const path = ['meta', field];
    return (cell, state) => {
      const value = cell.trim();
      if (value === '') return;
      if (field === 'seed') {
        const seed = Number(value);
        if (Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) state.meta.seed = seed;
        else state.issues.push(issue('invalid_meta', path, { column: name, value: cell }));
      } else {
        state.meta[field] = value;
      }
    };
  }

  function rankSlot(key: string, size: number): number {
    const existing = rankSlots.get(key);
    if (existing) return existing.slot;
    const slot = rankSlots.size;
    rankSlots.set(key, { slot, size });
    return slot;
  }

  function unknownCode(
    path: Issue['path'],
    column: string,
    value: string,
    opts: readonly ColumnOption[],
  ): Issue {
    return issue('unknown_code', path, { column, value, codes: opts.map((o) => o.code) });
  }

  return {
    fatal,
    notices,
    map(cells, line) {
      if (cells.every((c) => c === '' || BLANK.test(c))) return { kind: 'blank' };
      const state: RowState = {
        answers: {},
        other: undefined,
        meta: { ...baseMeta },
        respondentId: '',
        issues: [],
        chosen: new Array(multiKeys.length),
        ranks: rankKeys.map(() => []),
      };
      if (cells.length !== header.length && cells.slice(header.length).some((c) => !BLANK.test(c))) {
        return {
          kind: 'rejected',
          issues: [issue('row_length', [], { cells: cells.length, expected: header.length })],
        };
      }
      if (cells.length < header.length) {
        return {
          kind: 'rejected',
          issues: [issue('row_length', [], { cells: cells.length, expected: header.length })],
        };
      }
      for (let i = 0; i < handlers.length; i++) handlers[i]?.(cells[i]!, state);
      multiKeys.forEach((key, slot) => {
        const chosen = state.chosen[slot];
        if (chosen !== undefined) state.answers[key] = chosen;
      });
      rankKeys.forEach(([key, { slot }]) => {
        const ranks = state.ranks[slot]!;
        if (ranks.length === 0) return;
        // Ranks are filled by column, so a skipped rank is a hole in the array.
        let gap = -1;
        for (let i = 0; i < ranks.length && gap < 0; i++) if (ranks[i] === undefined) gap = i;
        if (gap >= 0) state.issues.push(issue('rank_gap', ['answers', key], { rank: gap + 1 }));
        else state.answers[key] = ranks as number[];
      });
      if (state.respondentId === '') state.respondentId = nanoid();
      else {
        if (!seenIds.addIfNew(state.respondentId, line)) {
          const firstLine = seenIds.get(state.respondentId);
          state.issues.push(
            issue('duplicate_respondent', ['respondentId'], { id: state.respondentId, firstLine }),
          );
        }
      }
      if (state.issues.length > 0) return { kind: 'rejected', issues: state.issues };
      const response: SurveyResponse = {
        templateId: survey.template.id,
        templateVersion: survey.template.version,
        templateHash: survey.hash,
        respondentId: state.respondentId,
        answers: state.answers,
        meta: state.meta,
      };
      if (state.other !== undefined) response.other = state.other;
      return { kind: 'response', response };
    },
  };
}

function slotOf(slots: Map<string, number>, key: string): number {
  const existing = slots.get(key);
  if (existing !== undefined) return existing;
  slots.set(key, slots.size);
  return slots.size - 1;
}

function normaliseKey(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Cell text → code: a code written as digits (full-width too), or a label in any language. */
function codeLookup(options: readonly ColumnOption[]): (cell: string) => number | undefined {
  const map = new Map<string, number>();
  for (const option of options) {
    for (const label of Object.values(option.label)) {
      if (label !== undefined && !map.has(normaliseKey(label))) map.set(normaliseKey(label), option.code);
    }
  }
  // Codes win over labels that happen to look like another option's code.
  for (const option of options) map.set(String(option.code), option.code);
  // Most cells are one character ("1" … "9"): a table by character code avoids hashing a new string.
  const short: (number | undefined)[] = new Array(128).fill(undefined);
  for (const [text, code] of map)
    if (text.length === 1 && text.charCodeAt(0) < 128) short[text.charCodeAt(0)] = code;
  return (cell) => {
    if (cell.length === 1) {
      const c = cell.charCodeAt(0);
      if (c < 128 && short[c] !== undefined) return short[c];
    }
    return map.get(cell) ?? map.get(normaliseKey(cell));
  };
}

function readFlag(cell: string): boolean | undefined {
  if (cell === '1') return true;
  if (cell === '0') return false;
  const value = normaliseKey(cell).toUpperCase();
  if (value === '1' || value === 'TRUE') return true;
  if (value === '0' || value === 'FALSE') return false;
  return undefined;
}

/** A number written plainly (the CLI's CSV fast path reads only these). */
export const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

function readNumber(cell: string): number | undefined {
  let text = NUMBER.test(cell) ? cell : normaliseKey(cell);
  if (GROUPED.test(text)) text = text.replaceAll(',', '');
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

function readDate(cell: string): string | undefined {
  const match = DATE.exec(normaliseKey(cell));
  if (!match) return undefined;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** A text cell as a response holds it: line ends as LF, a formula guard undone. */
export function normaliseText(cell: string): string {
  return unguardFormula(cell.includes('\r') ? cell.replace(/\r\n?/g, '\n') : cell);
}

/**
 * A copy of `text` that does not point into the chunk it was cut from. Cells are slices of the
 * parser's input; ids are kept for the whole file (to find duplicates), and a kept slice would keep
 * its whole megabyte-sized chunk alive. Joining forces V8 to copy the characters into a new string.
 */
function detached(text: string): string {
  return (' ' + text).slice(1);
}
