import { describe, expect, it } from 'vitest';
import { rake } from '../../src/design/index.js';
import { createAggregator } from '../../src/scoring/index.js';
import { analysisSurvey, randomAnswers, randomSource, response } from '../scoring/fixtures.js';

// The weights `kizuki/design` makes feed `kizuki/scoring` directly: the calibration description that
// rake returns is what the aggregator needs for variances from calibration residuals.
describe('design weights in scoring', () => {
  it('raked weights reproduce the population in the aggregate and change the standard errors through the calibration residuals', () => {
    const survey = analysisSurvey();
    const random = randomSource(11);
    const rows = Array.from({ length: 400 }, () => {
      const answers = randomAnswers(random);
      answers.sex = random() < 0.35 ? 1 : 2;
      answers.age_band = 1 + Math.floor(random() * 5);
      return { answers, record: { sex: String(answers.sex), age_band: String(answers.age_band) } };
    });
    const margins = [
      { variable: 'sex', totals: { '1': 4900, '2': 5100 } },
      { variable: 'age_band', totals: { '1': 1500, '2': 1800, '3': 2200, '4': 2300, '5': 2200 } },
    ];
    const raked = rake({ records: rows.map((r) => r.record), margins });
    expect(raked.calibration.method).toBe('rake');
    const aggregate = (calibrated: boolean) => {
      const aggregator = createAggregator(survey, {
        by: ['sex'],
        minGroupSize: 1,
        design: calibrated ? { calibration: raked.calibration } : {},
      });
      rows.forEach((row, i) => {
        aggregator.add(response(survey, row.answers), raked.weights[i]!);
      });
      return aggregator.result();
    };
    const calibrated = aggregate(true);
    const plain = aggregate(false);
    expect(calibrated.weighting?.sumWeights).toBeCloseTo(10_000, 6);
    const share = (r: typeof calibrated) =>
      r.items.find((i) => i.id === 'r1')!.groups.find((g) => g.group === 'all')!.weighted!.favourable!;
    expect(share(calibrated).mean).toBeCloseTo(share(plain).mean, 12);
    expect(share(calibrated).se).toBeGreaterThan(0);
    expect(share(calibrated).se).not.toBe(share(plain).se);
  });
});
