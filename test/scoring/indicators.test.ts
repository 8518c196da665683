import { describe, expect, it } from 'vitest';
import {
  IndicatorError,
  menChildcareLeaveRate,
  payGapIndicator,
  ScoringError,
  womenManagerShare,
} from '../../src/scoring/index.js';

const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(IndicatorError);
    expect(error).toBeInstanceOf(ScoringError);
    return (error as IndicatorError).issues.map((i) => ({ code: i.code, path: i.path }));
  }
  throw new Error('expected an IndicatorError');
};

describe('payGapIndicator', () => {
  it('divides the average wages and rounds half up to one decimal', () => {
    // Averages 6,000,000 and 4,548,000 yen: 75.8 (the 2024 national full-time figure, for scale).
    expect(
      payGapIndicator({
        men: { totalWages: 600_000_000, headcount: 100 },
        women: { totalWages: 227_400_000, headcount: 50 },
      }),
    ).toBe(75.8);
    // 3,034,000 / 4,000,000 = 75.85 exactly → 75.9.
    expect(
      payGapIndicator({
        men: { totalWages: 400_000_000, headcount: 100 },
        women: { totalWages: 151_700_000, headcount: 50 },
      }),
    ).toBe(75.9);
    // 75.84999… stays 75.8.
    expect(
      payGapIndicator({
        men: { totalWages: 4_000_000, headcount: 1 },
        women: { totalWages: 3_033_999, headcount: 1 },
      }),
    ).toBe(75.8);
  });

  it('rounds the exact quotient where floating point would round down', () => {
    // 299 / 1040 × 100 = 28.75 exactly, but in doubles 28.749999999999996: naive rounding gives 28.7.
    expect((299 / 1040) * 100).toBeLessThan(28.75);
    expect(
      payGapIndicator({ men: { totalWages: 1040, headcount: 1 }, women: { totalWages: 299, headcount: 1 } }),
    ).toBe(28.8);
    // Non-integer wages are taken as the exact numbers given: 0.5 is exact in binary.
    expect(
      payGapIndicator({ men: { totalWages: 2, headcount: 1 }, women: { totalWages: 1.5, headcount: 2 } }),
    ).toBe(37.5);
    // Women may earn more: above 100.
    expect(
      payGapIndicator({ men: { totalWages: 100, headcount: 1 }, women: { totalWages: 100.5, headcount: 1 } }),
    ).toBe(100.5);
  });

  it('refuses impossible input, reporting every problem with its path', () => {
    expect(
      issuesOf(() =>
        payGapIndicator({ men: { totalWages: 100, headcount: 0 }, women: { totalWages: 50, headcount: 1 } }),
      ),
    ).toEqual([{ code: 'no_men', path: ['men', 'headcount'] }]);
    expect(
      issuesOf(() =>
        payGapIndicator({
          men: { totalWages: -1, headcount: 1.5 },
          women: { totalWages: Number.NaN, headcount: 0 },
        }),
      ),
    ).toEqual([
      { code: 'negative', path: ['men', 'totalWages'] },
      { code: 'not_integer', path: ['men', 'headcount'] },
      { code: 'not_finite', path: ['women', 'totalWages'] },
      { code: 'no_women', path: ['women', 'headcount'] },
    ]);
    expect(
      issuesOf(() =>
        payGapIndicator({ men: { totalWages: 0, headcount: 3 }, women: { totalWages: 10, headcount: 1 } }),
      ),
    ).toEqual([{ code: 'no_men_wages', path: ['men', 'totalWages'] }]);
    expect(issuesOf(() => payGapIndicator({} as never))).toEqual([
      { code: 'missing_value', path: ['men', 'totalWages'] },
      { code: 'missing_value', path: ['men', 'headcount'] },
      { code: 'missing_value', path: ['women', 'totalWages'] },
      { code: 'missing_value', path: ['women', 'headcount'] },
    ]);
    expect(issuesOf(() => payGapIndicator(null as never))).toHaveLength(4);
    expect(() =>
      payGapIndicator({
        men: { totalWages: Infinity, headcount: 1 },
        women: { totalWages: 1, headcount: 1 },
      }),
    ).toThrow(IndicatorError);
  });

  it('explains in Japanese and English', () => {
    const input = { men: { totalWages: 100, headcount: 0 }, women: { totalWages: 50, headcount: 1 } };
    expect(() => payGapIndicator(input)).toThrow(/男性の人数が0/);
    expect(() => payGapIndicator(input, { locale: 'en' })).toThrow(/no men/);
  });
});

