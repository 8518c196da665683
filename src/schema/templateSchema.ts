import * as z from 'zod';

// Ids double as identifiers in expressions, so they follow the expression grammar and avoid its keywords.
const RESERVED_IDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'constructor', 'prototype']);

/** A question, item, section, scale or score id: a letter, then letters, digits or `_` (at most 64). */
export const IdSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
  .refine((id) => !RESERVED_IDS.has(id), { params: { kizuki: 'reserved_id' } })
  .meta({
    description: 'Identifier: a letter, then letters, digits or underscores; not an expression keyword.',
  });

/** A template id in kebab case, such as `bias-awareness-community`. */
export const TemplateIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .meta({ description: 'Template id in kebab case (a-z, 0-9, hyphens).' });

/** A semantic version such as `1.0.0` or `1.1.0-draft.1`. */
export const SemverSchema = z
  .string()
  .max(64)
  .regex(/^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/)
  .meta({ description: 'Semantic version (MAJOR.MINOR.PATCH).' });

/** A BCP 47 language tag such as `ja`, `en` or `pt-BR`. */
export const LocaleSchema = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)
  .meta({ description: 'BCP 47 language tag.' });

/** An ISO calendar date, `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date().meta({ description: 'ISO date YYYY-MM-DD.' });

/** An expression in the kizuki expression language, checked when the template is parsed. */
export const ExpressionSchema = z
  .string()
  .meta({ description: 'Expression, e.g. "sex = 2 and children > 0". See docs/expressions.en.md.' });

/** Text in several locales: `ja` is always required; other keys are the template's declared locales. */
export const LocalisedTextSchema = z
  .object({ ja: z.string().min(1) })
  .catchall(z.string())
  .meta({ description: 'Localised text: {"ja": "…", "en": "…"}. ja is required.' });

/** One answer option of a scale. */
export const ScaleOptionSchema = z.strictObject({
  code: z.int().meta({ description: 'Integer code stored in responses.' }),
  label: LocalisedTextSchema,
  value: z.number().optional().meta({ description: 'Numeric value for means; defaults to the code.' }),
});

/** An ordered answer scale shared by Likert and matrix questions. */
export const ScaleSchema = z.strictObject({
  label: LocalisedTextSchema.optional(),
  options: z.array(ScaleOptionSchema).min(2).meta({ description: 'Options in display order.' }),
  favourable: z
    .array(z.int())
    .optional()
    .meta({ description: 'Codes counted as favourable (agreeing, satisfied) for favourable shares.' }),
  missing: z.array(z.int()).optional().meta({
    description: 'Codes such as "don\'t know" or "prefer not to say": excluded from means and shares.',
  }),
});

/** An option of a choice or ranking question. */
export const ChoiceOptionSchema = z.strictObject({
  code: z.int(),
  label: LocalisedTextSchema,
  value: z.number().optional(),
  exclusive: z.boolean().optional().meta({
    description: 'Multiple choice: choosing this clears every other option ("none", "don\'t know").',
  }),
  other: z.boolean().optional().meta({ description: '"Other, please specify": asks for a text.' }),
  pinned: z.boolean().optional().meta({ description: 'Stays last when options are randomised.' }),
  missing: z.boolean().optional().meta({ description: 'A "don\'t know" / "prefer not to say" code.' }),
});

/** A matrix row: one statement answered on the matrix's scale, stored under its own id. */
export const MatrixItemSchema = z.strictObject({
  id: IdSchema,
  text: LocalisedTextSchema,
  reverse: z.boolean().optional().meta({ description: 'Reverse-keyed: scores mirror its scale.' }),
  tags: z.array(z.string().max(64)).optional(),
});

/** How a respondent attribute must be treated when data is shared. */
export const RoleSchema = z
  .enum(['identifier', 'quasiIdentifier', 'sensitive'])
  .meta({ description: 'identifier: removed; quasiIdentifier: generalised; sensitive: protected.' });

const questionBase = {
  id: IdSchema,
  label: LocalisedTextSchema,
  help: LocalisedTextSchema.optional(),
  required: z.boolean().optional(),
  requiredIf: ExpressionSchema.optional(),
  visibleIf: ExpressionSchema.optional(),
  role: RoleSchema.optional(),
};

const choiceBase = {
  ...questionBase,
  options: z.array(ChoiceOptionSchema).min(1),
  randomise: z.boolean().optional().meta({ description: 'Shuffle options with the session seed.' }),
};

/** Single choice. */
export const SingleQuestionSchema = z.strictObject({ type: z.literal('single'), ...choiceBase });

