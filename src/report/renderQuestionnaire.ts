import { escapeHtml } from '../core/escapeHtml.js';
import { REQUIRED_WORD } from '../engine/index.js';
import { questionText, questionTexts } from '../engine/questionTexts.js';
import { localText } from '../io/localText.js';
import {
  type ChoiceOption,
  indexTemplate,
  type LocalisedText,
  type Question,
  type Scale,
  type Section,
  type Survey,
} from '../schema/index.js';
import { type ConditionContext, describeCondition } from './describeCondition.js';
import { findJumps, type JumpTarget } from './findJumps.js';
import { baseStyles, htmlDocument } from './htmlDocument.js';
import { questionNumbers } from './questionNumbers.js';

/** Options of {@link renderQuestionnaire}. */
export interface RenderQuestionnaireOptions {
  survey: Survey;
  /** The language of the questionnaire: `ja` (default) or `en`. */
  locale?: 'ja' | 'en';
}

const UI = {
  ja: {
    chooseOne: 'あてはまるものを1つ選んでください。',
    chooseAll: 'あてはまるものをすべて選んでください。',
    chooseUpTo: (n: number) => `あてはまるものを${n}つまで選んでください。`,
    chooseAtLeast: (n: number) => `あてはまるものを${n}つ以上選んでください。`,
    chooseBetween: (a: number, b: number) => `あてはまるものを${a}つ以上${b}つまで選んでください。`,
    chooseEachRow: 'それぞれについて、あてはまるものを1つずつ選んでください。',
    exclusive: '（これを選んだ場合、ほかは選ばないでください）',
    specify: '具体的に',
    rank: (n: number) => `下の選択肢から${n}つまで選び、その番号を大きい順に記入してください。`,
    rankAtLeast: (n: number) => `（少なくとも${n}つ）`,
    rankLabel: (i: number) => `${i}位`,
    number: '数字を記入してください。',
    integer: '（整数）',
    range: (min: string, max: string) => `（${min}〜${max}）`,
    text: 'ご自由にお書きください。',
    date: { year: '年', month: '月', day: '日' },
    jump: (to: string) => `→ ${to}へ`,
    jumpEnd: '→ 以上で終わりです',
    piped: (q: string) => `（${q}の回答）`,
    questionFor: (d: string) => `この質問は、${d}方のみお答えください。`,
    sectionFor: (d: string) => `ここからの質問は、${d}方のみお答えください。`,
    questionIf: (e: string) => `この質問は、次の条件にあてはまる方のみお答えください：${e}`,
    sectionIf: (e: string) => `ここからの質問は、次の条件にあてはまる方のみお答えください：${e}`,
    howTo: '□ にレ点（✓）を記入するか、枠の中に数字や文字を記入してください。',
    thanks: 'ご協力ありがとうございました。',
    template: (id: string, version: string, hash: string) => `テンプレート ${id} ${version}（${hash}）`,
  },
  en: {
    chooseOne: 'Choose one.',
    chooseAll: 'Choose all that apply.',
    chooseUpTo: (n: number) => `Choose up to ${n}.`,
    chooseAtLeast: (n: number) => `Choose at least ${n}.`,
    chooseBetween: (a: number, b: number) => `Choose ${a} to ${b}.`,
    chooseEachRow: 'Choose one answer in each row.',
    exclusive: '(choose this on its own)',
    specify: 'please specify',
    rank: (n: number) =>
      `Choose up to ${n} of the options below and write their numbers in order, most important first.`,
    rankAtLeast: (n: number) => ` (at least ${n})`,
    rankLabel: (i: number) => `Rank ${i}`,
    number: 'Write a number.',
    integer: ' (whole number)',
    range: (min: string, max: string) => ` (${min}–${max})`,
    text: 'Write your answer.',
    date: { year: 'Year', month: 'Month', day: 'Day' },
    jump: (to: string) => `→ go to ${to}`,
    jumpEnd: '→ this is the end',
    piped: (q: string) => `(your answer to ${q})`,
    questionFor: (d: string) => `Only for those who ${d}.`,
    sectionFor: (d: string) => `The questions from here are only for those who ${d}.`,
    questionIf: (e: string) => `Only if this holds: ${e}`,
    sectionIf: (e: string) => `The questions from here are only for those for whom this holds: ${e}`,
    howTo: 'Tick (✓) a box □, or write numbers or words in the boxes.',
    thanks: 'Thank you for your answers.',
    template: (id: string, version: string, hash: string) => `Template ${id} ${version} (${hash})`,
  },
} as const;

