import { bench, describe } from 'vitest';
import {
  createPrivacyBudget,
  enforceKAnonymity,
  measureKAnonymity,
  noisyCount,
  redactText,
  suppressTable,
} from '../src/anonymise/index.js';
import { seeded } from '../test/anonymise/helpers.js';

const r = seeded(42);
const depts = Array.from({ length: 30 }, (_, i) => `dept${i}`);
// 100,000 employees × 4 quasi-identifiers: age (15–94), sex, one of 30 departments, date joined.
const records = Array.from({ length: 100_000 }, () => ({
  age: 15 + Math.floor(r() * 80),
  sex: 1 + Math.floor(r() * 3),
  dept: depts[Math.floor(r() * depts.length)]!,
  joined: `20${10 + Math.floor(r() * 15)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
  score: 1 + Math.floor(r() * 4),
}));
const qis = ['age', 'sex', 'dept', 'joined'];
const slow = { time: 1000, iterations: 3, warmupIterations: 1 };

describe('k-anonymity, 100,000 records × 4 quasi-identifiers', () => {
  bench(
    'measureKAnonymity',
    () => {
      measureKAnonymity(records, { quasiIdentifiers: qis, k: 5 });
    },
    slow,
  );
  bench(
    'enforceKAnonymity k=5',
    () => {
      const { report } = enforceKAnonymity(records, { quasiIdentifiers: qis, k: 5 });
      if (!report.satisfied) throw new Error('not k-anonymous');
    },
    slow,
  );
  bench(
    'enforceKAnonymity k=5, l=2 on score',
    () => {
      enforceKAnonymity(records, { quasiIdentifiers: qis, k: 5, sensitive: 'score', l: 2 });
    },
    slow,
  );
});

/** About 1 MB (in UTF-16 code units) of `unit` repeated. */
const megabyte = (unit: string) => unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);
const comment =
  '職場では育児休業を取りやすい雰囲気があると感じています。ただ、繁忙期には残業が増え、家族との時間が減ります。' +
  '詳しくは山田（090-1234-5678、taro.yamada@example.jp）までご連絡ください。〒100-0001 東京都千代田区。' +
  '上司は理解があるものの、評価の仕組みがよく分からないという声もあります。2024年4月から制度が変わりました。';
const ordinary = megabyte(comment);

describe('redactText, 1 MB inputs (hz = MB/s)', () => {
  bench(
    'ordinary Japanese comments with some personal data',
    () => {
      redactText(ordinary);
    },
    slow,
  );
  for (const unit of [
    'a@',
    '0-',
    '0 ',
    '(0',
    '090-1234-',
    '1',
    '12345678901-',
    '1年1月',
    'http://',
    '+81-',
    'a.a@',
  ]) {
    const text = megabyte(unit);
    bench(
      `adversarial: ${JSON.stringify(unit)} repeated`,
      () => {
        redactText(text);
      },
      slow,
    );
  }
});

const counts = Array.from({ length: 20 }, () =>
  Array.from({ length: 20 }, () => (r() < 0.2 ? Math.floor(r() * 5) : 5 + Math.floor(r() * 50))),
);

describe('tables and noise', () => {
  bench(
    'suppressTable 20 × 20, threshold 5',
    () => {
      suppressTable(counts);
    },
    slow,
  );
  bench(
    'noisyCount ε = 0.1 (1,000 counts)',
    () => {
      const budget = createPrivacyBudget({ epsilon: 100 });
      for (let i = 0; i < 1000; i++) noisyCount(i, { epsilon: 0.1, budget });
    },
    slow,
  );
});
