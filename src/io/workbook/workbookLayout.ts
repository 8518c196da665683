/**
 * The sheets of a template workbook and their columns, shared by the writer and the reader so that
 * the two cannot drift apart. Headers and notes are Japanese: the workbook is for a town hall officer.
 */

/** How a column's cells are written and read. */
export type FieldKind =
  | 'string' // free text without locales: ids, sources, URLs
  | 'text' // localised text: one column per locale, `文言 (ja)`, `文言 (en)`…
  | 'int'
  | 'number'
  | 'bool' // はい / いいえ; blank means absent
  | 'enum' // one of `values` (written with the Japanese label where there is one)
  | 'ids' // comma-separated ids
  | 'ints' // comma-separated integer codes
  | 'where' // `sex=1, age=2`
  | 'bound'; // a number, or an ISO date for date questions

/** One field of a sheet: where it sits in the template object and how a person sees it. */
export interface Field {
  key: string;
  header: string;
  note: string;
  kind: FieldKind;
  /** Allowed values of an enum: template value → label shown in the workbook. */
  values?: Readonly<Record<string, string>>;
  width?: number;
}

/** One sheet: its name and fields, in column order. */
export interface SheetLayout {
  name: string;
  fields: readonly Field[];
}

/** Question types as the officer sees them; `item` marks a row that is a matrix statement. */
export const TYPE_LABELS = {
  single: '単一選択',
  multiple: '複数選択',
  likert: 'リッカート',
  matrix: 'マトリクス',
  item: 'マトリクス項目',
  ranking: '順位',
  number: '数値',
  text: '自由記述',
  date: '日付',
  note: '説明文',
} as const;

/** The labels of yes and no cells. */
export const YES = 'はい';
export const NO = 'いいえ';

const text = (key: string, header: string, note: string): Field => ({
  key,
  header,
  note,
  kind: 'text',
  width: 36,
});
const bool = (key: string, header: string, note: string): Field => ({
  key,
  header,
  note,
  kind: 'bool',
  width: 10,
});
const int = (key: string, header: string, note: string): Field => ({
  key,
  header,
  note,
  kind: 'int',
  width: 10,
});
const str = (key: string, header: string, note: string, width = 14): Field => ({
  key,
  header,
  note,
  kind: 'string',
  width,
});

export const SETTINGS: SheetLayout = {
  name: '設定',
  fields: [
    str('key', '項目', 'テンプレート全体の設定の名前です。変更しないでください。'),
    str('about', '説明', 'その行の意味です。読み込むときには使いません。', 40),
    str('value', '値', '文言以外の値（ID、版、言語、ライセンス、作成者など）を書きます。', 24),
    text('text', '文言', '題名や説明などの文言を言語ごとに書きます。ja（日本語）は必須です。'),
  ],
};

/** Rows of the settings sheet: key, what it is, and whether it holds a value or a localised text. */
export const SETTING_ROWS: readonly { key: string; about: string; kind: 'value' | 'text' | 'values' }[] = [
  {
    key: 'id',
    about: 'テンプレートID（小文字英数字とハイフン）。自治体版では元と違うIDにします。',
    kind: 'value',
  },
  { key: 'version', about: '版（例: 1.0.0）', kind: 'value' },
  { key: 'locales', about: '言語（カンマ区切り。ja は必須）', kind: 'value' },
  { key: 'licence', about: '文言のライセンス（SPDX の識別子）', kind: 'value' },
  { key: '$schema', about: 'JSON スキーマの場所（任意）', kind: 'value' },
  { key: 'title', about: '題名', kind: 'text' },
  { key: 'description', about: '説明（任意）', kind: 'text' },
  { key: 'introduction', about: '回答者への前書き（任意）', kind: 'text' },
  { key: 'audience', about: '対象者（任意）', kind: 'text' },
  { key: 'provenance.authors', about: '作成者（1行に1人。行を増やせます）', kind: 'values' },
  { key: 'provenance.notes', about: '作成者の注記（任意）', kind: 'text' },
  { key: 'derivedFrom.id', about: '元テンプレートのID（自治体版のみ）', kind: 'value' },
  { key: 'derivedFrom.version', about: '元テンプレートの版', kind: 'value' },
  { key: 'derivedFrom.hash', about: '元テンプレートのハッシュ', kind: 'value' },
];

export const SECTIONS: SheetLayout = {
  name: '節',
  fields: [
    str('id', '節ID', '節（ページ）のIDです。設問シートの「節ID」から参照します。'),
    text('title', '見出し', '節の見出しです。'),
    text('description', '節の説明', '節の初めに表示する説明です（任意）。'),
    str('visibleIf', '表示条件', 'この節を表示する条件式です（例: sex = 2）。空欄なら常に表示します。', 30),
  ],
};

