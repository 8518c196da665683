import type { MessageCatalog } from '../../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);

const FEATURES: Record<string, { ja: string; en: string }> = {
  scores: { ja: '得点の定義', en: 'score definitions' },
  benchmarks: { ja: '全国値などの比較値', en: 'benchmarks' },
  passRules: { ja: '合格基準', en: 'pass rules' },
  scale: { ja: '尺度の肯定的・欠測のコード', en: 'favourable and missing codes of a scale' },
  value: { ja: '選択肢の集計用の値', en: 'an option’s scoring value' },
  exclusive: { ja: '排他的な選択肢', en: 'an exclusive option' },
  other: { ja: '「その他（記入）」の記入欄', en: 'the text box of an "other" option' },
  pinned: { ja: '位置を固定した選択肢', en: 'a pinned option' },
  missing: { ja: '欠測の選択肢', en: 'a missing-value option' },
  role: { ja: '個人情報上の扱い', en: 'the privacy role' },
  personalData: { ja: '個人情報を含みうる印', en: 'the personal-data mark' },
  randomise: { ja: '並べ替え', en: 'shuffling' },
  reverse: { ja: '逆転項目の印', en: 'the reverse-keyed mark' },
  tags: { ja: 'タグ', en: 'tags' },
  unit: { ja: '単位', en: 'the unit' },
  size: { ja: '自由記述の欄の大きさ', en: 'the size of a text box' },
  description: { ja: '節の説明', en: 'a section description' },
  introduction: { ja: '前書き', en: 'the introduction' },
  audience: { ja: '対象者', en: 'the audience' },
  provenance: { ja: '作成者と出典', en: 'authors and sources' },
  licence: { ja: 'ライセンス', en: 'the licence' },
  derivedFrom: { ja: '元テンプレートの記録', en: 'the record of the base template' },
  label: { ja: '尺度の名前', en: 'the scale name' },
  expression: { ja: 'XLSForm に訳せない式', en: 'an expression XLSForm cannot state' },
};

/** Messages of what `toXlsForm` reports. */
export const xlsFormMessages = {
  not_in_xlsform: {
    ja: (p: P) =>
      `${FEATURES[s(p.feature)]?.ja ?? s(p.feature)}は XLSForm では表せないため、書き出しません${p.detail ? `（${s(p.detail)}）` : ''}`,
    en: (p: P) =>
      `${FEATURES[s(p.feature)]?.en ?? s(p.feature)} cannot be stated in XLSForm and is not written${p.detail ? ` (${s(p.detail)})` : ''}`,
  },
} satisfies MessageCatalog<string>;
