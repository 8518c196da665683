import type { Survey } from '../schema/survey.js';
import { type StandaloneCodeOptions, standaloneValidatorCode } from './standaloneValidatorCode.js';

/** Options of {@link writeStandaloneValidator}. */
export interface WriteStandaloneValidatorOptions extends StandaloneCodeOptions {
  /** The survey to validate responses of. */
  survey: Survey;
  /** Where to write the module, such as `public/survey.validate.js`. Its folder must exist. */
  file: string;
}

type NodeProcess = { getBuiltinModule?: (id: string) => unknown };
type WriteFile = (file: string, data: string, encoding: 'utf8') => Promise<void>;

/**
 * Writes the module of {@link standaloneValidatorCode} to a file (Node.js only; this is what
 * `kizuki` on the command line calls). Resolves to the file written and its size in bytes.
 *
 * @example
 * ```ts
 * import { loadTemplate } from 'kizuki/schema';
 * import { writeStandaloneValidator } from 'kizuki/validate';
 * await writeStandaloneValidator({ survey: loadTemplate(json), file: 'src/survey.validate.js', locale: 'ja' });
 * ```
 */
export async function writeStandaloneValidator(
  options: WriteStandaloneValidatorOptions,
): Promise<{ file: string; bytes: number }> {
  const { survey, file, ...codeOptions } = options;
  // Reached through `process` rather than an import, so that bundling kizuki/validate for a
  // browser does not trip over `node:fs`.
  const node = (globalThis as { process?: NodeProcess }).process;
  if (typeof node?.getBuiltinModule !== 'function') {
    throw new Error(
      'writeStandaloneValidator needs Node.js 20.16 or later; elsewhere use standaloneValidatorCode',
    );
  }
  const fs = node.getBuiltinModule('node:fs/promises') as { writeFile: WriteFile };
  const code = standaloneValidatorCode(survey, codeOptions);
  await fs.writeFile(file, code, 'utf8');
  return { file, bytes: new TextEncoder().encode(code).length };
}