export const QUESTIONS: SheetLayout = {
  name: '設問',
  fields: [
    str('section', '節ID', '設問が属する節のIDです（節シート）。'),
    str('id', 'ID', '設問のIDです。集計や条件式で使います。既存の設問のIDは変えないでください。'),
    {
      key: 'type',
      header: '種類',
      note: '設問の種類です。「マトリクス項目」の行は、すぐ上のマトリクスの項目になります。',
      kind: 'enum',
      values: TYPE_LABELS,
      width: 14,
    },
    text('label', '文言', '設問文（マトリクス項目では項目の文）です。ja は必須です。'),
    text('help', '補足', '設問の下に表示する補足説明です（任意）。'),
    bool('required', '必須', '「はい」なら回答が必須です。'),
    str('requiredIf', '必須条件', 'この条件式が真のときだけ必須にします（任意）。', 24),
    str('visibleIf', '表示条件', 'この条件式が真のときだけ表示します（例: selected(arrangements, 1)）。', 24),
    {
      key: 'role',
      header: '個人情報の扱い',
      note: '直接識別: 共有前に削除、準識別: 一般化、要配慮: 保護します。',
      kind: 'enum',
      values: { identifier: '直接識別', quasiIdentifier: '準識別', sensitive: '要配慮' },
      width: 12,
    },
    str('scale', '尺度', 'リッカートとマトリクスが使う尺度のIDです（尺度シート）。'),
    bool('reverse', '逆転', '「はい」なら逆転項目です（得点で尺度を反転します）。'),
    { key: 'tags', header: 'タグ', note: '分類のタグです（カンマ区切り）。', kind: 'ids', width: 14 },
    bool('randomise', '並べ替え', '「はい」なら選択肢や項目の順を回答者ごとに入れ替えます。'),
    int('minSelected', '最少選択数', '複数選択で選ぶ数の下限です。'),
    int('maxSelected', '最多選択数', '複数選択で選べる数の上限です。'),
    int('minRanked', '最少順位数', '順位で順位を付ける数の下限です。'),
    int('maxRanked', '最多順位数', '順位で順位を付ける数の上限です（順位では必須）。'),
    bool('integer', '整数のみ', '数値で「はい」なら整数だけを受け付けます。'),
    {
      key: 'min',
      header: '最小',
      note: '数値の最小値、または日付の最初の日（2020-01-01 の形）です。',
      kind: 'bound',
      width: 12,
    },
    {
      key: 'max',
      header: '最大',
      note: '数値の最大値、または日付の最後の日です。',
      kind: 'bound',
      width: 12,
    },
    text('unit', '単位', '数値の単位です（例: 歳）。'),
    {
      key: 'size',
      header: '欄の大きさ',
      note: '自由記述の欄: 1行 か 複数行 です。',
      kind: 'enum',
      values: { short: '1行', long: '複数行' },
      width: 10,
    },
    int('maxLength', '最大文字数', '自由記述で書ける文字数の上限です。'),
    bool('personalData', '個人情報を含みうる', '「はい」なら回答を共有前に墨消しします。'),
    bool(
      'editorial',
      '表記修正のみ',
      '元テンプレートから作った版で、文言の直しが意味を変えない（誤字など）とき「はい」にします。IDはそのまま残り、比較可能性が保たれます。',
    ),
  ],
};

export const OPTIONS: SheetLayout = {
  name: '選択肢',
  fields: [
    str('question', '設問ID', '選択肢が属する設問のIDです。並び順が表示順です。'),
    int('code', 'コード', '回答データに記録される整数です。既存の選択肢のコードは変えないでください。'),
    text('label', '文言', '選択肢の文言です。'),
    { ...int('value', '値', '集計に使う数値です（空欄ならコードと同じ）。'), kind: 'number' },
    bool('exclusive', '排他', '「はい」なら、この選択肢を選ぶと他の選択が外れます（「どれもない」など）。'),
    bool('other', 'その他（記入）', '「はい」なら「その他」として記入欄を出します。'),
    bool('pinned', '位置固定', '「はい」なら並べ替えでも最後に残ります。'),
    bool('missing', '欠測', '「はい」なら「わからない」などの欠測として扱います。'),
  ],
};

export const SCALES: SheetLayout = {
  name: '尺度',
  fields: [
    str('scale', '尺度ID', '尺度のIDです。コードが空欄の行が尺度そのもの、その下の行が選択肢です。'),
    int('code', 'コード', '選択肢のコードです（尺度の行では空欄）。'),
    text('label', '文言', '尺度の行では尺度の名前（任意）、選択肢の行では選択肢の文言です。'),
    { ...int('value', '値', '平均に使う数値です（空欄ならコードと同じ）。'), kind: 'number' },
    {
      key: 'favourable',
      header: '肯定的なコード',
      note: '尺度の行に、肯定的な回答のコードをカンマ区切りで書きます（例: 1, 2）。',
      kind: 'ints',
      width: 14,
    },
    {
      key: 'missing',
      header: '欠測のコード',
      note: '尺度の行に、「わからない」などのコードを書きます（例: 9）。',
      kind: 'ints',
      width: 14,
    },
  ],
};

