import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/expr/index.js';
import { describeCondition } from '../../src/report/describeCondition.js';
import { questionNumbers } from '../../src/report/questionNumbers.js';
import { indexTemplate } from '../../src/schema/index.js';
import { exampleTemplate } from '../helpers/templates.js';

const template = exampleTemplate();
const index = indexTemplate(template);
const numbers = questionNumbers(template);

function describeIn(locale: 'ja' | 'en', source: string) {
  const parsed = parseExpression(source);
  if (!parsed.success) throw new Error(source);
  return describeCondition(parsed.expr, { index, numbers, locale });
}

describe('describeCondition', () => {
  it.each([
    ['sex = 1', 'answered 1 (Male) in Q2', 'Q2で「1 男性」と回答した'],
    ['1 = sex', 'answered 1 (Male) in Q2', 'Q2で「1 男性」と回答した'],
    ['sex != 1', 'answered something other than 1 (Male) in Q2', 'Q2で「1 男性」以外を回答した'],
    ['sex in [1, 2]', 'answered 1 (Male) or 2 (Female) in Q2', 'Q2で「1 男性」か「2 女性」と回答した'],
    [
      'not (sex in [3, 9])',
      'answered something other than 3 (Other) or 9 (Prefer not to say) in Q2',
      'Q2で「3 その他」「9 答えたくない」以外を回答した',
    ],
    ['children > 0', 'answered more than 0 in Q4', 'Q4で0より大きい数を回答した'],
    ['0 < children', 'answered more than 0 in Q4', 'Q4で0より大きい数を回答した'],
    ['not (children > 0)', 'answered at most 0 in Q4', 'Q4で0以下の数を回答した'],
    [
      'age >= 15 and age < 100',
      'answered at least 15 and less than 100 in Q3',
      'Q3で15以上100未満の数を回答した',
    ],
    ['selected(arrangements, 1)', 'chose 1 (Telework) in Q6', 'Q6で「1 テレワーク」を選択した'],
    [
      'not selected(arrangements, 6)',
      'did not choose 6 (None of these) in Q6',
      'Q6で「6 どれもない」を選択しなかった',
    ],
    ['answered(workload)', 'answered Q9', 'Q9に回答した'],
    ['not answered(workload)', 'did not answer Q9', 'Q9に回答しなかった'],
    [
      'sex = 1 and children > 0',
      'answered 1 (Male) in Q2 and more than 0 in Q4',
      'Q2で「1 男性」と回答し、かつQ4で0より大きい数を回答した',
    ],
    [
      'age < 40 or v_lead in [1, 2]',
      'answered less than 40 in Q3 or answered 1 (Agree) or 2 (Somewhat agree) in Q10(2)',
      'Q3で40未満の数を回答したか、Q10(2)で「1 そう思う」か「2 どちらかといえばそう思う」と回答した',
    ],
    ["comment = 'なし'", 'answered "なし" in Q12', 'Q12で「なし」と回答した'],
  ])('%s', (source, en, ja) => {
    expect(describeIn('en', source)).toEqual({ kind: 'words', text: en });
    expect(describeIn('ja', source)).toEqual({ kind: 'words', text: ja });
  });

  it.each([
    [
      'count(why_leave) >= 1 or mean(v_care, v_lead) <= 2.5',
      'count(Q11) >= 1 or mean(Q10(1), Q10(2)) <= 2.5',
    ],
    ['sex = 1 and (children > 0 or age > 30)', 'Q2 = 1 and (Q4 > 0 or Q3 > 30)'],
    ['sum(children, 1) * 2 - 1 > 0', 'sum(Q4, 1) * 2 - 1 > 0'],
  ])('prints %s with question numbers when words cannot say it', (source, printed) => {
    expect(describeIn('ja', source)).toEqual({ kind: 'expression', text: printed });
  });
});
