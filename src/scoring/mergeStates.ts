import { canonicalJson } from '../core/canonicalJson.js';
import type { MessageLocale } from '../core/issue.js';
import type { Survey } from '../schema/survey.js';
import type { AggregateState } from './aggregateState.js';
import type { Aggregator } from './createAggregator.js';
import { fail } from './messages.js';
import { asStateError, checkStateTemplate, type StateFile, stateAggregator } from './stateFile.js';

/** A state file read by `readStateFile`, with the name its messages use. */
export interface NamedState {
  file: string;
  state: StateFile;
}

/** Options of {@link mergeStates}. */
export interface MergeStatesOptions {
  /** The survey every state must have been made with. */
  survey: Survey;
  /** The states, in any order (the result does not depend on it); read one at a time. */
  states: Iterable<NamedState>;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/** What {@link mergeStates} returns. */
export interface MergedStates {
  /** One aggregator holding every state: the tally of all their responses in one pass. */
  aggregator: Aggregator;
  /** Every municipality in the states, sorted. */
  municipalities: string[];
  /** The common survey date, or null when the states have different (or no) dates. */
  waveDate: string | null;
}

/**
 * Merges state files into one aggregator after checking that they can be merged: the same
 * template (id and content hash), grouping questions, minimum group size and other settings, and no
 * municipality (or identical tally) twice. Nothing is merged unless all agree; the
 * {@link ScoringError} names the offending file.
 *
 * @example
 * ```ts
 * const states = files.map(({ name, text }) => ({ file: name, state: readStateFile(text, { file: name }) }));
 * const { aggregator, municipalities, waveDate } = mergeStates({ survey, states });
 * const text = writeStateFile(aggregator, { municipalities, waveDate });
 * ```
 */
export function mergeStates(options: MergeStatesOptions): MergedStates {
  const { survey } = options;
  const locale = options.locale ?? 'ja';
  let first: NamedState | undefined;
  let firstSettings = '';
  let aggregator: Aggregator | undefined;
  const seenMunicipality = new Map<string, string>();
  const seenTally = new Map<string, string>();
  const dates = new Set<string | null>();
  const fingerprint = tallyFingerprint();
  // One state at a time: checked, merged and let go, so that 1,741 states never sit in memory at once.
  for (const named of options.states) {
    const { file, state } = named;
    checkStateTemplate(state, survey, file, locale);
    if (first === undefined) {
      first = named;
      firstSettings = settingsKey(state.aggregate);
    }
    const params = { file, first: first.file };
    if (state.by.join(',') !== first.state.by.join(','))
      fail('state_other_by', ['by'], locale, {
        ...params,
        actual: state.by.join(','),
        expected: first.state.by.join(','),
      });
    if (state.minGroupSize !== first.state.minGroupSize)
      fail('state_other_min_group', ['minGroupSize'], locale, {
        ...params,
        actual: state.minGroupSize,
        expected: first.state.minGroupSize,
      });
    if (settingsKey(state.aggregate) !== firstSettings)
      fail('state_other_settings', ['aggregate', 'options'], locale, {
        ...params,
        option: differingOption(state.aggregate, first.state.aggregate),
      });
    state.municipalities.forEach((name, i) => {
      const earlier = seenMunicipality.get(name);
      if (earlier !== undefined)
        fail('state_duplicate_municipality', ['municipalities', i], locale, { file, name, first: earlier });
      seenMunicipality.set(name, file);
    });
    // Two files with the same tally are almost surely one file given twice (or copied and renamed).
    const refuseTwin = (checked: boolean) => {
      if (!(state.aggregate.responses > 0)) return;
      const key = fingerprint(state.aggregate, checked);
      const twin = seenTally.get(key);
      if (twin !== undefined) fail('state_duplicate', ['aggregate'], locale, { file, first: twin });
      seenTally.set(key, file);
    };
    dates.add(state.waveDate);
    // The first state becomes the aggregator; the others are merged as saved states, which reuses
    // its compiled plan instead of compiling one per file. The tally is fingerprinted after the
    // merge has checked that it holds only finite numbers, which lets the fingerprint copy it
    // natively; a refused file that copies an earlier one is still named as the copy.
    try {
      if (aggregator === undefined) aggregator = stateAggregator(state, { survey, file, locale });
      else asStateError(file, locale, () => aggregator!.merge(state.aggregate));
    } catch (error) {
      refuseTwin(false);
      throw error;
    }
    refuseTwin(true);
  }
  if (first === undefined || aggregator === undefined) return fail('state_empty_merge', [], locale);
  return {
    aggregator,
    municipalities: [...seenMunicipality.keys()].sort(),
    waveDate: dates.size === 1 ? first.state.waveDate : null,
  };
}

function settingsKey(state: AggregateState): string {
  const o = state.options;
  return canonicalJson([o.sets, o.acceptOtherVersions, o.design ?? null]);
}

function differingOption(a: AggregateState, b: AggregateState): string {
  if (canonicalJson(a.options.sets) !== canonicalJson(b.options.sets)) return 'sets';
  if (a.options.acceptOtherVersions !== b.options.acceptOtherVersions) return 'acceptOtherVersions';
  return 'design';
}

const TALLY_ARRAYS = ['cellRespondents', 'counts', 'numbers', 'scores', 'sets', 'alpha'] as const;

/**
 * A 64-bit fingerprint (two independent FNV-1a-style lanes over the exact bits of every number) of
 * a tally. Equal tallies have equal fingerprints; two different tallies (not made to collide on
 * purpose) share one with negligible chance, so equal fingerprints are taken as the same tally.
 * Each array is copied into one reused Float64Array and its bits read as 32-bit words: the engine
 * copies an array the merge has checked (`checked`) natively; an unchecked one is copied with each
 * non-number as NaN. Both give the same bits for the same numbers.
 */
function tallyFingerprint(): (state: AggregateState, checked: boolean) => string {
  let values = new Float64Array(1 << 14);
  let words = new Int32Array(values.buffer);
  return (state, checked) => {
    let a = 0x811c9dc5;
    let b = 0x6a09e667;
    for (const key of TALLY_ARRAYS) {
      const list: unknown = state[key];
      if (!Array.isArray(list)) continue;
      const n = list.length;
      if (n > values.length) {
        values = new Float64Array(n);
        words = new Int32Array(values.buffer);
      }
      values.set(checked ? list : list.map((v) => (typeof v === 'number' ? v : Number.NaN)));
      a = Math.imul(a ^ n, 0x01000193);
      for (let i = 0; i < 2 * n; i += 2) {
        const low = words[i]!;
        const high = words[i + 1]!;
        a = Math.imul(a ^ low, 0x01000193) ^ high;
        b = Math.imul(b ^ high, 0x5bd1e995) ^ (low >>> 7);
        a = (a << 13) | (a >>> 19);
      }
    }
    return `${state.responses}:${a >>> 0}:${b >>> 0}`;
  };
}
