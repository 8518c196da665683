import type { Benchmark, ChoiceOption, Question, Scale, Section, Template } from '../../src/schema/index.js';

/** The two languages the documentation is written in. */
export type DocLocale = 'ja' | 'en';

type Words = Record<
  | 'purpose'
  | 'audience'
  | 'introduction'
  | 'sections'
  | 'scales'
  | 'scores'
  | 'benchmarks'
  | 'passRules'
  | 'sources'
  | 'customise'
  | 'items'
  | 'shownWhen'
  | 'requiredWhen'
  | 'required'
  | 'none'
  | 'other'
  | 'exclusive'
  | 'missing'
  | 'personalData'
  | 'reverse'
  | 'authors'
  | 'notes'
  | 'scale'
  | 'unit'
  | 'integer'
  | 'decimal'
  | 'placeholders'
  | 'noPlaceholders'
  | 'overview'
  | 'version'
  | 'licence'
  | 'languages',
  string
> & {
  header: {
    question: string[];
    item: string[];
    scale: string[];
    score: string[];
    benchmark: string[];
    rule: string[];
  };
  types: Record<Question['type'], string>;
  roles: Record<NonNullable<Exclude<Question, { type: 'note' }>['role']>, string>;
  methods: Record<string, string>;
  range: (min?: number | string, max?: number | string) => string;
  selected: (min?: number, max?: number) => string;
  ranked: (max: number, min?: number) => string;
  text: (size: string, max?: number) => string;
  minAnswered: (n: number) => string;
  customiseText: (id: string) => string;
  other_language: string;
  generated: (source: string) => string;
};