const STYLES = `${baseStyles}
.intro { padding: 3mm 4mm; background: var(--soft); border-radius: 2mm; margin-bottom: 3mm; }
.section-note, .cond { border-left: 3px solid var(--ink); padding: 0.5mm 0 0.5mm 2.5mm; margin: 0 0 2mm; font-weight: 600; }
.q { margin: 0 0 5mm; break-inside: avoid; }
.qn { display: inline-block; min-width: 9mm; padding: 0 1.5mm; margin-right: 1.5mm; background: var(--ink); color: #fff; border-radius: 1mm; text-align: center; }
.req { font-size: 8pt; font-weight: 600; border: 1px solid var(--ink); border-radius: 1mm; padding: 0 1mm; margin-left: 1.5mm; vertical-align: 1px; }
.help { color: var(--muted); font-size: 9pt; }
.instr { font-size: 9pt; margin-bottom: 1.5mm; }
.note { padding: 2mm 3mm; border: 1px dashed var(--line); margin: 0 0 4mm; }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 1.2px solid var(--ink); vertical-align: -0.5mm; margin-right: 1.5mm; background: #fff; }
ul.options { list-style: none; margin: 0; padding: 0 0 0 2mm; columns: 2; column-gap: 8mm; }
ul.options.long { columns: 1; }
ul.options.inline { columns: auto; display: flex; flex-wrap: wrap; gap: 0.5mm 6mm; }
ul.options li { break-inside: avoid; padding: 0.4mm 0; }
.code { display: inline-block; min-width: 5mm; color: var(--muted); }
.jump { font-weight: 700; margin-left: 2mm; white-space: nowrap; }
.line { display: inline-block; min-width: 55mm; border-bottom: 1px solid var(--ink); height: 5mm; vertical-align: bottom; }
.field { display: inline-block; border: 1.2px solid var(--ink); height: 8mm; vertical-align: middle; background: #fff; }
.textarea { display: block; border: 1.2px solid var(--ink); height: 30mm; }
.unit { margin: 0 2mm 0 1mm; }
table.grid { width: 100%; font-size: 9pt; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 1mm 1.2mm; }
table.grid thead th { font-weight: 600; text-align: center; vertical-align: bottom; background: var(--soft); }
table.grid td.cell { text-align: center; width: 16mm; }
table.grid td.cell .box { margin: 0; }
table.grid th[scope="row"] { font-weight: 400; text-align: left; }
.ranks { margin: 2mm 0 0 2mm; }
.ranks span { display: inline-block; margin-right: 4mm; }
.end { margin-top: 6mm; text-align: center; font-weight: 600; }`;

/**
 * The paper questionnaire: one self-contained HTML page for A4 printing with the questions numbered
 * Q1, Q2, …, a box for each option, boxes for numbers, texts and dates, matrix grids, instructions
 * ("choose up to 3", "rank up to 5"), and routing taken from `visibleIf`: the condition of a
 * question or section in words ("Only for those who answered 1 (Male) in Q2 and more than 0 in
 * Q4"), or as the expression with question numbers when words cannot say it, and "→ go to Q7"
 * beside the options that skip the questions right after. Every template text is HTML-escaped.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('questionnaire.html', renderQuestionnaire({ survey, locale: 'ja' }));
 * ```
 */