describe('womenManagerShare', () => {
  it('gives the share in percent, rounded half up to one decimal', () => {
    expect(womenManagerShare({ womenManagers: 7, allManagers: 40 })).toBe(17.5);
    expect(womenManagerShare({ womenManagers: 1, allManagers: 3 })).toBe(33.3);
    expect(womenManagerShare({ womenManagers: 2, allManagers: 3 })).toBe(66.7);
    expect(womenManagerShare({ womenManagers: 3, allManagers: 16 })).toBe(18.8); // 18.75
    // 201/400 = 50.25 exactly, 50.24999… in doubles.
    expect(womenManagerShare({ womenManagers: 201, allManagers: 400 })).toBe(50.3);
    expect(womenManagerShare({ womenManagers: 0, allManagers: 5 })).toBe(0);
    expect(womenManagerShare({ womenManagers: 5, allManagers: 5 })).toBe(100);
  });

  it('refuses more women managers than managers, no managers and bad counts', () => {
    expect(issuesOf(() => womenManagerShare({ womenManagers: 12, allManagers: 10 }))).toEqual([
      { code: 'exceeds_total', path: ['womenManagers'] },
    ]);
    expect(() => womenManagerShare({ womenManagers: 12, allManagers: 10 }, { locale: 'en' })).toThrow(
      'Women managers (12) exceed all managers (10)',
    );
    expect(issuesOf(() => womenManagerShare({ womenManagers: 0, allManagers: 0 }))).toEqual([
      { code: 'no_managers', path: ['allManagers'] },
    ]);
    expect(issuesOf(() => womenManagerShare({ womenManagers: -1, allManagers: 2.5 }))).toEqual([
      { code: 'negative', path: ['womenManagers'] },
      { code: 'not_integer', path: ['allManagers'] },
    ]);
  });
});

describe('menChildcareLeaveRate', () => {
  it('truncates to a whole percent and may exceed 100', () => {
    expect(menChildcareLeaveRate({ menWithNewborn: 30, menTookLeave: 12, formula: 'A' })).toBe(40);
    expect(menChildcareLeaveRate({ menWithNewborn: 3, menTookLeave: 2, formula: 'A' })).toBe(66); // 66.67 → 66
    expect(menChildcareLeaveRate({ menWithNewborn: 300, menTookLeave: 299, formula: 'A' })).toBe(99); // 99.67 → 99
    expect(menChildcareLeaveRate({ menWithNewborn: 30, menTookLeave: 35, formula: 'A' })).toBe(116);
    expect(menChildcareLeaveRate({ menWithNewborn: 7, menTookLeave: 0, formula: 'A' })).toBe(0);
  });

  it('adds childcare-purpose leave under formula B only', () => {
    const input = { menWithNewborn: 30, menTookLeave: 12, menTookChildcarePurposeLeave: 5 };
    expect(menChildcareLeaveRate({ ...input, formula: 'B' })).toBe(56); // 17/30 = 56.67
    expect(menChildcareLeaveRate({ ...input, formula: 'A' })).toBe(40);
    expect(
      issuesOf(() => menChildcareLeaveRate({ menWithNewborn: 30, menTookLeave: 12, formula: 'B' })),
    ).toEqual([{ code: 'missing_value', path: ['menTookChildcarePurposeLeave'] }]);
  });

  it('refuses impossible input', () => {
    expect(
      issuesOf(() => menChildcareLeaveRate({ menWithNewborn: 0, menTookLeave: 0, formula: 'A' })),
    ).toEqual([{ code: 'no_newborn', path: ['menWithNewborn'] }]);
    expect(
      issuesOf(() =>
        menChildcareLeaveRate({ menWithNewborn: 10.5, menTookLeave: -2, formula: 'C' as never }),
      ),
    ).toEqual([
      { code: 'invalid_formula', path: ['formula'] },
      { code: 'not_integer', path: ['menWithNewborn'] },
      { code: 'negative', path: ['menTookLeave'] },
    ]);
    expect(
      issuesOf(() => menChildcareLeaveRate({ menWithNewborn: 2 ** 60, menTookLeave: 1, formula: 'A' })),
    ).toEqual([{ code: 'not_integer', path: ['menWithNewborn'] }]);
  });
});