const WORDS: Record<DocLocale, Words> = {
  en: {
    purpose: 'Purpose',
    audience: 'Audience',
    introduction: 'Introduction shown to respondents',
    sections: 'Sections and questions',
    scales: 'Answer scales',
    scores: 'Scores',
    benchmarks: 'Benchmarks',
    passRules: 'Pass rules',
    sources: 'Sources',
    customise: 'Customising this template',
    items: 'Statements',
    shownWhen: 'shown when',
    requiredWhen: 'required when',
    required: 'required',
    none: 'None.',
    other: 'with text',
    exclusive: 'exclusive',
    missing: 'missing',
    personalData: 'may contain personal data',
    reverse: 'reverse-keyed',
    authors: 'Authors',
    notes: 'Notes',
    scale: 'scale',
    unit: 'unit',
    integer: 'integer',
    decimal: 'number',
    placeholders: 'Placeholders to fill before use',
    noPlaceholders: 'This template has no placeholders.',
    generated: (source) =>
      `Generated from ${source} by test/templates/templateDocs.test.ts; regenerate with UPDATE_DOCS=1 npx vitest run test/templates/templateDocs.test.ts`,
    overview: 'Built-in templates',
    version: 'version',
    licence: 'licence',
    languages: 'languages',
    header: {
      question: ['id', 'type', 'question', 'answers', 'role'],
      item: ['id', 'statement', 'tags'],
      scale: ['scale', 'options (code label)', 'favourable', 'missing'],
      score: ['id', 'label', 'method', 'items'],
      benchmark: ['target', 'group', 'value', 'year', 'source', 'note'],
      rule: ['id', 'label', 'score', 'threshold', 'groups'],
    },
    types: {
      single: 'single choice',
      multiple: 'multiple choice',
      likert: 'Likert',
      matrix: 'matrix',
      ranking: 'ranking',
      number: 'number',
      text: 'text',
      date: 'date',
      note: 'note',
    },
    roles: { identifier: 'identifier', quasiIdentifier: 'quasi-identifier', sensitive: 'sensitive' },
    methods: {
      mean: 'mean',
      sum: 'sum',
      favourableShare: 'favourable share',
      count: 'count of favourable answers',
    },
    range: (min, max) =>
      min !== undefined && max !== undefined
        ? `${min}–${max}`
        : min !== undefined
          ? `≥ ${min}`
          : max !== undefined
            ? `≤ ${max}`
            : '',
    selected: (min, max) =>
      [min !== undefined ? `at least ${min}` : '', max !== undefined ? `at most ${max}` : '']
        .filter(Boolean)
        .join(', '),
    ranked: (max, min) => `rank up to ${max}${min !== undefined ? ` (at least ${min})` : ''}`,
    text: (size, max) =>
      `${size === 'long' ? 'long' : 'short'} text${max !== undefined ? `, up to ${max} characters` : ''}`,
    minAnswered: (n) => ` (needs ${n} answered)`,
    customiseText: (id) =>
      `Make your municipality's version with \`customiseTemplate\` from \`kizuki/templates\`: fill the placeholders, add or remove questions and statements, reword them, relabel scales or add a language. Unchanged questions and statements keep their ids, so results stay comparable with other municipalities using \`${id}\` and with the benchmarks above; a reworded one gets a new id unless the change is declared editorial. See [Customising templates](../customise.en.md) for the rules and [Wording rules](../wording-rules.en.md) for how to write new statements.`,
    other_language: '日本語',
  },
  ja: {
    purpose: '目的',
    audience: '対象',
    introduction: '回答者に示す冒頭の説明',
    sections: 'セクションと質問',
    scales: '回答の尺度',
    scores: '得点',
    benchmarks: 'ベンチマーク（参考値）',
    passRules: '合格基準',
    sources: '出典・根拠',
    customise: 'このテンプレートのカスタマイズ',
    items: '文（項目）',
    shownWhen: '表示条件',
    requiredWhen: '必須条件',
    required: '必須',
    none: 'なし。',
    other: '記述あり',
    exclusive: '排他',
    missing: '集計から除外',
    personalData: '個人情報を含みうる',
    reverse: '逆転項目',
    authors: '作成者',
    notes: '注記',
    scale: '尺度',
    unit: '単位',
    integer: '整数',
    decimal: '数値',
    placeholders: '使う前に埋める差し込み',
    noPlaceholders: 'このテンプレートに差し込みはありません。',
    generated: (source) =>
      `${source} から test/templates/templateDocs.test.ts が生成したページです。再生成: UPDATE_DOCS=1 npx vitest run test/templates/templateDocs.test.ts`,
    overview: '組み込みテンプレート',
    version: 'バージョン',
    licence: 'ライセンス',
    languages: '言語',
    header: {
      question: ['ID', '種類', '質問', '回答', '役割'],
      item: ['ID', '文', 'タグ'],
      scale: ['尺度', '選択肢（コード ラベル）', '肯定的', '除外'],
      score: ['ID', '名前', '方法', '項目'],
      benchmark: ['対象', 'グループ', '値', '年度', '出典', '注記'],
      rule: ['ID', '名前', '得点', '基準', 'グループ'],
    },
    types: {
      single: '単一選択',
      multiple: '複数選択',
      likert: 'リッカート',
      matrix: 'マトリクス',
      ranking: '順位づけ',
      number: '数値',
      text: '自由記述',
      date: '日付',
      note: '説明文',
    },
    roles: { identifier: '識別子', quasiIdentifier: '準識別子', sensitive: '要配慮' },
    methods: {
      mean: '平均',
      sum: '合計',
      favourableShare: '肯定的な回答の割合',
      count: '肯定的な回答の数',
    },
    range: (min, max) =>
      min !== undefined && max !== undefined
        ? `${min}〜${max}`
        : min !== undefined
          ? `${min}以上`
          : max !== undefined
            ? `${max}以下`
            : '',
    selected: (min, max) =>
      [min !== undefined ? `${min}つ以上` : '', max !== undefined ? `${max}つまで` : '']
        .filter(Boolean)
        .join('、'),
    ranked: (max, min) => `${max}位まで順位をつける${min !== undefined ? `（${min}つ以上）` : ''}`,
    text: (size, max) =>
      `${size === 'long' ? '長文' : '短文'}${max !== undefined ? `（${max}文字まで）` : ''}`,
    minAnswered: (n) => `（${n}項目以上の回答で算出）`,
    customiseText: (id) =>
      `自治体ごとの版は、\`kizuki/templates\` の \`customiseTemplate\` で作ります。差し込みを埋める、質問や文を追加・削除する、文を言い換える、尺度のラベルを変える、言語を追加する、といった変更ができます。変更しなかった質問と文はIDをそのまま保つので、\`${id}\` を使う他の自治体や上のベンチマークと結果を比べられます。言い換えた文は、編集上の変更（editorial）と宣言しない限り新しいIDになります。規則は[テンプレートのカスタマイズ](../customise.ja.md)を、新しい文の書き方は[文の書き方の決まり](../wording-rules.ja.md)をご覧ください。`,
    other_language: 'English',
  },
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  row(header),
  row(header.map(() => '---')),
  ...rows.map(row),
];

