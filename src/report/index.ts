/**
 * Documents for people (pure functions that return HTML strings): the printable paper
 * questionnaire and the results report with SVG charts. Each is one self-contained file that works
 * offline and prints on A4.
 *
 * @packageDocumentation
 */
export type { PeersInput } from './peersSection.js';
export type { RenderQuestionnaireOptions } from './renderQuestionnaire.js';
export { renderQuestionnaire } from './renderQuestionnaire.js';
export type { RenderReportOptions } from './renderReport.js';
export { renderReport } from './renderReport.js';
export { weightedView } from './weightedView.js';
export type { ReportWave, WaveVerdict, WhatChangedInput } from './whatChanged.js';
export type {
  GroupChange,
  WhatChangedFigures,
  WhatChangedFiguresOptions,
} from './whatChangedFigures.js';
export { whatChangedFigures } from './whatChangedFigures.js';
export type { WhoAnswered, WhoAnsweredCell, WhoAnsweredRates } from './whoAnswered.js';
