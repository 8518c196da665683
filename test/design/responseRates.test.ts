import { describe, expect, it } from 'vitest';
import { aaporRates, DesignError, dispositionClass, responseRates } from '../../src/design/index.js';

// A hand-worked mail survey: I = 300, P = 20, R = 80, NC = 150, O = 10, UH = 30, UO = 10, NE = 40.
// D = (I+P) + (R+NC+O) = 320 + 240 = 560; U = UH+UO = 40.
// e (proportional) = known eligible / known = 560 / (560 + 40) = 14/15; eU = 40·14/15 = 112/3.
const counts = { I: 300, P: 20, R: 80, NC: 150, O: 10, UH: 30, UO: 10, NE: 40 };
const DeU = 560 + 112 / 3; // 1792/3

describe('aaporRates (hand-worked)', () => {
  const { rates, e, eSource, cases } = aaporRates({ counts });

  it('estimates e by the proportional method', () => {
    expect(eSource).toBe('proportional');
    expect(e).toBeCloseTo(14 / 15, 15);
    expect(cases).toBe(640);
  });

  it('RR1–RR6', () => {
    expect(rates.RR1).toBeCloseTo(300 / 600, 15); // I / (D + U)
    expect(rates.RR2).toBeCloseTo(320 / 600, 15); // (I+P) / (D + U)
    expect(rates.RR3).toBeCloseTo(300 / DeU, 15); // I / (D + eU) = 900/1792
    expect(rates.RR4).toBeCloseTo(320 / DeU, 15); // 960/1792
    expect(rates.RR5).toBeCloseTo(300 / 560, 15); // I / D
    expect(rates.RR6).toBeCloseTo(320 / 560, 15); // (I+P) / D
  });

  it('COOP1–COOP4', () => {
    expect(rates.COOP1).toBeCloseTo(300 / 410, 15); // I / ((I+P)+R+O) = 300 / (320+80+10)
    expect(rates.COOP2).toBeCloseTo(320 / 410, 15);
    expect(rates.COOP3).toBeCloseTo(300 / 400, 15); // I / ((I+P)+R)
    expect(rates.COOP4).toBeCloseTo(320 / 400, 15);
  });

  it('REF1–REF3 and CON1–CON3', () => {
    expect(rates.REF1).toBeCloseTo(80 / 600, 15);
    expect(rates.REF2).toBeCloseTo(80 / DeU, 15);
    expect(rates.REF3).toBeCloseTo(80 / 560, 15);
    expect(rates.CON1).toBeCloseTo(410 / 600, 15); // ((I+P)+R+O) / (D+U)
    expect(rates.CON2).toBeCloseTo(410 / DeU, 15);
    expect(rates.CON3).toBeCloseTo(410 / 560, 15);
  });

  it('uses a given e: e = 0.5 → D + eU = 580', () => {
    const given = aaporRates({ counts, e: 0.5 });
    expect(given.eSource).toBe('given');
    expect(given.rates.RR3).toBeCloseTo(300 / 580, 15);
    expect(given.rates.RR4).toBeCloseTo(320 / 580, 15);
    expect(given.rates.REF2).toBeCloseTo(80 / 580, 15);
    expect(given.rates.CON2).toBeCloseTo(410 / 580, 15);
    expect(given.rates.RR1).toBe(rates.RR1);
  });

  it('gives null where a denominator is 0 and rejects bad counts', () => {
    expect(aaporRates({ counts: { NE: 3 } }).rates.RR1).toBeNull();
    expect(() => aaporRates({ counts: { I: -1 } })).toThrow(DesignError);
    expect(() => aaporRates({ counts: { I: 1 }, e: 2 })).toThrow(DesignError);
  });
});

describe('dispositionClass', () => {
  it.each([
    ['1.1', 'I'],
    [1.2, 'P'],
    ['2.11', 'R'],
    ['2.112', 'R'],
    [2.12, 'R'],
    ['2.20', 'NC'],
    ['2.35', 'O'],
    ['3.11', 'UH'],
    [3.21, 'UO'],
    ['3.9', 'UO'],
    ['4.10', 'NE'],
    ['complete', 'I'],
    ['Break-off', 'R'],
    ['non contact', 'NC'],
    ['not_eligible', 'NE'],
  ] as const)('%s → %s', (code, cls) => {
    expect(dispositionClass(code)).toBe(cls);
  });

  it.each(['1.0', '2.0', '3.0', '5.1', 'maybe', '', '__proto__'])('%s is unknown', (code) => {
    expect(dispositionClass(code)).toBeUndefined();
  });
});

describe('responseRates', () => {
  const records = [
    { code: 'A', stratum: 'N', sex: 'F', d: '1.1' },
    { code: 'B', stratum: 'N', sex: 'M', d: '2.11' },
    { code: 'C', stratum: 'N', sex: 'M', d: '3.11' },
    { code: 'D', stratum: 'S', sex: 'F', d: 'complete' },
    { code: 'E', stratum: 'S', sex: 'F', d: '4.1' },
    { code: 'F', stratum: 'S', sex: 'M', d: '2.2' },
  ];

  it('overall and by stratum and by stratum × sex, e within each group', () => {
    const out = responseRates({
      records,
      disposition: 'd',
      code: 'code',
      by: [['stratum'], ['stratum', 'sex']],
    });
    // Overall: I = 2, R = 1, NC = 1, UH = 1, NE = 1 → RR1 = 2 / 5; e = 4/5 → RR3 = 2 / (4 + 0.8).
    expect(out.overall.rates.RR1).toBeCloseTo(2 / 5, 15);
    expect(out.overall.rates.RR3).toBeCloseTo(2 / 4.8, 15);
    const [byStratum, byCell] = out.breakdowns;
    // N: I = 1, R = 1, UH = 1 → RR1 = 1/3; e = 2/2 = 1 → RR3 = 1/3. S: I = 1, NC = 1, NE = 1 → RR1 = 1/2.
    expect(byStratum!.groups.map((g) => [g.label, g.rates.RR1, g.e])).toEqual([
      ['N', 1 / 3, 1],
      ['S', 1 / 2, 2 / 3],
    ]);
    expect(byCell!.groups.map((g) => g.label)).toEqual(['N × F', 'N × M', 'S × F', 'S × M']);
    expect(byCell!.groups[1]!.rates.REF1).toBeCloseTo(1 / 2, 15);
  });

  it('names every unknown code and duplicate invitation code, in ja and en', () => {
    const bad = [...records, { code: 'A', stratum: 'S', sex: 'F', d: '9.9' }];
    try {
      responseRates({ records: bad, disposition: 'd', code: 'code', locale: 'en' });
      expect.unreachable();
    } catch (error) {
      expect((error as DesignError).issues.map((i) => [i.code, i.path])).toEqual([
        ['unknown_disposition', ['records', 6, 'd']],
        ['duplicate_code', ['records', 6, 'code']],
      ]);
      expect((error as DesignError).issues[0]!.message).toContain(
        'Row 7 has an unknown disposition code "9.9"',
      );
    }
    expect(() => responseRates({ records: bad, disposition: 'd' })).toThrow(/結果コード「9.9」は不明/);
  });
});