/** Multiple choice with optional selection bounds, exclusive options and "other" text. */
export const MultipleQuestionSchema = z.strictObject({
  type: z.literal('multiple'),
  ...choiceBase,
  minSelected: z.int().min(0).optional(),
  maxSelected: z.int().min(1).optional(),
});

/** One statement on a shared scale. */
export const LikertQuestionSchema = z.strictObject({
  type: z.literal('likert'),
  ...questionBase,
  scale: IdSchema,
  reverse: z.boolean().optional(),
  tags: z.array(z.string().max(64)).optional(),
});

/** Several statements (items) sharing a scale; answers are stored per item id. */
export const MatrixQuestionSchema = z.strictObject({
  type: z.literal('matrix'),
  ...questionBase,
  scale: IdSchema,
  items: z.array(MatrixItemSchema).min(1),
  randomise: z.boolean().optional().meta({ description: 'Shuffle item order with the session seed.' }),
});

/** Rank up to `maxRanked` options; the answer lists codes from first to last. */
export const RankingQuestionSchema = z.strictObject({
  type: z.literal('ranking'),
  ...choiceBase,
  maxRanked: z.int().min(1),
  minRanked: z.int().min(1).optional(),
});

/** A number, integer or decimal, with optional bounds and unit. */
export const NumberQuestionSchema = z.strictObject({
  type: z.literal('number'),
  ...questionBase,
  integer: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: LocalisedTextSchema.optional(),
});

/** Free text, short (one line) or long. */
export const TextQuestionSchema = z.strictObject({
  type: z.literal('text'),
  ...questionBase,
  size: z.enum(['short', 'long']).optional(),
  maxLength: z.int().min(1).max(100_000).optional(),
  personalData: z
    .boolean()
    .optional()
    .meta({ description: 'Answers may contain personal data and should be redacted before sharing.' }),
});

/** A calendar date. */
export const DateQuestionSchema = z.strictObject({
  type: z.literal('date'),
  ...questionBase,
  min: IsoDateSchema.optional(),
  max: IsoDateSchema.optional(),
});

/** Display-only text; has no answer. */
export const NoteQuestionSchema = z.strictObject({
  type: z.literal('note'),
  id: IdSchema,
  label: LocalisedTextSchema,
  help: LocalisedTextSchema.optional(),
  visibleIf: ExpressionSchema.optional(),
});

/** Any question. */
export const QuestionSchema = z.discriminatedUnion('type', [
  SingleQuestionSchema,
  MultipleQuestionSchema,
  LikertQuestionSchema,
  MatrixQuestionSchema,
  RankingQuestionSchema,
  NumberQuestionSchema,
  TextQuestionSchema,
  DateQuestionSchema,
  NoteQuestionSchema,
]);

/** A section of questions; by default one page. */
export const SectionSchema = z.strictObject({
  id: IdSchema,
  title: LocalisedTextSchema,
  description: LocalisedTextSchema.optional(),
  visibleIf: ExpressionSchema.optional(),
  questions: z.array(QuestionSchema),
});

/** A score computed per response from items on one scale. */
export const ScoreSchema = z.strictObject({
  id: IdSchema,
  label: LocalisedTextSchema,
  items: z.array(IdSchema).min(1).meta({ description: 'Likert question ids or matrix item ids.' }),
  method: z
    .enum(['mean', 'sum', 'favourableShare', 'count'])
    .meta({ description: 'count = number of items answered favourably.' }),
  minAnswered: z.int().min(1).optional().meta({ description: 'Fewer answered items leave the score empty.' }),
});

/** A published reference figure to compare results with. */
export const BenchmarkSchema = z.strictObject({
  item: IdSchema.optional(),
  score: IdSchema.optional(),
  statistic: z
    .enum(['favourableShare', 'mean'])
    .optional()
    .meta({ description: 'What value measures; favourableShare (a share in 0..1) by default.' }),
  group: z
    .record(IdSchema, z.int())
    .optional()
    .meta({ description: 'Respondent group as question id → code, e.g. {"sex": 1}.' }),
  value: z.number(),
  n: z.int().min(1).optional(),
  source: z.string().min(1).max(1000),
  year: z.int().min(1900).max(2200),
  note: LocalisedTextSchema.optional(),
});

/** A pass rule such as Toyooka's: a favourable share at or above a threshold overall and in each group. */
export const PassRuleSchema = z.strictObject({
  id: IdSchema,
  label: LocalisedTextSchema,
  score: IdSchema.meta({ description: 'A favourableShare score.' }),
  threshold: z.number().min(0).max(1),
  groups: z.array(
    z.strictObject({ id: IdSchema, label: LocalisedTextSchema, where: z.record(IdSchema, z.int()) }),
  ),
});

