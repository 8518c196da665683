import type { Survey } from '../schema/index.js';
import { ScoringError } from '../scoring/index.js';
import { requiredOut } from './aggregateCommand.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { writeTextFile } from './fileAccess.js';
import { resolveSurvey } from './resolveSurvey.js';
import {
  checkStateTemplate,
  readStateFile,
  type StateFile,
  stateAggregator,
  stateFileText,
} from './stateFile.js';
import { stateText } from './stateText.js';

/** `kizuki merge STATE... --out national.json`: one state from many. */
export const mergeCommand: Command = {
  name: 'merge',
  help: { ja: stateText.ja.mergeHelp, en: stateText.en.mergeHelp },
  options: { out: { type: 'string' }, template: { type: 'string' } },
  positionals: ['STATE'],
  arity: () => ({ min: 1, max: Number.POSITIVE_INFINITY }),
  async run(context, values, files) {
    const out = requiredOut(context, 'merge', values.out);
    const states: StateFile[] = [];
    for (const file of files) states.push(await readStateFile(context, file));
    checkMergeable(context, files, states);
    const first = states[0]!;
    const survey: Survey = await resolveSurvey(
      context,
      typeof values.template === 'string' ? values.template : first.template.id,
    );
    // One aggregator from the first state; the others are merged as saved states, which reuses its
    // compiled plan instead of compiling one per file.
    const merged = stateAggregator(context, files[0]!, first, survey);
    for (let i = 1; i < states.length; i++) {
      checkStateTemplate(context, files[i]!, states[i]!, survey);
      try {
        merged.merge(states[i]!.aggregate);
      } catch (error) {
        if (error instanceof ScoringError)
          throw new CliFailure(EXIT.invalid, stateText[context.lang].badState(files[i]!, error.message));
        throw error;
      }
    }
    const dates = new Set(states.map((s) => s.waveDate));
    const waveDate = dates.size === 1 ? first.waveDate : null;
    await writeTextFile(
      context,
      out,
      stateFileText(merged, { municipalities: states.flatMap((s) => s.municipalities), waveDate }),
    );
    context.out(stateText[context.lang].mergeDone(out, files.length, merged.responses));
    return EXIT.ok;
  },
};

/**
 * Refuses, naming the file, any state that differs from the first in template or settings, and any
 * municipality (or identical tally) that appears twice: nothing is merged unless all agree.
 */
export function checkMergeable(
  context: CliContext,
  files: readonly string[],
  states: readonly StateFile[],
): void {
  const t = stateText[context.lang];
  const refuse = (message: string): never => {
    throw new CliFailure(EXIT.invalid, message);
  };
  const first = states[0]!;
  const seenMunicipality = new Map<string, string>();
  const seenTally = new Map<string, string>();
  states.forEach((state, i) => {
    const file = files[i]!;
    if (state.template.id !== first.template.id)
      refuse(t.otherTemplate(file, state.template.id, first.template.id));
    if (state.template.hash !== first.template.hash) refuse(t.otherHash(file, state.template.id));
    if (state.by.join(',') !== first.by.join(','))
      refuse(t.otherBy(file, state.by.join(','), first.by.join(',')));
    if (state.minGroupSize !== first.minGroupSize)
      refuse(t.otherMinGroup(file, state.minGroupSize, first.minGroupSize));
    if (JSON.stringify(state.aggregate.options.sets) !== JSON.stringify(first.aggregate.options.sets))
      refuse(t.otherSets(file));
    for (const name of state.municipalities) {
      const earlier = seenMunicipality.get(name);
      if (earlier !== undefined) refuse(t.duplicateMunicipality(file, name, earlier));
      seenMunicipality.set(name, file);
    }
    // Two files with the same tally are almost surely one file given twice (or copied and renamed).
    const tally = JSON.stringify(state.aggregate);
    const earlier = seenTally.get(tally);
    if (earlier !== undefined && state.aggregate.responses > 0) refuse(t.duplicateState(file, earlier));
    seenTally.set(tally, file);
  });
}