export function renderQuestionnaire(options: RenderQuestionnaireOptions): string {
  const { survey } = options;
  const locale = options.locale ?? 'ja';
  const ui = UI[locale];
  const { template } = survey;
  const index = indexTemplate(template);
  const numbers = questionNumbers(template);
  const jumps = findJumps(survey, numbers);
  const context: ConditionContext = { index, numbers, locale };
  const conditions = new Map(survey.conditions.map((c) => [c.id, c]));
  const t = (text: LocalisedText) => escapeHtml(localText(text, locale));
  // Labels may pipe earlier answers as {id}; on paper that becomes "(your answer to Q3)". The texts
  // come from the engine's questionTexts, as the on-screen form's do.
  const textOptions = {
    locale,
    pipe: (id: string) => {
      const number = numbers.get(id);
      return number === undefined ? undefined : ui.piped(number.label);
    },
  };
  const texts = (question: Question) => {
    const plain = questionTexts(question, textOptions);
    return {
      label: escapeHtml(plain.label),
      help: plain.help === null ? '' : `<p class="help">${escapeHtml(plain.help)}</p>`,
      unit: plain.unit === null ? '' : `<span class="unit">${escapeHtml(plain.unit)}</span>`,
      items: plain.items.map(escapeHtml),
    };
  };
  const conditionNote = (id: string, kind: 'question' | 'section'): string => {
    const visibleIf = conditions.get(id)?.visibleIf;
    if (visibleIf === undefined) return '';
    const described = describeCondition(visibleIf.expr, context);
    const text =
      described.kind === 'words'
        ? (kind === 'question' ? ui.questionFor : ui.sectionFor)(described.text)
        : (kind === 'question' ? ui.questionIf : ui.sectionIf)(described.text);
    return `<p class="${kind === 'question' ? 'cond' : 'section-note'}">${escapeHtml(text)}</p>`;
  };

  const optionList = (question: Question & { options: ChoiceOption[] }, withBoxes: boolean): string => {
    const targets = jumps.get(question.id);
    const long = question.options.some(
      (o) => localText(o.label, locale).length > (locale === 'ja' ? 14 : 28),
    );
    const items = question.options.map((option) => {
      const jump = targets?.get(option.code);
      const parts = [
        withBoxes ? '<span class="box" aria-hidden="true"></span>' : '',
        `<span class="code">${option.code}</span> `,
        t(option.label),
        option.other === true ? writeIn(localText(option.label, locale)) : '',
        option.exclusive === true && question.type === 'multiple'
          ? ` <span class="small muted">${escapeHtml(ui.exclusive)}</span>`
          : '',
        jump === undefined ? '' : ` <span class="jump">${escapeHtml(jumpText(jump))}</span>`,
      ];
      return `<li>${parts.join('')}</li>`;
    });
    const otherWide = question.options.some((o) => o.other === true);
    return `<ul class="options${long || otherWide ? ' long' : ''}">${items.join('')}</ul>`;
  };
  // Labels such as 「その他（具体的に）」 already ask for details; repeating the request reads badly.
  const writeIn = (label: string) =>
    label.toLowerCase().includes(ui.specify)
      ? ' <span class="line"></span>'
      : ` （${escapeHtml(ui.specify)}: <span class="line"></span>）`;
  const jumpText = (jump: JumpTarget) => (jump.to === 'end' ? ui.jumpEnd : ui.jump(jump.to));

  const scaleRow = (questionId: string, scale: Scale | undefined): string => {
    const targets = jumps.get(questionId);
    const items = (scale?.options ?? []).map((o) => {
      const jump = targets?.get(o.code);
      return `<li><span class="box" aria-hidden="true"></span><span class="code">${o.code}</span> ${t(o.label)}${jump === undefined ? '' : ` <span class="jump">${escapeHtml(jumpText(jump))}</span>`}</li>`;
    });
    return `<ul class="options inline">${items.join('')}</ul>`;
  };

  const scaleGrid = (scale: Scale | undefined, rows: { label: string; id: string }[]): string => {
    const scaleOptions = scale?.options ?? [];
    const head = scaleOptions
      .map((o) => `<th scope="col"><span class="code">${o.code}</span><br>${t(o.label)}</th>`)
      .join('');
    const body = rows
      .map(
        (row) =>
          `<tr><th scope="row">${row.label}</th>${scaleOptions.map(() => '<td class="cell"><span class="box" aria-hidden="true"></span></td>').join('')}</tr>`,
      )
      .join('');
    return `<table class="grid"><thead><tr><td></td>${head}</tr></thead><tbody>${body}</tbody></table>`;
  };

  const questionBody = (question: Question): { instruction: string; body: string } => {
    switch (question.type) {
      case 'single':
        return { instruction: ui.chooseOne, body: optionList(question, true) };
      case 'multiple': {
        const min = question.minSelected ?? 0;
        const max = question.maxSelected;
        const instruction =
          max !== undefined && min > 1
            ? ui.chooseBetween(min, max)
            : max !== undefined && max < question.options.length
              ? ui.chooseUpTo(max)
              : min > 1
                ? ui.chooseAtLeast(min)
                : ui.chooseAll;
        return { instruction, body: optionList(question, true) };
      }
      case 'likert':
        return { instruction: ui.chooseOne, body: scaleRow(question.id, index.scales.get(question.scale)) };
      case 'matrix':
        return {
          instruction: ui.chooseEachRow,
          body: scaleGrid(
            index.scales.get(question.scale),
            texts(question).items.map((label, i) => ({
              id: question.items[i]!.id,
              label: `(${i + 1}) ${label}`,
            })),
          ),
        };
      case 'ranking': {
        const ranks = Array.from(
          { length: question.maxRanked },
          (_, i) =>
            `<span>${escapeHtml(ui.rankLabel(i + 1))} <span class="field" style="width:12mm"></span></span>`,
        ).join('');
        const instruction =
          ui.rank(question.maxRanked) +
          (question.minRanked !== undefined && question.minRanked > 1
            ? ui.rankAtLeast(question.minRanked)
            : '');
        return { instruction, body: `${optionList(question, false)}<div class="ranks">${ranks}</div>` };
      }
      case 'number': {
        const bounds =
          question.min !== undefined || question.max !== undefined
            ? ui.range(
                question.min === undefined ? '' : String(question.min),
                question.max === undefined ? '' : String(question.max),
              )
            : '';
        const { unit } = texts(question);
        const kind = question.integer === true ? ui.integer : '';
        return {
          instruction: ui.number + bounds + kind,
          body: `<p><span class="field" style="width:28mm"></span>${unit}</p>`,
        };
      }
      case 'text':
        return {
          instruction: ui.text,
          body:
            question.size === 'long'
              ? '<span class="textarea"></span>'
              : '<p><span class="field" style="width:100%"></span></p>',
        };
      case 'date': {
        const d = ui.date;
        const box = (mm: number) => `<span class="field" style="width:${mm}mm"></span>`;
        return {
          instruction: '',
          body:
            locale === 'ja'
              ? `<p>${box(16)}<span class="unit">${d.year}</span>${box(10)}<span class="unit">${d.month}</span>${box(10)}<span class="unit">${d.day}</span></p>`
              : `<p><span class="unit">${d.year}</span>${box(16)}<span class="unit">${d.month}</span>${box(10)}<span class="unit">${d.day}</span>${box(10)}</p>`,
        };
      }
      case 'note':
        return { instruction: '', body: '' };
    }
  };

  const renderQuestion = (question: Question): string => {
    if (question.type === 'note') {
      const { label, help } = texts(question);
      return `<div class="note">${conditionNote(question.id, 'question')}<p>${label}</p>${help}</div>`;
    }
    const number = numbers.get(question.id)!.label;
    const required =
      'required' in question && question.required === true
        ? `<span class="req">${escapeHtml(REQUIRED_WORD[locale])}</span>`
        : '';
    const { instruction, body } = questionBody(question);
    const { label, help } = texts(question);
    // Many questions already end with the instruction (「…すべて選んでください。」); say it once.
    const saysItAlready =
      instruction !== '' && questionText(question.label, { locale }).includes(instruction);
    return [
      `<div class="q" id="q-${escapeHtml(question.id)}">`,
      conditionNote(question.id, 'question'),
      `<h3><span class="qn">${number}</span>${label}${required}</h3>`,
      help,
      instruction === '' || saysItAlready ? '' : `<p class="instr">${escapeHtml(instruction)}</p>`,
      body,
      '</div>',
    ].join('');
  };

  const renderSection = (section: Section, i: number): string =>
    [
      `<section>`,
      `<h2>${i + 1}. ${t(section.title)}</h2>`,
      conditionNote(section.id, 'section'),
      section.description === undefined ? '' : `<p>${t(section.description)}</p>`,
      ...section.questions.map(renderQuestion),
      '</section>',
    ].join('\n');

  const intro = [template.description, template.introduction].filter(
    (x): x is LocalisedText => x !== undefined,
  );
  const body = [
    '<header>',
    `<h1>${t(template.title)}</h1>`,
    template.audience === undefined ? '' : `<p class="muted">${t(template.audience)}</p>`,
    intro.length === 0 ? '' : `<div class="intro">${intro.map((x) => `<p>${t(x)}</p>`).join('')}</div>`,
    `<p class="small">${escapeHtml(ui.howTo)}</p>`,
    '</header>',
    '<main>',
    ...template.sections.map(renderSection),
    `<p class="end">${escapeHtml(ui.thanks)}</p>`,
    '</main>',
    `<footer>${escapeHtml(ui.template(template.id, template.version, survey.hash.slice(0, 19)))}</footer>`,
  ].join('\n');
  return htmlDocument({ lang: locale, title: localText(template.title, locale), styles: STYLES, body });
}
