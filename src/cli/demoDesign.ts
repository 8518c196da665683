import {
  drawSample,
  INVITATION_ALPHABET,
  type Margin,
  rake,
  type Sample,
  type WeightingResult,
} from '../design/index.js';
import type { Survey, SurveyResponse } from '../schema/index.js';
import type { CliContext } from './cliContext.js';
import type { DesignCsv } from './designCsv.js';
import { createRandom, synthesiseResponses } from './synthesiseResponses.js';

/** Shares of the made-up register: area (centre, outskirts, elsewhere), sex, age band 10s…70s+. */
const AREA = [0.5, 0.35, 0.15];
const SEX = [0.48, 0.52];
const AGE = [0.08, 0.11, 0.12, 0.15, 0.15, 0.16, 0.23];
/**
 * Chance of answering by age band, times 0.7 for men and 1.05 for women: young men answer least,
 * older women most, as in municipal mail surveys (about 14% against 69%).
 */
const ANSWERS = [0.2, 0.22, 0.3, 0.4, 0.5, 0.6, 0.66];
/** Nonrespondents' outcomes: refusal, non-contact, unknown eligibility, not eligible (moved away). */
const OUTCOMES: ReadonlyArray<readonly [string, number]> = [
  ['2.11', 0.35],
  ['2.20', 0.35],
  ['3.20', 0.2],
  ['4.10', 0.1],
];
/** The register is this many times the sample; the sample this many times the responses asked for (about 42% answer). */
const FRAME_PER_SAMPLE = 5;
const SAMPLE_PER_RESPONSE = 2.4;

/** What the demo's survey design made: responses with their weights and the "Who answered" inputs. */
export interface DemoDesign {
  frameSize: number;
  sample: Sample;
  responses: SurveyResponse[];
  /** The raked weight of each response, in order. */
  weights: number[];
  raked: WeightingResult;
  dispositions: DesignCsv;
  /** Population margins of the register: sex, age band, area and sex × age band. */
  margins: Margin[];
  /** The margins as `variable,category,count` rows, for population.csv. */
  marginRows: Array<{ variable: string; category: string; count: number }>;
}

/**
 * The demo's survey design, all made up and fixed by the seed: a register of residents, a sample
 * stratified by area, differential nonresponse (young men answer least), responses of those who
 * answered, and weights raked to the register's sex, age band and area.
 */
export function demoDesign(context: CliContext, survey: Survey, n: number, seed: number): DemoDesign {
  const random = createRandom(seed ^ 0x5ca1ab1e);
  const pick = (shares: readonly number[]) => {
    let r = random();
    for (let i = 0; i < shares.length; i++) {
      r -= shares[i]!;
      if (r < 0) return i + 1;
    }
    return shares.length;
  };
  const size = Math.ceil(n * SAMPLE_PER_RESPONSE);
  const frame = Array.from({ length: size * FRAME_PER_SAMPLE }, (_, i) => ({
    id: `R${String(i + 1).padStart(6, '0')}`,
    name: `${context.lang === 'ja' ? '住民' : 'Resident '}${i + 1}`,
    address: `${context.lang === 'ja' ? 'みどり市' : 'Midori City '}${1 + Math.floor(random() * 999)}`,
    area: String(pick(AREA)),
    sex: String(pick(SEX)),
    age_band: String(pick(AGE)),
  }));
  // Invitation codes are cryptographically random in real use; the demo's come from the seed so
  // that it gives the same files every time.
  const code = () =>
    Array.from(
      { length: 10 },
      () => INVITATION_ALPHABET[Math.floor(random() * INVITATION_ALPHABET.length)],
    ).join('');
  const sample = drawSample({
    frame,
    id: 'id',
    strata: ['area'],
    size,
    seed,
    contactFields: ['name', 'address'],
    codeGenerator: code,
    locale: context.lang,
  });
  const rows: Record<string, string>[] = [];
  const people: Array<Record<string, number>> = [];
  const baseWeights: number[] = [];
  for (const record of sample.records) {
    const data = record.data as Record<string, string>;
    const chance = ANSWERS[Number(data.age_band) - 1]! * (data.sex === '1' ? 0.7 : 1.05);
    let disposition = '1.1';
    if (random() >= chance) {
      disposition = OUTCOMES[pick(OUTCOMES.map(([, share]) => share)) - 1]![0];
    }
    rows.push({
      code: record.code,
      stratum: record.stratum,
      area: data.area!,
      sex: data.sex!,
      age_band: data.age_band!,
      disposition,
    });
    if (disposition === '1.1') {
      people.push({ area: Number(data.area), sex: Number(data.sex), age_band: Number(data.age_band) });
      baseWeights.push(record.weight);
    }
  }
  const responses = synthesiseResponses(survey, { n: people.length, seed, people });
  if (responses.length !== people.length) throw new Error('A made-up response failed its own checks.');

  const variables = ['sex', 'age_band', 'area'] as const;
  const counts = (key: (row: (typeof frame)[number]) => string) => {
    const table = new Map<string, number>();
    for (const row of frame) table.set(key(row), (table.get(key(row)) ?? 0) + 1);
    return [...table].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  };
  const single = variables.map((v) => ({ variable: v, totals: Object.fromEntries(counts((row) => row[v])) }));
  const cross = counts((row) => `${row.sex}:${row.age_band}`);
  const margins: Margin[] = [
    ...single,
    {
      variables: ['sex', 'age_band'],
      cells: cross.map(([category, total]) => ({ levels: category.split(':'), total })),
    },
  ];
  const marginRows = [
    ...single.flatMap(({ variable, totals }) =>
      Object.entries(totals).map(([category, count]) => ({ variable, category, count })),
    ),
    ...cross.map(([category, count]) => ({ variable: 'sex:age_band', category, count })),
  ];
  const raked = rake({
    records: people.map((p) => Object.fromEntries(variables.map((v) => [v, String(p[v])]))),
    weight: baseWeights,
    margins: single,
    locale: context.lang,
  });
  return {
    frameSize: frame.length,
    sample,
    responses,
    weights: raked.weights,
    raked,
    dispositions: { fields: ['code', 'stratum', 'area', 'sex', 'age_band', 'disposition'], rows },
    margins,
    marginRows,
  };
}
