// Data and shard worker of bench/scoring.bench.ts. Imported by the bench for the template and the
// synthetic responses; run as a worker thread (bundled by the bench with esbuild) to aggregate a shard.
import { parentPort, workerData } from 'node:worker_threads';
import type { Survey, SurveyResponse, Template } from '../src/schema/index.js';
import { loadTemplate } from '../src/schema/index.js';
import { createAggregator } from '../src/scoring/index.js';

// Re-exported so that the bench measures these functions from the same bundle as the workers.
export { aggregatorFromJSON, createAggregator } from '../src/scoring/index.js';

export const ITEMS = 40;
export const BY = ['sex', 'age_band'];

/** 40 statements on a 4-point scale with "don't know", sex (4 codes) and 5 age bands, 4 scores of 10 items. */
export function benchSurvey(): Survey {
  const text = (s: string) => ({ ja: `${s}（日本語）`, en: s });
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    id: `i${i}`,
    text: text(`Statement ${i}`),
    ...(i % 7 === 3 ? { reverse: true } : {}),
  }));
  const template: Template = {
    id: 'bench-scoring',
    version: '1.0.0',
    locales: ['ja', 'en'],
    title: text('Scoring benchmark'),
    provenance: { authors: ['kizuki bench'] },
    licence: 'CC0-1.0',
    scales: {
      agree4: {
        options: [1, 2, 3, 4, 9].map((code) => ({
          code,
          label: text(`o${code}`),
          ...(code < 9 ? { value: 5 - code } : {}),
        })),
        favourable: [1, 2],
        missing: [9],
      },
    },
    sections: [
      {
        id: 's',
        title: text('Section'),
        questions: [
          {
            id: 'sex',
            type: 'single',
            label: text('Sex'),
            options: [1, 2, 3, 9].map((code) => ({
              code,
              label: text(`s${code}`),
              ...(code === 9 ? { missing: true } : {}),
            })),
          },
          {
            id: 'age_band',
            type: 'single',
            label: text('Age band'),
            options: [1, 2, 3, 4, 5].map((code) => ({ code, label: text(`a${code}`) })),
          },
          { id: 'views', type: 'matrix', scale: 'agree4', label: text('Views'), items },
        ],
      },
    ],
    scores: (['mean', 'favourableShare', 'count', 'sum'] as const).map((method, k) => ({
      id: `score${k}`,
      label: text(method),
      method,
      items: items.slice(k * 10, k * 10 + 10).map((i) => i.id),
    })),
  };
  return loadTemplate(template);
}

/**
 * `size` distinct synthetic responses: each item unanswered with probability 3%, "don't know" 3%,
 * so objects have many different key sets, as JSON-parsed responses do.
 */
export function responsePool(survey: Survey, size: number, seed: number): SurveyResponse[] {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const pool: SurveyResponse[] = [];
  for (let n = 0; n < size; n++) {
    const answers: Record<string, number> = {
      sex: [1, 1, 2, 2, 3, 9][Math.floor(random() * 6)]!,
      age_band: 1 + Math.floor(random() * 5),
    };
    for (let i = 0; i < ITEMS; i++) {
      const x = random();
      if (x < 0.03) continue;
      answers[`i${i}`] = x < 0.06 ? 9 : 1 + Math.floor(random() * 4);
    }
    pool.push({
      templateId: survey.template.id,
      templateVersion: survey.template.version,
      templateHash: survey.hash,
      respondentId: `r${seed}-${n}`,
      answers,
      meta: {
        locale: 'ja',
        startedAt: '2026-05-01T09:00:00.000Z',
        submittedAt: '2026-05-01T09:05:00.000Z',
        seed: n,
      },
    });
  }
  return pool;
}

interface ShardData {
  role: 'kizuki-scoring-shard';
  survey: Survey;
  poolSize: number;
  seed: number;
}

if (parentPort && (workerData as ShardData | undefined)?.role === 'kizuki-scoring-shard') {
  const port = parentPort;
  const { survey, poolSize, seed } = workerData as ShardData;
  const pool = responsePool(survey, poolSize, seed);
  port.postMessage({ type: 'ready' });
  port.on('message', (message: { type: 'run'; count: number }) => {
    const agg = createAggregator(survey, { by: BY });
    for (let n = 0; n < message.count; n++) agg.add(pool[n % pool.length]!);
    port.postMessage({ type: 'state', state: agg.toJSON() });
  });
}
