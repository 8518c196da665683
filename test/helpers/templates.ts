import { readFileSync } from 'node:fs';
import type { Template } from '../../src/schema/index.js';

/** A fresh copy of the feature sampler, as plain JSON to mutate in tests. */
export function exampleTemplate(): Template {
  return JSON.parse(
    readFileSync(new URL('../../templates/example-all-features.json', import.meta.url), 'utf8'),
  );
}

/** The smallest valid template: one section with one single-choice question. */
export function minimalTemplate(): Template {
  return {
    id: 'minimal',
    version: '1.0.0',
    locales: ['ja', 'en'],
    title: { ja: '最小', en: 'Minimal' },
    provenance: { authors: ['test'] },
    licence: 'CC0-1.0',
    scales: {
      yesno: {
        options: [
          { code: 1, label: { ja: 'はい', en: 'Yes' } },
          { code: 2, label: { ja: 'いいえ', en: 'No' } },
        ],
        favourable: [1],
      },
    },
    sections: [
      {
        id: 's1',
        title: { ja: '節', en: 'Section' },
        questions: [
          {
            id: 'q1',
            type: 'single',
            label: { ja: '質問', en: 'Question' },
            options: [
              { code: 1, label: { ja: 'A', en: 'A' } },
              { code: 2, label: { ja: 'B', en: 'B' } },
            ],
          },
        ],
      },
    ],
  };
}
