import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Papa from 'papaparse';
import {
  type CollectStore,
  createCollector,
  createPgliteStore,
  createPostgresStore,
  toNodeListener,
} from '../collect/index.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { readTextFile, resolvePath } from './fileAccess.js';
import { formAssets } from './formAssets.js';
import { positiveInt } from './optionValues.js';
import { resolveSurvey } from './resolveSurvey.js';
import { serveText } from './serveText.js';

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
    const survey = await resolveSurvey(context, values.template);
    const port = values.port === undefined ? 8080 : positiveInt(context, 'port', values.port, 8080);
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    const dataDir = resolvePath(context, typeof values.data === 'string' ? values.data : 'kizuki-data');
    const database = typeof values.database === 'string' ? values.database : undefined;
    const codeKey = readCodeKey(
      context,
      words,
      values['code-key'],
      database === undefined ? dataDir : undefined,
    );
    context.err(words.starting(database === undefined ? dataDir : database.replace(/\/\/[^@/]*@/, '//…@')));
    const store: CollectStore =
      database === undefined
        ? await createPgliteStore({ dataDir: join(dataDir, 'pglite') })
        : await createPostgresStore({ connectionString: database });
    const key = survey.template.id;
    const collector = await createCollector({
      store,
      surveys: { [key]: survey },
      codeKey,
      locale: context.lang,
      assets: formAssets(),
      ...(values['invitation-only'] === true ? { invitationOnly: [key] } : {}),
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
    if (typeof values.invitations === 'string') {
      const rows = Papa.parse<Record<string, string>>(await readTextFile(context, values.invitations), {
        header: true,
        skipEmptyLines: true,
      }).data;
      if (rows.length > 0 && !Object.hasOwn(rows[0]!, 'code'))
        throw new CliFailure(EXIT.invalid, words.noCodeColumn(values.invitations));
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
    context.out(words.form(`${url}/s/${encodeURIComponent(key)}/`));
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