function optionText(option: ChoiceOption, locale: DocLocale, w: Words): string {
  const flags = [
    option.exclusive ? w.exclusive : '',
    option.other ? w.other : '',
    option.missing ? w.missing : '',
  ].filter(Boolean);
  const label = option.label[locale] ?? option.label.ja;
  return `${option.code} ${label}${flags.length > 0 ? bracket(flags.join(locale === 'ja' ? '・' : ', '), locale) : ''}`;
}

function answers(q: Question, locale: DocLocale, w: Words): string {
  const join = (parts: string[]) => parts.filter(Boolean).join(locale === 'ja' ? '、' : '; ');
  switch (q.type) {
    case 'single':
      return q.options.map((o) => optionText(o, locale, w)).join(' · ');
    case 'multiple':
      return join([
        q.options.map((o) => optionText(o, locale, w)).join(' · '),
        w.selected(q.minSelected, q.maxSelected),
      ]);
    case 'ranking':
      return join([
        q.options.map((o) => optionText(o, locale, w)).join(' · '),
        w.ranked(q.maxRanked, q.minRanked),
      ]);
    case 'likert':
    case 'matrix':
      return `${w.scale} \`${q.scale}\``;
    case 'number':
      return join([
        q.integer ? w.integer : w.decimal,
        w.range(q.min, q.max),
        q.unit ? `${w.unit}: ${q.unit[locale] ?? q.unit.ja}` : '',
      ]);
    case 'text':
      return join([w.text(q.size ?? 'short', q.maxLength), q.personalData ? w.personalData : '']);
    case 'date':
      return join(['YYYY-MM-DD', w.range(q.min, q.max)]);
    case 'note':
      return '—';
  }
}

const bracket = (text: string, locale: DocLocale): string => (locale === 'ja' ? `（${text}）` : ` (${text})`);

function questionLabel(q: Question, locale: DocLocale, w: Words): string {
  let label = q.label[locale] ?? q.label.ja;
  if (q.visibleIf) label += bracket(`${w.shownWhen}: \`${q.visibleIf}\``, locale);
  if (q.type !== 'note') {
    if (q.required) label += bracket(w.required, locale);
    if (q.requiredIf) label += bracket(`${w.requiredWhen}: \`${q.requiredIf}\``, locale);
  }
  return label;
}