export const SCORES: SheetLayout = {
  name: '得点',
  fields: [
    str('id', '得点ID', '得点のIDです。'),
    text('label', '名前', '得点の名前です。'),
    {
      key: 'items',
      header: '項目',
      note: '得点に使う設問またはマトリクス項目のIDです（カンマ区切り）。',
      kind: 'ids',
      width: 30,
    },
    {
      key: 'method',
      header: '計算方法',
      note: 'mean: 平均、sum: 合計、favourableShare: 肯定的な回答の割合、count: 肯定的に答えた項目の数。',
      kind: 'enum',
      values: { mean: 'mean', sum: 'sum', favourableShare: 'favourableShare', count: 'count' },
      width: 16,
    },
    int('minAnswered', '最少回答数', 'これより少ない項目しか答えていない回答者は得点なしにします。'),
  ],
};

export const BENCHMARKS: SheetLayout = {
  name: '基準値',
  fields: [
    str('item', '項目', '比べる設問または項目のIDです（得点と排他）。'),
    str('score', '得点', '比べる得点のIDです。'),
    {
      key: 'statistic',
      header: '統計量',
      note: 'favourableShare: 肯定的な回答の割合（0〜1）、mean: 平均。空欄なら favourableShare。',
      kind: 'enum',
      values: { favourableShare: 'favourableShare', mean: 'mean' },
      width: 16,
    },
    {
      key: 'group',
      header: '対象の群',
      note: '群の指定です（例: sex=1）。空欄なら全体。',
      kind: 'where',
      width: 14,
    },
    { ...int('value', '値', '公表値です。'), kind: 'number' },
    int('n', '回答数', '公表値の回答数です（任意）。'),
    str('source', '出典', '公表値の出典です。', 40),
    int('year', '年', '調査の年です。'),
    text('note', '注記', '注記です（任意）。'),
  ],
};

export const PASS_RULES: SheetLayout = {
  name: '合格基準',
  fields: [
    str('rule', '基準ID', '合格基準のIDです。群IDが空欄の行が基準そのもの、その下の行が群です。'),
    str('group', '群ID', '群のIDです（基準の行では空欄）。'),
    text('label', '名前', '基準または群の名前です。'),
    str('score', '得点', '基準の行に、肯定的な回答の割合の得点IDを書きます。'),
    { ...int('threshold', '閾値', '基準の行に、合格とする割合（0〜1）を書きます。'), kind: 'number' },
    {
      key: 'where',
      header: '群の条件',
      note: '群の行に、群の条件を書きます（例: sex=1）。',
      kind: 'where',
      width: 14,
    },
  ],
};

export const SOURCES: SheetLayout = {
  name: '出典',
  fields: [
    str('title', '題名', 'テンプレートのもとにした資料の題名です。', 40),
    str('publisher', '発行者', '発行者です（任意）。', 20),
    int('year', '年', '発行年です（任意）。'),
    str('url', 'URL', '資料の URL です（任意）。', 40),
    str('note', '注記', '注記です（任意）。', 30),
  ],
};

export const CHANGES: SheetLayout = {
  name: '変更履歴',
  fields: [
    {
      key: 'kind',
      header: '変更の種類',
      note: '元テンプレートに対する変更の記録です（自動で作られます。手で変えないでください）。',
      kind: 'enum',
      values: {
        addQuestion: 'addQuestion',
        removeQuestion: 'removeQuestion',
        rewordQuestion: 'rewordQuestion',
        addItem: 'addItem',
        removeItem: 'removeItem',
        rewordItem: 'rewordItem',
        relabelScale: 'relabelScale',
        addLocale: 'addLocale',
        setText: 'setText',
        substitute: 'substitute',
      },
      width: 16,
    },
    str('target', '対象', '変更された設問などです。'),
    str('replacedBy', '置き換え先', '新しいIDです。'),
    bool('editorial', '表記修正のみ', '意味を変えない直しだったか。'),
    str('note', '注記', '変更の理由です。', 40),
  ],
};

/** Every sheet in workbook order. */
export const SHEETS: readonly SheetLayout[] = [
  SETTINGS,
  SECTIONS,
  QUESTIONS,
  OPTIONS,
  SCALES,
  SCORES,
  BENCHMARKS,
  PASS_RULES,
  SOURCES,
  CHANGES,
];

/** The header of a localised text column: `文言 (ja)`. */
export function textHeader(field: Field, locale: string): string {
  return `${field.header} (${locale})`;
}
