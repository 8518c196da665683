import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createCollector, toNodeListener } from '../collect/index.js';
import type { Survey } from '../schema/index.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { listOption } from './designCsv.js';
import { readTextFile, resolvePath } from './fileAccess.js';
import { formAssets } from './formAssets.js';
import { positiveInt } from './optionValues.js';
import { resolveSurvey } from './resolveSurvey.js';
import { serveText } from './serveText.js';
import { openStore, shownLocation, storeLocation } from './storeSource.js';

/** `kizuki serve --template T [--data DIR | --database URL] [--invitations sample.csv]`: collect responses. */
export const serveCommand: Command = {
  name: 'serve',
  options: {
    template: { type: 'string' },
    data: { type: 'string' },
    database: { type: 'string' },
    invitations: { type: 'string' },
    'code-key': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'invitation-only': { type: 'boolean' },
    'rate-limit': { type: 'string' },
  },
  positionals: [],
  async run(context, values) {
    const { text } = context;
    const words = serveText[context.lang];
    if (typeof values.template !== 'string')
      throw new CliFailure(EXIT.usage, text.usage.needArgs('--template'));
    // Several templates in one server: `--template a.json,b.json`, each at /s/<its id>/.
    const surveys: Record<string, Survey> = {};
    for (const argument of listOption(values.template)) {
      const survey = await resolveSurvey(context, argument);
      if (Object.hasOwn(surveys, survey.template.id))
        throw new CliFailure(EXIT.usage, words.sameKey(survey.template.id));
      surveys[survey.template.id] = survey;
    }
    const keys = Object.keys(surveys);
    const port = values.port === undefined ? 8080 : positiveInt(context, 'port', values.port, 8080);
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    const location = storeLocation(context, values, 'kizuki-data')!;
    const codeKey = readCodeKey(
      context,
      words,
      values['code-key'],
      'dataDir' in location ? location.dataDir : undefined,
    );
    context.err(words.starting(shownLocation(location)));
    const { store, release } = await openStore(context, location, { serve: true });
    const collector = await createCollector({
      store,
      surveys,
      codeKey,
      locale: context.lang,
      assets: formAssets(),
      ...(values['invitation-only'] === true ? { invitationOnly: keys } : {}),
      ...(values['rate-limit'] === undefined
        ? {}
        : {
            rateLimits: {
              client: {
                limit: positiveInt(context, 'rate-limit', values['rate-limit'], 300),
                windowMs: 60_000,
              },
            },
          }),
      log: (entry) =>
        context.err(words.request(new Date().toISOString(), entry.method, entry.route, entry.status)),
    });
    // `--invitations FILE` loads the first survey's codes; `KEY=FILE,…` names the survey of each file.
    for (const item of listOption(values.invitations)) {
      const named = /^([^=/\\]+)=(.+)$/.exec(item);
      const [key, file] = named === null ? [keys[0]!, item] : [named[1]!, named[2]!];
      if (!Object.hasOwn(surveys, key)) throw new CliFailure(EXIT.usage, words.noSurvey(key, keys));
      const rows = Papa.parse<Record<string, string>>(await readTextFile(context, file), {
        header: true,
        skipEmptyLines: true,
      }).data;
      if (rows.length > 0 && !Object.hasOwn(rows[0]!, 'code'))
        throw new CliFailure(EXIT.invalid, words.noCodeColumn(file));
      const invitations = rows.map((row) => ({
        code: row.code!,
        ...(row.stratum ? { stratum: row.stratum } : {}),
      }));
      context.err(words.invitations(await collector.addInvitations(key, invitations), invitations.length));
    }
    const token = await collector.createAdminToken();
    const server = createServer(toNodeListener(collector, { trustProxy: values['trust-proxy'] === true }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
    const address = server.address();
    const url = `http://${host}:${typeof address === 'object' && address !== null ? address.port : port}`;
    context.out(words.listening(url));
    for (const key of keys) context.out(words.form(`${url}/s/${encodeURIComponent(key)}/`));
    context.out(words.token(token));
    await new Promise<void>((resolve) => {
      const stop = () => {
        context.err(words.stopping);
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await store.close();
    release();
    context.err(words.stopped);
    return EXIT.ok;
  },
};

/**
 * The key invitation codes are hashed with. It must survive restarts (or no code would match), so an
 * embedded store keeps it beside its data, readable by its owner only; several servers sharing a
 * PostgreSQL must be given the same key file.
 */
function readCodeKey(
  context: Parameters<Command['run']>[0],
  words: (typeof serveText)['ja'],
  file: string | boolean | undefined,
  dataDir: string | undefined,
): Uint8Array {
  let path: string;
  if (typeof file === 'string') path = resolvePath(context, file);
  else if (dataDir !== undefined) {
    path = join(dataDir, 'code.key');
    if (!existsSync(path)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    }
  } else throw new CliFailure(EXIT.usage, words.needKey);
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new CliFailure(EXIT.invalid, words.badKey(path));
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