function sectionLines(section: Section, n: number, locale: DocLocale, w: Words): string[] {
  const lines = [`### ${n}. ${section.title[locale] ?? section.title.ja} (\`${section.id}\`)`, ''];
  if (section.visibleIf) lines.push(`${w.shownWhen}: \`${section.visibleIf}\``, '');
  if (section.description) lines.push(section.description[locale] ?? section.description.ja, '');
  if (section.questions.length === 0) return [...lines, w.none, ''];
  lines.push(
    ...table(
      w.header.question,
      section.questions.map((q) => [
        `\`${q.id}\``,
        w.types[q.type],
        questionLabel(q, locale, w),
        answers(q, locale, w),
        q.type !== 'note' && q.role ? w.roles[q.role] : '',
      ]),
    ),
    '',
  );
  for (const q of section.questions) {
    if (q.type !== 'matrix') continue;
    lines.push(`${w.items}: \`${q.id}\``, '');
    lines.push(
      ...table(
        w.header.item,
        q.items.map((item) => [
          `\`${item.id}\``,
          `${item.text[locale] ?? item.text.ja}${item.reverse ? bracket(w.reverse, locale) : ''}`,
          (item.tags ?? []).join(', '),
        ]),
      ),
      '',
    );
  }
  return lines;
}

function scaleRow(id: string, scale: Scale, locale: DocLocale): string[] {
  const label = (code: number) => scale.options.find((o) => o.code === code)?.label[locale] ?? String(code);
  return [
    `\`${id}\``,
    scale.options.map((o) => `${o.code} ${o.label[locale] ?? o.label.ja}`).join(' · '),
    (scale.favourable ?? []).map(label).join(' · '),
    (scale.missing ?? []).map(label).join(' · '),
  ];
}

function groupText(group: Record<string, number> | undefined, template: Template, locale: DocLocale): string {
  if (!group) return '—';
  return Object.entries(group)
    .map(([id, code]) => {
      const q = template.sections.flatMap((s) => s.questions).find((x) => x.id === id);
      const option =
        q && (q.type === 'single' || q.type === 'multiple')
          ? q.options.find((o) => o.code === code)
          : undefined;
      return `\`${id} = ${code}\`${option ? bracket(option.label[locale] ?? option.label.ja, locale) : ''}`;
    })
    .join(', ');
}

