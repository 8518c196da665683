import { describe, expect, it } from 'vitest';
import { findJumps } from '../../src/report/findJumps.js';
import { renderQuestionnaire } from '../../src/report/index.js';
import { questionNumbers } from '../../src/report/questionNumbers.js';
import { loadTemplate, type Template } from '../../src/schema/index.js';
import { getTemplate } from '../../src/templates/index.js';
import { exampleTemplate, minimalTemplate } from '../helpers/templates.js';

const example = loadTemplate(exampleTemplate());
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('renderQuestionnaire', () => {
  it('numbers the questions and prints conditions in words, or as expressions with numbers', () => {
    const ja = text(renderQuestionnaire({ survey: example }));
    for (let n = 1; n <= 14; n++) expect(ja).toContain(`Q${n}`);
    expect(ja).not.toContain('Q15');
    expect(ja).toContain(
      'この質問は、Q2で「1 男性」と回答し、かつQ4で0より大きい数を回答した方のみお答えください。',
    );
    expect(ja).toContain('ここからの質問は、Q4で0より大きい数を回答した方のみお答えください。');
    expect(ja).toContain(
      '次の条件にあてはまる方のみお答えください：count(Q11) &gt;= 1 or mean(Q10(1), Q10(2)) &lt;= 2.5',
    );
    const en = text(renderQuestionnaire({ survey: example, locale: 'en' }));
    expect(en).toContain('Only for those who answered 1 (Male) in Q2 and more than 0 in Q4.');
    expect(en).toContain('Only for those who chose 1 (Telework) in Q6.');
  });

  it('gives instructions for each kind of question', () => {
    const ja = text(renderQuestionnaire({ survey: example }));
    expect(ja).toContain('あてはまるものを3つまで選んでください。');
    expect(ja).toContain('それぞれについて、あてはまるものを1つずつ選んでください。');
    expect(ja).toContain('下の選択肢から3つまで選び、その番号を大きい順に記入してください。');
    expect(ja).toContain('数字を記入してください。（15〜99）（整数）');
    expect(ja).toContain('（これを選んだ場合、ほかは選ばないでください）');
    expect(ja).toContain('1位');
    // A label that pipes an earlier answer points to that question instead.
    expect(ja).toContain('（Q11の回答） を選んだ理由など');
    const en = text(renderQuestionnaire({ survey: example, locale: 'en' }));
    expect(en).toContain('Choose up to 3.');
    expect(en).toContain('Write a number. (15–99) (whole number)');
    expect(en).toContain('(your answer to Q11)');
  });

  it('points options that skip questions to the next question they lead to', () => {
    const community = loadTemplate(getTemplate('bias-awareness-community')!);
    const html = renderQuestionnaire({ survey: community });
    const imposed = /<div class="q" id="q-imposed">.*?<\/div>/s.exec(html)![0];
    expect(text(imposed)).toMatch(/1 ある(?!\s*→)/);
    expect(imposed.match(/→ Q9へ/g)).toHaveLength(2);
    expect(text(imposed)).toContain('2 ない → Q9へ');
    expect(text(imposed)).toContain('9 わからない → Q9へ');
  });

  it('says an instruction or a request for details once, not again after a label that says it', () => {
    const community = loadTemplate(getTemplate('bias-awareness-community')!);
    const how = /<div class="q" id="q-imposed_how">.*?<\/div>/s.exec(
      renderQuestionnaire({ survey: community }),
    )![0];
    expect(text(how).match(/あてはまるものをすべて選んでください。/g)).toHaveLength(1);
    expect(text(how)).toContain('その他（具体的に）');
    expect(text(how)).not.toContain('具体的に:');
    const en = renderQuestionnaire({ survey: example, locale: 'en' });
    expect(text(en)).toContain('Choose up to 3.');
  });

  it('escapes every template text', () => {
    const template = exampleTemplate();
    template.title = { ja: '<script>alert(1)</script>', en: 'x' };
    template.sections[0]!.questions[1]!.label = { ja: '<img src=x onerror=alert(2)>', en: 'x' };
    const sex = template.sections[0]!.questions[1]!;
    if (sex.type === 'single') sex.options[0]!.label = { ja: '"><b>男性</b>', en: 'x' };
    const html = renderQuestionnaire({ survey: loadTemplate(template) });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>男性');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;b&gt;男性');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});

describe('findJumps', () => {
  const template = (): Template => {
    const t = minimalTemplate();
    const q = t.sections[0]!.questions[0]!;
    if (q.type === 'single') q.options.push({ code: 3, label: { ja: 'C', en: 'C' } });
    const follow = (id: string, visibleIf?: string) => ({
      id,
      type: 'single' as const,
      label: { ja: id, en: id },
      options: [{ code: 1, label: { ja: 'x', en: 'x' } }],
      ...(visibleIf === undefined ? {} : { visibleIf }),
    });
    t.sections[0]!.questions.push(follow('q2', 'q1 = 1'), follow('q3', 'q1 in [1, 2]'), follow('q4'));
    return t;
  };

  it('sends each option past the questions it hides, and to the end when nothing follows', () => {
    const survey = loadTemplate(template());
    const jumps = findJumps(survey, questionNumbers(survey.template));
    expect([...jumps.get('q1')!]).toEqual([
      [2, { to: 'Q3' }],
      [3, { to: 'Q4' }],
    ]);
    const last = template();
    last.sections[0]!.questions.pop();
    const lastSurvey = loadTemplate(last);
    expect(findJumps(lastSurvey, questionNumbers(last)).get('q1')!.get(3)).toEqual({ to: 'end' });
  });

  it('makes no jump when a condition also reads another question', () => {
    const t = template();
    t.sections[0]!.questions[1]!.visibleIf = 'q1 = 1 and answered(q4)';
    const survey = loadTemplate(t);
    expect(findJumps(survey, questionNumbers(t)).has('q1')).toBe(false);
  });
});
