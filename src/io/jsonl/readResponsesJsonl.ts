import type { Issue, MessageLocale, PathSegment } from '../../core/issue.js';
import { createIssue } from '../../core/issue.js';
import type { Survey, SurveyResponse } from '../../schema/index.js';
import { byteChunks, type ResponseInput } from '../byteChunks.js';
import { type IoIssueCode, ioMessages } from '../messages.js';
import {
  createResponseReader,
  type ResponseCheck,
  type ResponseReader,
  type ResponseRecord,
} from '../responseReader.js';

/** Options of {@link readResponsesJsonl}. */
export interface ReadResponsesJsonlOptions {
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /** Checks each response; its issues reject the line. Pass `createResponseValidator(survey)`. */
  validate?: ResponseCheck;
  /** Called as input is consumed, with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Longest line accepted, in characters. Default 10,000,000. */
  maxLineLength?: number;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads JSON Lines (one response per line, UTF-8), streaming. Each line must be a response object
 * in the shape of `SurveyResponse`; a line that is not JSON, not that shape, too long, repeats a
 * respondent id, or fails `validate` is rejected with its line number and every reason. Blank lines
 * are skipped and counted. The survey is passed so the reader's signature matches
 * {@link readResponsesCsv}; checking responses against it is the job of `validate`.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * const reader = readResponsesJsonl(survey, createReadStream('responses.jsonl'), { validate });
 * for await (const record of reader) if (record.kind === 'rejected') console.log(record.line, record.issues);
 * ```
 */
export function readResponsesJsonl(
  _survey: Survey,
  input: ResponseInput,
  options: ReadResponsesJsonlOptions = {},
): ResponseReader {
  return createResponseReader(() => jsonlRecords(input, options));
}

async function* jsonlRecords(
  input: ResponseInput,
  options: ReadResponsesJsonlOptions,
): AsyncGenerator<ResponseRecord> {
  const locale = options.locale ?? 'ja';
  const maxLength = options.maxLineLength ?? 10_000_000;
  const seen = new Map<string, number>();
  let line = 0;
  for await (const text of lines(byteChunks(input, options.onProgress), maxLength)) {
    line += 1;
    if (text === undefined) {
      yield rejected(line, [createIssue(ioMessages, 'line_too_long', [], locale, { limit: maxLength })]);
      continue;
    }
    if (/^\s*$/.test(text)) {
      yield { kind: 'blank', line, row: line };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      yield rejected(line, [createIssue(ioMessages, 'invalid_json', [], locale, { detail })]);
      continue;
    }
    const issues = checkShape(value, locale);
    if (issues.length > 0) {
      yield rejected(line, issues);
      continue;
    }
    const response = value as SurveyResponse;
    const firstLine = seen.get(response.respondentId);
    if (firstLine !== undefined) {
      const params = { id: response.respondentId, firstLine };
      yield rejected(line, [
        createIssue(ioMessages, 'duplicate_respondent', ['respondentId'], locale, params),
      ]);
      continue;
    }
    seen.set(response.respondentId, line);
    const verdict = options.validate?.(response);
    if (verdict !== undefined && !verdict.success) yield rejected(line, verdict.issues);
    else yield { kind: 'response', line, row: line, response };
  }
}

function rejected(line: number, issues: Issue[]): ResponseRecord {
  return { kind: 'rejected', line, row: line, issues };
}

/** Splits decoded input into lines; a line over the limit comes out as `undefined`, without being kept. */
async function* lines(
  chunks: AsyncIterable<Uint8Array | string>,
  maxLength: number,
): AsyncGenerator<string | undefined> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let tooLong = false;
  let first = true;
  const finish = (text: string): string | undefined =>
    tooLong || text.length > maxLength ? undefined : text.endsWith('\r') ? text.slice(0, -1) : text;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
      const piece = text.slice(start, at);
      yield finish(tooLong ? '' : pending + piece);
      pending = '';
      tooLong = false;
      start = at + 1;
    }
    if (!tooLong) {
      pending += text.slice(start);
      if (pending.length > maxLength) {
        tooLong = true;
        pending = '';
      }
    }
  }
  pending += decoder.decode();
  if (pending.length > 0 || tooLong) yield finish(pending);
}

function checkShape(value: unknown, locale: MessageLocale): Issue[] {
  const issues: Issue[] = [];
  const push = (code: IoIssueCode, path: PathSegment[], params?: Record<string, unknown>) =>
    issues.push(createIssue(ioMessages, code, path, locale, params));
  const expect = (path: PathSegment[], expected: string) => push('invalid_field', path, { expected });
  if (!isObject(value)) {
    expect([], 'object');
    return issues;
  }
  for (const key of ['templateId', 'templateVersion', 'templateHash', 'respondentId'] as const) {
    if (typeof own(value, key) !== 'string') expect([key], 'string');
  }
  const answers = own(value, 'answers');
  if (!isObject(answers)) expect(['answers'], 'object');
  else {
    for (const [key, answer] of Object.entries(answers)) {
      if (FORBIDDEN_KEYS.has(key)) push('forbidden_key', ['answers', key], { key });
      else if (!isAnswer(answer)) expect(['answers', key], 'answer');
    }
  }
  const other = own(value, 'other');
  if (other !== undefined) {
    if (!isObject(other)) expect(['other'], 'object');
    else {
      for (const [key, text] of Object.entries(other)) {
        if (FORBIDDEN_KEYS.has(key)) push('forbidden_key', ['other', key], { key });
        else if (typeof text !== 'string') expect(['other', key], 'string');
      }
    }
  }
  const meta = own(value, 'meta');
  if (!isObject(meta)) expect(['meta'], 'object');
  else {
    for (const key of ['locale', 'startedAt', 'submittedAt'] as const) {
      if (typeof own(meta, key) !== 'string') expect(['meta', key], 'string');
    }
    const seed = own(meta, 'seed');
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      expect(['meta', 'seed'], 'seed');
  }
  return issues;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function isAnswer(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}