function benchmarkRow(b: Benchmark, template: Template, locale: DocLocale): string[] {
  const value =
    (b.statistic ?? 'favourableShare') === 'favourableShare'
      ? `${(b.value * 100).toFixed(1)}%`
      : String(b.value);
  return [
    b.item ? `\`${b.item}\`` : `\`${b.score}\``,
    groupText(b.group, template, locale),
    value,
    String(b.year),
    b.source,
    b.note ? (b.note[locale] ?? b.note.ja) : '',
  ];
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * The documentation page of one template in one language: purpose, audience, introduction,
 * sections with every question and statement, scales, scores, benchmarks with sources, pass rules,
 * provenance and how to customise it.
 */
export function renderTemplateDoc(template: Template, locale: DocLocale): string {
  const w = WORDS[locale];
  const t = (text: { ja: string; [k: string]: string } | undefined) =>
    text ? (text[locale] ?? text.ja) : '';
  const other = locale === 'ja' ? 'en' : 'ja';
  const lines: string[] = [
    `<!-- ${w.generated(`templates/${template.id}.json`)} -->`,
    '',
    `# ${t(template.title)}`,
    '',
    `[${w.other_language}](${template.id}.${other}.md) · id \`${template.id}\` · ${w.version} ${template.version} · ${w.languages} ${template.locales.join(', ')} · ${w.licence} ${template.licence}`,
    '',
  ];
  if (template.description) lines.push(`## ${w.purpose}`, '', t(template.description), '');
  if (template.audience) lines.push(`## ${w.audience}`, '', t(template.audience), '');
  if (template.introduction) lines.push(`## ${w.introduction}`, '', `> ${t(template.introduction)}`, '');

  lines.push(`## ${w.sections}`, '');
  template.sections.forEach((section, i) => lines.push(...sectionLines(section, i + 1, locale, w)));

  const scales = Object.entries(template.scales ?? {});
  if (scales.length > 0) {
    lines.push(
      `## ${w.scales}`,
      '',
      ...table(
        w.header.scale,
        scales.map(([id, s]) => scaleRow(id, s, locale)),
      ),
      '',
    );
  }
  lines.push(`## ${w.scores}`, '');
  if ((template.scores ?? []).length === 0) lines.push(w.none, '');
  else {
    lines.push(
      ...table(
        w.header.score,
        (template.scores ?? []).map((s) => [
          `\`${s.id}\``,
          t(s.label),
          `${w.methods[s.method] ?? s.method}${s.minAnswered !== undefined ? w.minAnswered(s.minAnswered) : ''}`,
          s.items.join(', '),
        ]),
      ),
      '',
    );
  }
  lines.push(`## ${w.benchmarks}`, '');
  if ((template.benchmarks ?? []).length === 0) lines.push(w.none, '');
  else
    lines.push(
      ...table(
        w.header.benchmark,
        (template.benchmarks ?? []).map((b) => benchmarkRow(b, template, locale)),
      ),
      '',
    );
  if ((template.passRules ?? []).length > 0) {
    lines.push(
      `## ${w.passRules}`,
      '',
      ...table(
        w.header.rule,
        (template.passRules ?? []).map((r) => [
          `\`${r.id}\``,
          t(r.label),
          `\`${r.score}\``,
          `≥ ${r.threshold.toFixed(4)}`,
          r.groups.map((g) => `${t(g.label)} ${groupText(g.where, template, locale)}`).join('; '),
        ]),
      ),
      '',
    );
  }

  lines.push(`## ${w.sources}`, '', `${w.authors}: ${template.provenance.authors.join(', ')}`, '');
  for (const source of template.provenance.basedOn ?? []) {
    const meta = [source.publisher, source.year?.toString()].filter(Boolean).join(', ');
    lines.push(
      `- ${source.title}${meta ? ` (${meta})` : ''}${source.url ? ` <${source.url}>` : ''}${source.note ? ` — ${source.note}` : ''}`,
    );
  }
  if ((template.provenance.basedOn ?? []).length > 0) lines.push('');
  if (template.provenance.notes) lines.push(`${w.notes}: ${t(template.provenance.notes)}`, '');

  const placeholders = new Set<string>();
  const answerIds = new Set(template.sections.flatMap((s) => s.questions.map((q) => q.id)));
  for (const text of JSON.stringify(template).matchAll(PLACEHOLDER)) {
    if (!answerIds.has(text[1]!)) placeholders.add(text[1]!);
  }
  lines.push(`## ${w.customise}`, '', w.customiseText(template.id), '');
  lines.push(
    placeholders.size > 0
      ? `${w.placeholders}: ${[...placeholders].map((p) => `\`{${p}}\``).join(', ')}`
      : w.noPlaceholders,
    '',
  );
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The index page of all templates in one language. */
export function renderTemplateIndex(templates: readonly Template[], locale: DocLocale): string {
  const w = WORDS[locale];
  const other = locale === 'ja' ? 'en' : 'ja';
  const header =
    locale === 'ja'
      ? ['テンプレート', 'ID', '対象', 'バージョン']
      : ['Template', 'id', 'Audience', 'Version'];
  const lines = [
    `<!-- ${w.generated('templates/*.json')} -->`,
    '',
    `# ${w.overview}`,
    '',
    `[${w.other_language}](index.${other}.md)`,
    '',
    ...table(
      header,
      templates.map((t) => [
        `[${t.title[locale] ?? t.title.ja}](${t.id}.${locale}.md)`,
        `\`${t.id}\``,
        t.audience ? (t.audience[locale] ?? t.audience.ja) : '',
        t.version,
      ]),
    ),
    '',
    locale === 'ja'
      ? 'カスタマイズの規則は [customise.ja.md](../customise.ja.md)、文の書き方の決まりは [wording-rules.ja.md](../wording-rules.ja.md) にあります。'
      : 'The customisation rules are in [customise.en.md](../customise.en.md) and the wording rules in [wording-rules.en.md](../wording-rules.en.md).',
  ];
  return `${lines.join('\n')}\n`;
}
