import type {
  ChoiceOption,
  LocalisedText,
  MatrixItem,
  MultipleQuestion,
  Question,
  RankingQuestion,
  Survey,
} from '../../schema/index.js';

/** An answer option as a column offers it: a code, its label and whether it is a missing-value code. */
export interface ColumnOption {
  code: number;
  label: LocalisedText;
  missing: boolean;
}

/** A field of a response's metadata that has its own column. */
export type MetaField = 'locale' | 'startedAt' | 'submittedAt' | 'seed';

interface ColumnBase {
  /** The column (variable) name: the first row of the CSV, and the SPSS variable name. */
  name: string;
  /** What the column holds, for people: the variable label. */
  label: LocalisedText;
}

/**
 * One column of the wide response layout. Each answer key gets one column, except multiple choice
 * (one 0/1 column per option), ranking (one column per rank) and "other, please specify" texts.
 */
export type CsvColumn =
  | (ColumnBase & { kind: 'respondentId' })
  | (ColumnBase & {
      /** single, likert and matrix items: an option code */
      kind: 'code';
      key: string;
      question: Question;
      item?: MatrixItem;
      options: ColumnOption[];
    })
  | (ColumnBase & { kind: 'number' | 'text' | 'date'; key: string; question: Question })
  | (ColumnBase & {
      /** multiple choice: 1 if the option was chosen, 0 if not, empty if the question was not answered */
      kind: 'flag';
      key: string;
      question: MultipleQuestion;
      option: ChoiceOption;
    })
  | (ColumnBase & {
      /** ranking: the code ranked at `rank` (1 = first) */
      kind: 'rank';
      key: string;
      question: RankingQuestion;
      rank: number;
      options: ColumnOption[];
    })
  | (ColumnBase & { kind: 'other'; key: string; question: Question })
  | (ColumnBase & { kind: 'meta'; field: MetaField });

const META_LABELS: Record<MetaField | 'respondentId', LocalisedText> = {
  respondentId: { ja: '回答者ID', en: 'Respondent ID' },
  locale: { ja: '回答言語', en: 'Response language' },
  startedAt: { ja: '回答開始日時', en: 'Started at' },
  submittedAt: { ja: '回答送信日時', en: 'Submitted at' },
  seed: { ja: '選択肢の並べ替えの種', en: 'Randomisation seed' },
};

/**
 * The wide layout of responses for a survey: the columns of `responsesToCsv`, `readResponsesCsv`,
 * the codebook and the SPSS syntax, in order — `respondentId`, then the answers in template order,
 * then `locale`, `startedAt`, `submittedAt` and `seed`.
 *
 * Column names are the answer keys (question and matrix item ids), `<id>_<code>` for each option of
 * a multiple-choice question (`_m<code>` for a negative code), `<id>_r<n>` for each rank of a ranking
 * question and `<id>_other` for an "other, please specify" text. Should a generated name meet an
 * existing one, `_` is appended until it is unique, so the layout is the same on every run.
 *
 * @example
 * ```ts
 * csvLayout(survey).map((c) => c.name);
 * // ['respondentId', 'email', 'sex', 'age', …, 'arrangements_1', …, 'arrangements_6', 'arrangements_other', …]
 * ```
 */
export function csvLayout(survey: Survey): CsvColumn[] {
  const { template } = survey;
  const scales = new Map(Object.entries(template.scales ?? {}));
  const scaleOptions = (scaleId: string): ColumnOption[] => {
    const scale = scales.get(scaleId);
    const missing = new Set(scale?.missing ?? []);
    return (scale?.options ?? []).map((o) => ({
      code: o.code,
      label: o.label,
      missing: missing.has(o.code),
    }));
  };
  const choiceOptions = (options: readonly ChoiceOption[]): ColumnOption[] =>
    options.map((o) => ({ code: o.code, label: o.label, missing: o.missing === true }));

  const columns: CsvColumn[] = [
    { kind: 'respondentId', name: 'respondentId', label: META_LABELS.respondentId },
  ];
  for (const section of template.sections) {
    for (const question of section.questions) {
      const key = question.id;
      const label = question.label;
      switch (question.type) {
        case 'note':
          break;
        case 'single':
          columns.push({
            kind: 'code',
            name: key,
            label,
            key,
            question,
            options: choiceOptions(question.options),
          });
          break;
        case 'likert':
          columns.push({
            kind: 'code',
            name: key,
            label,
            key,
            question,
            options: scaleOptions(question.scale),
          });
          break;
        case 'matrix': {
          const options = scaleOptions(question.scale);
          for (const item of question.items) {
            columns.push({
              kind: 'code',
              name: item.id,
              label: item.text,
              key: item.id,
              question,
              item,
              options,
            });
          }
          break;
        }
        case 'multiple':
          for (const option of question.options) {
            const suffix = option.code < 0 ? `m${-option.code}` : String(option.code);
            columns.push({
              kind: 'flag',
              name: `${key}_${suffix}`,
              label: joinLabels(label, option.label),
              key,
              question,
              option,
            });
          }
          break;
        case 'ranking': {
          const options = choiceOptions(question.options);
          for (let rank = 1; rank <= question.maxRanked; rank++) {
            columns.push({
              kind: 'rank',
              name: `${key}_r${rank}`,
              label: joinLabels(label, { ja: `${rank}位`, en: `rank ${rank}` }),
              key,
              question,
              rank,
              options,
            });
          }
          break;
        }
        case 'number':
        case 'text':
        case 'date':
          columns.push({ kind: question.type, name: key, label, key, question });
          break;
      }
      if (
        (question.type === 'single' || question.type === 'multiple' || question.type === 'ranking') &&
        question.options.some((o) => o.other === true)
      ) {
        columns.push({
          kind: 'other',
          name: `${key}_other`,
          label: joinLabels(label, { ja: 'その他の内容', en: 'other (specified)' }),
          key,
          question,
        });
      }
    }
  }
  for (const field of ['locale', 'startedAt', 'submittedAt', 'seed'] as const) {
    columns.push({ kind: 'meta', name: field, label: META_LABELS[field], field });
  }
  // Answer keys are unique by the template's rules, but generated names may meet them.
  const taken = new Set<string>();
  for (const column of columns) {
    let name = column.name;
    while (taken.has(name)) name += '_';
    taken.add(name);
    column.name = name;
  }
  return columns;
}

function joinLabels(first: LocalisedText, second: LocalisedText): LocalisedText {
  const out: LocalisedText = { ja: `${first.ja}: ${second.ja}` };
  for (const locale of Object.keys(first)) {
    if (locale === 'ja') continue;
    const a = first[locale];
    const b = Object.hasOwn(second, locale) ? second[locale] : second.ja;
    if (a !== undefined) out[locale] = `${a}: ${b}`;
  }
  return out;
}
