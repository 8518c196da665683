import { mergeStates, type NamedState, writeStateFile } from '../scoring/index.js';
import { requiredOut } from './aggregateCommand.js';
import { EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { writeTextFile } from './fileAccess.js';
import { resolveSurvey } from './resolveSurvey.js';
import { readStateFiles, stateWork } from './stateFile.js';
import { stateText } from './stateText.js';

/** The template id of the first state (read twice: once here, once when merged). */
function firstTemplateId(states: Iterable<NamedState>): string {
  for (const named of states) return named.state.template.id;
  return '';
}

/** `kizuki merge STATE... --out national.json`: one state from many. */
export const mergeCommand: Command = {
  name: 'merge',
  help: { ja: stateText.ja.mergeHelp, en: stateText.en.mergeHelp },
  options: { out: { type: 'string' }, template: { type: 'string' } },
  positionals: ['STATE'],
  arity: () => ({ min: 1, max: Number.POSITIVE_INFINITY }),
  async run(context, values, files) {
    const out = requiredOut(context, 'merge', values.out);
    const states = await readStateFiles(context, files);
    const survey = await resolveSurvey(
      context,
      typeof values.template === 'string' ? values.template : firstTemplateId(states),
    );
    const merged = stateWork(() => mergeStates({ survey, states, locale: context.lang }));
    await writeTextFile(context, out, writeStateFile(merged.aggregator, merged));
    context.out(stateText[context.lang].mergeDone(out, files.length, merged.aggregator.responses));
    return EXIT.ok;
  },
};
