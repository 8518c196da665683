import { listTemplates } from '../templates/index.js';
import { EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { pick } from './optionValues.js';

/** `kizuki templates`: the built-in templates. */
export const templatesCommand: Command = {
  name: 'templates',
  options: { json: { type: 'boolean' } },
  positionals: [],
  async run(context, values) {
    const templates = listTemplates();
    if (values.json === true) {
      context.out(JSON.stringify(templates, null, 2));
      return EXIT.ok;
    }
    const rows = templates.map((t) => [
      t.id,
      t.version,
      pick(t.title, context.lang),
      t.audience === undefined ? '' : pick(t.audience, context.lang),
    ]);
    const header = context.text.lines.listHeader;
    const width = rows.reduce((w, r) => Math.max(w, r[0]!.length), header[0]!.length);
    context.out(`${header[0]!.padEnd(width)}  ${header[1]}  ${header[2]} / ${header[3]}`);
    for (const [id, version, title, audience] of rows) {
      context.out(`${id!.padEnd(width)}  ${version}  ${title}${audience === '' ? '' : ` / ${audience}`}`);
    }
    return EXIT.ok;
  },
};
