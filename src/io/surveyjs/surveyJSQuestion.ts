import type { PathSegment } from '../../core/issue.js';
import type { ChoiceOption, Question } from '../../schema/index.js';
import { choiceList, ratingScale, readChoices } from './surveyJSChoices.js';
import type { ImportContext } from './surveyJSImportContext.js';
import {
  arrayOf,
  type Fields,
  field,
  finite,
  isoDate,
  itemParts,
  positiveInt,
  record,
} from './surveyJSJson.js';
import { applyValidators } from './surveyJSValidators.js';

/** A question read from an element, with the element and its path, for the conditions read later. */
export interface PendingQuestion {
  question: Question;
  element: Fields;
  path: PathSegment[];
}

const MAX_DEPTH = 16;
const MAX_ELEMENTS = 10_000;
// Purely presentational properties: they carry no content, so leaving them out loses nothing.
export const LAYOUT = new Set([
  'startWithNewLine',
  'width',
  'minWidth',
  'maxWidth',
  'indent',
  'titleLocation',
  'descriptionLocation',
  'hideNumber',
  'showNumber',
  'colCount',
  'renderAs',
  'displayMode',
  'rateType',
  'autoGrow',
  'allowResize',
  'rowTitleWidth',
  'columnMinWidth',
  'alternateRows',
  'separateSpecialChoices',
  'errorLocation',
  'selectToRankAreasLayout',
]);
const COMMON = [
  'type',
  'name',
  'title',
  'description',
  'isRequired',
  'visibleIf',
  'requiredIf',
  'validators',
];
const SELECT = [
  'choices',
  'choicesOrder',
  'choicesFromQuestion',
  'showOtherItem',
  'otherText',
  'showNoneItem',
  'noneText',
  'showRefuseItem',
  'refuseText',
  'showDontKnowItem',
  'dontKnowText',
];
const KNOWN: Record<string, readonly string[]> = {
  radiogroup: SELECT,
  dropdown: SELECT,
  checkbox: [...SELECT, 'minSelectedChoices', 'maxSelectedChoices'],
  tagbox: [...SELECT, 'minSelectedChoices', 'maxSelectedChoices'],
  ranking: [...SELECT, 'minSelectedChoices', 'maxSelectedChoices', 'selectToRankEnabled'],
  rating: [
    'rateValues',
    'rateMin',
    'rateMax',
    'rateStep',
    'rateCount',
    'minRateDescription',
    'maxRateDescription',
    'autoGenerate',
  ],
  matrix: ['rows', 'columns', 'rowOrder', 'eachRowRequired'],
  text: ['inputType', 'min', 'max', 'step', 'maxLength'],
  comment: ['maxLength', 'rows'],
  html: ['html'],
  boolean: ['labelTrue', 'labelFalse'],
};
// Elements whose rows or panels the respondent adds: a template has a fixed set of questions.
const REPEATING = new Set(['matrixdynamic', 'paneldynamic']);

/**
 * Reads a list of SurveyJS elements into `out`: panels are flattened into their page, every other
 * element kizuki has no question type for is reported by its path.
 */
export function readElements(
  ctx: ImportContext,
  list: unknown,
  path: PathSegment[],
  out: PendingQuestion[],
  depth: number,
  count: { n: number },
): void {
  arrayOf(list).forEach((raw, i) => {
    const elementPath = [...path, i];
    const element = record(raw);
    if (element === undefined || ++count.n > MAX_ELEMENTS) {
      ctx.invalid(elementPath, '質問', 'an element');
      return;
    }
    const type = String(field(element, 'type') ?? '').toLowerCase();
    const name = String(field(element, 'name') ?? '');
    if (type === 'panel' && depth < MAX_DEPTH) {
      ctx.report('panel_flattened', elementPath, { name });
      for (const key of ['elements', 'questions'] as const)
        readElements(ctx, field(element, key), [...elementPath, key], out, depth + 1, count);
      return;
    }
    const known = KNOWN[type];
    if (known === undefined) {
      ctx.report(REPEATING.has(type) ? 'repeating_element' : 'unsupported_element', elementPath, {
        type,
        name,
      });
      return;
    }
    for (const key of Object.keys(element)) {
      const keep = COMMON.includes(key) || known.includes(key) || LAYOUT.has(key);
      if (!keep) ctx.unsupportedProperty([...elementPath, key]);
    }
    const question = readQuestion(ctx, type, element, elementPath);
    if (question) {
      applyValidators(ctx, element, elementPath, question);
      out.push({ question, element, path: elementPath });
    }
  });
}

