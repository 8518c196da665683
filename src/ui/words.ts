import type { MessageLocale } from '../core/issue.js';
import { REQUIRED_WORD } from '../engine/index.js';

/** The interface texts of the survey elements, per message locale. Template texts come from the engine. */
export const WORDS = {
  ja: {
    // The word the paper questionnaire prints too (engine/questionTexts).
    required: `（${REQUIRED_WORD.ja}）`,
    back: '戻る',
    next: '次へ',
    review: '回答を確認する',
    submit: 'この内容で送信する',
    edit: 'このページを修正する',
    reviewTitle: '回答の確認',
    reviewLead:
      '送信する前に、回答を確認してください。修正するページがあれば「このページを修正する」を押してください。',
    notAnswered: '（未回答）',
    thanks: 'ご回答ありがとうございました',
    thanksLead: '回答を受け付けました。このページを閉じてかまいません。',
    progress: (answered: number, visible: number) => `${visible}問中 ${answered}問に回答済み`,
    page: (n: number, of: number, title: string) => `${of}ページ中 ${n}ページ目: ${title}`,
    errors: (n: number) => `${n}件の回答に問題があります。最初の問題の箇所に移動しました。`,
    rank: (n: number) => `${n}位`,
    personal: '個人が特定できることは書かないでください。',
    brokenTitle: 'アンケートを表示できません',
    brokenLead: 'アンケートの定義に問題があります。運営者にお知らせください。',
    noSurvey: 'アンケートが指定されていません。',
    noParser:
      'テンプレートを読み込むには parse プロパティに kizuki/schema の parseTemplate を渡してください。',
    crashed: (reason: string) => `アンケートを始められませんでした: ${reason}`,
    separator: '、',
    sending: '送信しています…',
    sendingLead: '回答はこの端末に保存してあります。このままお待ちください。',
    retrying: '送信できませんでした。回答はこの端末に保存してあり、自動で送り直します。',
    refused: '回答を受け付けてもらえませんでした。回答はこの端末に保存してあります。',
    retryNow: '今すぐ送り直す',
    retryingLead: '通信が回復すると自動で送ります。「今すぐ送り直す」を押すと、すぐに送り直します。',
    keptAside:
      '前回の回答の一部は、アンケートが変わったため引き継げませんでした。失われてはおらず、この端末に別に保存してあります。',
    resumed: '前回の続きから再開しました。',
  },
  en: {
    required: ` (${REQUIRED_WORD.en})`,
    back: 'Back',
    next: 'Next',
    review: 'Review your answers',
    submit: 'Submit these answers',
    edit: 'Change this page',
    reviewTitle: 'Review your answers',
    reviewLead:
      'Please check your answers before you submit them. To change a page, choose “Change this page”.',
    notAnswered: '(not answered)',
    thanks: 'Thank you for your answers',
    thanksLead: 'Your answers have been received. You may close this page.',
    progress: (answered: number, visible: number) => `${answered} of ${visible} answered`,
    page: (n: number, of: number, title: string) => `Page ${n} of ${of}: ${title}`,
    errors: (n: number) => `${n} answer${n === 1 ? ' needs' : 's need'} attention. Moved to the first one.`,
    rank: (n: number) => `#${n}`,
    personal: 'Please do not write anything that identifies a person.',
    brokenTitle: 'The survey cannot be shown',
    brokenLead: 'The survey definition has a problem. Please tell the people running it.',
    noSurvey: 'No survey was given.',
    noParser: 'To load a template, pass parseTemplate from kizuki/schema as the parse property.',
    crashed: (reason: string) => `The survey could not start: ${reason}`,
    separator: ', ',
    sending: 'Sending…',
    sendingLead: 'Your answers are saved on this device. Please wait a moment.',
    retrying:
      'Your answers could not be sent. They are saved on this device and will be sent again automatically.',
    refused: 'Your answers were not accepted. They are saved on this device.',
    retryNow: 'Send again now',
    retryingLead: 'They will be sent when the connection is back; choose “Send again now” to try at once.',
    keptAside:
      'Some earlier answers could not be carried over because the survey changed. They are not lost: they are kept on this device.',
    resumed: 'You are continuing where you left off.',
  },
};

/** The interface texts in one locale. */
export type Words = (typeof WORDS)[MessageLocale];

/** Japanese for `ja` and `ja-*`, English otherwise (the engine's message rule). */
export function wordsFor(locale: string): Words {
  return locale === 'ja' || locale.startsWith('ja-') ? WORDS.ja : WORDS.en;
}