/** Who wrote the template and on what it is based. */
export const ProvenanceSchema = z.strictObject({
  authors: z.array(z.string().min(1).max(200)).min(1),
  basedOn: z
    .array(
      z.strictObject({
        title: z.string().min(1).max(1000),
        publisher: z.string().max(200).optional(),
        year: z.int().optional(),
        url: z.string().max(2000).optional(),
        note: z.string().max(2000).optional(),
      }),
    )
    .optional(),
  notes: LocalisedTextSchema.optional(),
});

/** One recorded change of a customised template against its base. */
export const TemplateChangeSchema = z.strictObject({
  kind: z.enum([
    'addQuestion',
    'removeQuestion',
    'rewordQuestion',
    'addItem',
    'removeItem',
    'rewordItem',
    'relabelScale',
    'addLocale',
    'setText',
    'substitute',
  ]),
  target: z.string().max(200).optional(),
  replacedBy: z.string().max(200).optional(),
  editorial: z.boolean().optional(),
  note: z.string().max(2000).optional(),
});

/** Where a customised template came from. */
export const DerivedFromSchema = z.strictObject({
  id: TemplateIdSchema,
  version: SemverSchema,
  hash: z.string().max(100).optional(),
  changes: z.array(TemplateChangeSchema),
});

/** A complete questionnaire template. */
export const TemplateSchema = z.strictObject({
  $schema: z.string().max(2000).optional(),
  id: TemplateIdSchema,
  version: SemverSchema,
  locales: z.array(LocaleSchema).min(1).meta({ description: 'Declared locales; must include "ja".' }),
  title: LocalisedTextSchema,
  description: LocalisedTextSchema.optional(),
  introduction: LocalisedTextSchema.optional().meta({
    description: 'Shown before the first page: why respondents are asked, anonymity, how answers are used.',
  }),
  audience: LocalisedTextSchema.optional(),
  provenance: ProvenanceSchema,
  licence: z.string().min(1).max(100).meta({ description: 'SPDX licence id of the template text.' }),
  derivedFrom: DerivedFromSchema.optional(),
  scales: z.record(IdSchema, ScaleSchema).optional(),
  sections: z.array(SectionSchema).min(1),
  scores: z.array(ScoreSchema).optional(),
  benchmarks: z.array(BenchmarkSchema).optional(),
  passRules: z.array(PassRuleSchema).optional(),
});

/** Localised text. */
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;
/** A scale option. */
export type ScaleOption = z.infer<typeof ScaleOptionSchema>;
/** An answer scale. */
export type Scale = z.infer<typeof ScaleSchema>;
/** A choice option. */
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;
/** A matrix item. */
export type MatrixItem = z.infer<typeof MatrixItemSchema>;
/** A respondent role. */
export type Role = z.infer<typeof RoleSchema>;
/** Single-choice question. */
export type SingleQuestion = z.infer<typeof SingleQuestionSchema>;
/** Multiple-choice question. */
export type MultipleQuestion = z.infer<typeof MultipleQuestionSchema>;
/** Likert question. */
export type LikertQuestion = z.infer<typeof LikertQuestionSchema>;
/** Matrix question. */
export type MatrixQuestion = z.infer<typeof MatrixQuestionSchema>;
/** Ranking question. */
export type RankingQuestion = z.infer<typeof RankingQuestionSchema>;
/** Number question. */
export type NumberQuestion = z.infer<typeof NumberQuestionSchema>;
/** Text question. */
export type TextQuestion = z.infer<typeof TextQuestionSchema>;
/** Date question. */
export type DateQuestion = z.infer<typeof DateQuestionSchema>;
/** Display-only note. */
export type NoteQuestion = z.infer<typeof NoteQuestionSchema>;
/** Any question. */
export type Question = z.infer<typeof QuestionSchema>;
/** The `type` of a question. */
export type QuestionType = Question['type'];
/** A section. */
export type Section = z.infer<typeof SectionSchema>;
/** A score definition. */
export type Score = z.infer<typeof ScoreSchema>;
/** A benchmark. */
export type Benchmark = z.infer<typeof BenchmarkSchema>;
/** A pass rule. */
export type PassRule = z.infer<typeof PassRuleSchema>;
/** Provenance. */
export type Provenance = z.infer<typeof ProvenanceSchema>;
/** A recorded customisation. */
export type TemplateChange = z.infer<typeof TemplateChangeSchema>;
/** A template: the typed form of a template JSON file. */
export type Template = z.infer<typeof TemplateSchema>;