function readQuestion(
  ctx: ImportContext,
  type: string,
  element: Fields,
  path: PathSegment[],
): Question | undefined {
  const name = field(element, 'name');
  const id = ctx.uniqueId(name, [...path, 'name'], 'q');
  const label = ctx.texts.text(
    field(element, 'title'),
    [...path, 'title'],
    typeof name === 'string' && name !== '' ? name : id,
  );
  const help = ctx.texts.optionalText(field(element, 'description'), [...path, 'description']);
  const base = {
    id,
    label,
    ...(help ? { help } : {}),
    ...(field(element, 'isRequired') === true ? { required: true } : {}),
  };
  const nameKey = typeof name === 'string' ? name : id;
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox':
    case 'tagbox':
    case 'ranking': {
      const multiple = type === 'checkbox' || type === 'tagbox';
      const { options, codes, randomise } = readChoices(ctx, element, path, multiple);
      const kind = type === 'ranking' || multiple ? 'codes' : 'code';
      ctx.names.set(nameKey, { id, kind, codes });
      const shared = { ...base, options, ...(randomise ? { randomise: true } : {}) };
      const min = positiveInt(field(element, 'minSelectedChoices'));
      const max = positiveInt(field(element, 'maxSelectedChoices'));
      if (type === 'ranking') {
        return {
          type: 'ranking',
          ...shared,
          maxRanked: Math.min(max ?? options.length, options.length),
          ...(min !== undefined ? { minRanked: Math.min(min, options.length) } : {}),
        };
      }
      if (multiple) {
        return {
          type: 'multiple',
          ...shared,
          ...(min !== undefined ? { minSelected: min } : {}),
          ...(max !== undefined ? { maxSelected: max } : {}),
        };
      }
      return { type: 'single', ...shared };
    }
    case 'boolean': {
      const codes = new Map([
        ['true', 1],
        ['false', 2],
      ]);
      ctx.names.set(nameKey, { id, kind: 'code', codes });
      const options: ChoiceOption[] = [
        {
          code: 1,
          label: ctx.texts.text(field(element, 'labelTrue'), [...path, 'labelTrue'], 'Yes', {
            ja: 'はい',
            en: 'Yes',
          }),
        },
        {
          code: 2,
          label: ctx.texts.text(field(element, 'labelFalse'), [...path, 'labelFalse'], 'No', {
            ja: 'いいえ',
            en: 'No',
          }),
        },
      ];
      return { type: 'single', ...base, options };
    }
    case 'rating': {
      const { options, codes } = ratingScale(ctx, element, path);
      ctx.names.set(nameKey, { id, kind: 'code', codes });
      return { type: 'likert', ...base, scale: ctx.scaleId(options, id) };
    }
    case 'matrix': {
      const { options, codes } = choiceList(ctx, field(element, 'columns'), [...path, 'columns'], false);
      const scale = ctx.scaleId(
        options.map(({ code, label }) => ({ code, label })),
        id,
      );
      const items = arrayOf(field(element, 'rows')).map((row, i) => {
        const rowPath = [...path, 'rows', i];
        const { value, text } = itemParts(row);
        const itemId = ctx.uniqueId(value, rowPath, `${id}_`);
        ctx.names.set(`${nameKey}.${String(value)}`, { id: itemId, kind: 'code', codes });
        return { id: itemId, text: ctx.texts.text(text, [...rowPath, 'text'], String(value ?? itemId)) };
      });
      ctx.names.set(nameKey, { id, kind: 'matrix', items: items.map((item) => item.id) });
      const eachRow = field(element, 'eachRowRequired') === true;
      if (base.required === true && !eachRow) ctx.report('matrix_any_row', [...path, 'isRequired'], {});
      return {
        type: 'matrix',
        ...base,
        ...(eachRow ? { required: true } : {}),
        scale,
        items: items.length > 0 ? items : [{ id: ctx.uniqueId(`${id}_row`, [], 'r'), text: { ...label } }],
        ...(field(element, 'rowOrder') === 'random' ? { randomise: true } : {}),
      };
    }
    case 'text': {
      const inputType = String(field(element, 'inputType') ?? 'text');
      const min = field(element, 'min');
      const max = field(element, 'max');
      if (inputType === 'number' || inputType === 'range') {
        ctx.names.set(nameKey, { id, kind: 'number' });
        const step = field(element, 'step');
        return {
          type: 'number',
          ...base,
          ...(Number(step) === 1 ? { integer: true } : {}),
          ...(finite(min) !== undefined ? { min: finite(min)! } : {}),
          ...(finite(max) !== undefined ? { max: finite(max)! } : {}),
        };
      }
      if (inputType === 'date') {
        ctx.names.set(nameKey, { id, kind: 'date' });
        for (const [key, value] of [
          ['min', min],
          ['max', max],
        ] as const)
          if (value !== undefined && !isoDate(value)) ctx.unsupportedProperty([...path, key]);
        return {
          type: 'date',
          ...base,
          ...(isoDate(min) ? { min: min as string } : {}),
          ...(isoDate(max) ? { max: max as string } : {}),
        };
      }
      if (inputType !== 'text') ctx.unsupportedProperty([...path, 'inputType']);
      for (const key of ['min', 'max', 'step'])
        if (field(element, key) !== undefined) ctx.unsupportedProperty([...path, key]);
      ctx.names.set(nameKey, { id, kind: 'text' });
      return { type: 'text', ...base, size: 'short', ...maxLength(element) };
    }
    case 'comment':
      ctx.names.set(nameKey, { id, kind: 'text' });
      return { type: 'text', ...base, size: 'long', ...maxLength(element) };
    default: {
      // html: a display-only note. Notes cannot be required.
      const note = ctx.texts.html(field(element, 'html'), [...path, 'html']);
      if (base.required === true) ctx.unsupportedProperty([...path, 'isRequired']);
      return { type: 'note', id, label: note?.label ?? label, ...(note?.help ? { help: note.help } : {}) };
    }
  }
}

function maxLength(element: Fields): { maxLength?: number } {
  const value = positiveInt(field(element, 'maxLength'));
  return value !== undefined && value <= 100_000 ? { maxLength: value } : {};
}
