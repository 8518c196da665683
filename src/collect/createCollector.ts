import { createPseudonymiser } from '../anonymise/hmacPseudonym.js';
import { createIssue, type Issue, type MessageLocale } from '../core/issue.js';
import { sha256Hex } from '../core/sha256.js';
import { dispositionClass } from '../design/responseRates.js';
import { csvField } from '../io/csv/csvField.js';
import { guardFormula } from '../io/csv/guardFormula.js';
import { responsesToCsv } from '../io/csv/responsesToCsv.js';
import type { Survey } from '../schema/survey.js';
import { createResponseValidator } from '../validate/createResponseValidator.js';
import type { ResponseValidator } from '../validate/createStandaloneValidator.js';
import type { CollectStore } from './collectStore.js';
import { type FormPageOptions, formPage } from './formPage.js';
import { dispositionRecords, liveResponseRates } from './liveResponseRates.js';
import { type CollectIssueCode, collectMessages } from './messages.js';
import { createRateLimiter, type RateLimit } from './rateLimiter.js';
import { readJsonBody } from './readJsonBody.js';
import { timingSafeIncludes } from './secrets.js';

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  store: CollectStore;
  /** The surveys served, by the key that appears in their URL (`/s/<key>/`). */
  surveys: Readonly<Record<string, Survey>>;
  /**
   * The secret key (≥ 32 random bytes) that invitation codes are hashed with. Codes are looked up
   * by HMAC-SHA-256 and never stored or logged in clear. Needed when any survey takes invitations.
   */
  codeKey?: Uint8Array;
  /** Survey keys that accept a response only with a valid invitation code. */
  invitationOnly?: readonly string[];
  /** Language of error messages (default `ja`); a request may ask for `en` with Accept-Language. */
  locale?: MessageLocale;
  /** Largest request body in bytes (default 256 KiB). */
  maxBodyBytes?: number;
  /**
   * Per client (as told by `clientKey`) and per invitation code. Defaults: 300 and 20 per minute
   * (a town hall's staff may all come from one address).
   */
  rateLimits?: { client?: RateLimit; code?: RateLimit };
  /** Who `frame-ancestors` lets embed the form (default none: `'none'`). */
  frameAncestors?: readonly string[];
  /** The form page: where the browser bundle of `kizuki/ui` and the page script are served from. */
  page?: FormPageOptions;
  /** Static files served under `/assets/` (the ui bundle, the page script, a stylesheet). */
  assets?: Readonly<Record<string, { body: string | Uint8Array; type: string }>>;
  /** Receives one entry per request; never a code, an answer or a respondent id. */
  log?: (entry: CollectLogEntry) => void;
  /** The clock (tests). */
  now?: () => number;
}

/** A log line of the collector: what happened, without personal data. */
export interface CollectLogEntry {
  method: string;
  route: string;
  survey?: string;
  status: number;
  code?: string;
}

/** Per-request facts the host knows and `Request` does not carry. */
export interface RequestContext {
  /** The client's address or another key to rate-limit by (behind a proxy: the forwarded address). */
  clientKey?: string;
}

/** A collector: one function from a web-standard `Request` to a `Response`. */
export interface Collector {
  handle(request: Request, context?: RequestContext): Promise<Response>;
  /** Loads invitation codes (from `kizuki sample`), hashing each; returns how many were new. */
  addInvitations(
    surveyKey: string,
    invitations: readonly { code: string; stratum?: string }[],
  ): Promise<number>;
  /** Makes a new admin token, stores only its hash, and returns the token once. */
  createAdminToken(): Promise<string>;
}

const securityHeaders = (frameAncestors: readonly string[]): Record<string, string> => ({
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length === 0 ? "'none'" : frameAncestors.join(' ')}`,
  ].join('; '),
  'x-content-type-options': 'nosniff',
  // Invitation codes travel in links: no page may leak them onward.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cache-control': 'no-store',
});

/**
 * A collector for the surveys given: serves each survey's form page and stores each submitted
 * response exactly once. It is a plain `Request → Response` function, so it mounts in Node's
 * http server ({@link toNodeListener}), Hono, Express, Fastify, Deno or a worker.
 *
 * Routes (under `/s/<survey>`): `GET /` the form; `GET /survey.json` the parsed survey;
 * `POST /responses` a response (JSON; the invitation code in the `Kizuki-Code` header or `?code=`);
 * `GET|PUT /draft?code=` a server-side draft for moving between devices. Admin routes (under
 * `/admin/<survey>`, `Authorization: Bearer <token>`): `GET /status` (counts, dispositions by stratum
 * and live AAPOR rates, see {@link liveResponseRates}), `GET /export.csv`,
 * `GET /export.jsonl`, `GET /dispositions.csv` (one row per invitation: stratum and AAPOR
 * disposition, for `kizuki report --dispositions`), `POST /close`, `POST /open`, `POST /disposition` (`{ code, disposition }`: a
 * returned letter or a refusal, as an AAPOR code or name).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createCollector, createPgliteStore, toNodeListener } from 'kizuki/collect';
 * import { loadTemplate } from 'kizuki/schema';
 * const store = await createPgliteStore({ dataDir: './kizuki-data' });
 * const collector = await createCollector({ store, surveys: { staff: loadTemplate(json) } });
 * console.log('admin token:', await collector.createAdminToken());
 * createServer(toNodeListener(collector)).listen(8080);
 * ```
 */
export async function createCollector(options: CollectorOptions): Promise<Collector> {
  const { store } = options;
  const defaultLocale = options.locale ?? 'ja';
  const limit = options.maxBodyBytes ?? 256 * 1024;
  const now = options.now ?? Date.now;
  const headers = securityHeaders(options.frameAncestors ?? []);
  const invitationOnly = new Set(options.invitationOnly ?? []);
  const clientLimiter = createRateLimiter(options.rateLimits?.client ?? { limit: 300, windowMs: 60_000 });
  const codeLimiter = createRateLimiter(options.rateLimits?.code ?? { limit: 20, windowMs: 60_000 });
  const pseudonymiser =
    options.codeKey === undefined ? undefined : await createPseudonymiser({ key: options.codeKey });
  const surveys = new Map<
    string,
    { survey: Survey; validators: Partial<Record<MessageLocale, ResponseValidator>> }
  >();
  for (const [key, survey] of Object.entries(options.surveys)) {
    surveys.set(key, { survey, validators: {} });
    await store.putSurvey({
      surveyKey: key,
      templateId: survey.template.id,
      templateVersion: survey.template.version,
      templateHash: survey.hash,
    });
  }
  const validatorFor = (key: string, locale: MessageLocale): ResponseValidator => {
    const entry = surveys.get(key)!;
    // Compiled once per survey and language, at first use, then reused for every response.
    entry.validators[locale] ??= createResponseValidator(entry.survey, { locale });
    return entry.validators[locale];
  };
  const hashCode = async (code: string): Promise<string> => {
    if (pseudonymiser === undefined)
      throw new Error('createCollector: codeKey is needed for invitation codes');
    return pseudonymiser.pseudonym(code.normalize('NFKC').trim().toUpperCase());
  };

  const reply = (status: number, body: unknown, extra: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8', ...extra },
    });
  const failure = (
    status: number,
    code: CollectIssueCode,
    locale: MessageLocale,
    params?: Record<string, unknown>,
    issues?: Issue[],
    extra?: Record<string, string>,
  ) => {
    const issue = createIssue(collectMessages, code, [], locale, params);
    return reply(status, { error: issue, ...(issues === undefined ? {} : { issues }) }, extra);
  };

  async function isAdmin(request: Request): Promise<boolean> {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
    const hashes = await store.adminTokenHashes();
    // Hash even when no token was sent, so the answer takes the same time either way.
    const presented = sha256Hex(match?.[1] ?? '');
    return match !== null && timingSafeIncludes(hashes, presented);
  }

  async function submit(request: Request, key: string, locale: MessageLocale, code: string | undefined) {
    const body = await readJsonBody(request, limit);
    if (!body.ok) return failure(body.status, body.code, locale, body.params);
    const verdict = validatorFor(key, locale)(body.value);
    if (!verdict.success) return failure(422, 'invalid_response', locale, undefined, verdict.issues);
    const response = verdict.response;
    const idempotencyKey = request.headers.get('idempotency-key');
    if (idempotencyKey !== null && idempotencyKey !== response.respondentId) {
      return failure(422, 'id_mismatch', locale);
    }
    if (code === undefined && invitationOnly.has(key)) return failure(403, 'invitation_required', locale);
    const codeHash = code === undefined ? undefined : await hashCode(code);
    const outcome = await store.storeResponse({
      surveyKey: key,
      response,
      receipt: receiptNumber(),
      ...(codeHash === undefined ? {} : { codeHash }),
    });
    switch (outcome.status) {
      case 'stored':
        return reply(201, { receipt: outcome.receipt, duplicate: false });
      case 'duplicate':
        return reply(200, { receipt: outcome.receipt, duplicate: true });
      case 'code_used':
        return failure(409, 'already_answered', locale);
      case 'unknown_code':
        return failure(403, 'invalid_code', locale);
      case 'closed':
        return failure(410, 'closed', locale);
      case 'unknown_survey':
        return failure(404, 'unknown_survey', locale, { survey: key });
    }
  }

  async function draft(request: Request, key: string, locale: MessageLocale, code: string | undefined) {
    if (code === undefined) return failure(403, 'invitation_required', locale);
    const codeHash = await hashCode(code);
    const state = await store.invitationState(key, codeHash);
    // An unknown code and a known code without a draft get the same answer after the same work (the
    // same look-ups, and for a PUT the same write), so that neither the answer nor its time tells
    // whether a code exists (measured by bench/collect-codes.bench.ts).
    if (request.method === 'GET') {
      const saved = await store.loadDraft(key, codeHash);
      return state !== 'open' || saved === undefined ? failure(404, 'not_found', locale) : reply(200, saved);
    }
    const body = await readJsonBody(request, limit);
    if (!body.ok) return failure(body.status, body.code, locale, body.params);
    if (state === 'answered') return failure(409, 'already_answered', locale);
    await store.saveDraft(key, state === 'open' ? codeHash : decoyDraftKey(codeHash), body.value);
    return new Response(null, { status: 204, headers });
  }

  /** Records what happened to an invitation without a response (a returned letter, a refusal by phone). */
  async function setDisposition(request: Request, key: string, locale: MessageLocale) {
    const body = await readJsonBody(request, limit);
    if (!body.ok) return failure(body.status, body.code, locale, body.params);
    const value = body.value as { code?: unknown; disposition?: unknown } | null;
    const code = typeof value?.code === 'string' ? value.code : undefined;
    const disposition = typeof value?.disposition === 'string' ? value.disposition : undefined;
    if (
      disposition === undefined ||
      (disposition !== 'pending' && dispositionClass(disposition) === undefined)
    )
      return failure(422, 'invalid_disposition', locale, { value: String(value?.disposition ?? '') });
    if (code === undefined) return failure(422, 'invalid_code', locale);
    const changed = await store.setDisposition(key, await hashCode(code), disposition);
    return changed ? reply(200, { survey: key, disposition }) : failure(409, 'disposition_not_set', locale);
  }

  async function admin(request: Request, key: string, action: string, locale: MessageLocale) {
    if (!(await isAdmin(request)))
      return failure(401, 'unauthorized', locale, undefined, undefined, {
        'www-authenticate': 'Bearer',
      });
    const entry = surveys.get(key);
    if (entry === undefined) return failure(404, 'unknown_survey', locale, { survey: key });
    if (action === 'status' && request.method === 'GET') {
      const record = await store.getSurvey(key);
      return reply(200, {
        survey: key,
        open: record?.open ?? false,
        responses: await store.countResponses(key),
        dispositions: await store.dispositionCounts(key),
        rates: await liveResponseRates({ store, surveyKey: key, locale }),
      });
    }
    if (action === 'disposition' && request.method === 'POST') return setDisposition(request, key, locale);
    if ((action === 'close' || action === 'open') && request.method === 'POST') {
      await store.setOpen(key, action === 'open');
      return reply(200, { survey: key, open: action === 'open' });
    }
    if (action === 'export.jsonl' && request.method === 'GET') {
      const encoder = new TextEncoder();
      const responses = store.responses(key);
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          for await (const response of responses)
            controller.enqueue(encoder.encode(`${JSON.stringify(response)}\n`));
          controller.close();
        },
      });
      return new Response(stream, {
        status: 200,
        headers: { ...headers, 'content-type': 'application/x-ndjson' },
      });
    }
    if (action === 'dispositions.csv' && request.method === 'GET') {
      // One row per invitation, no code: what `kizuki report --dispositions` and `kizuki rates` read.
      const { records, stratified } = dispositionRecords(await store.dispositionCounts(key));
      const lines = [stratified ? 'stratum,disposition' : 'disposition'];
      for (const r of records)
        lines.push(
          stratified
            ? `${csvField(guardFormula(r.stratum))},${csvField(r.disposition)}`
            : csvField(r.disposition),
        );
      return new Response(`\ufeff${lines.join('\r\n')}\r\n`, {
        status: 200,
        headers: {
          ...headers,
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${key}-dispositions.csv"`,
        },
      });
    }
    if (action === 'export.csv' && request.method === 'GET') {
      const all = [];
      for await (const response of store.responses(key)) all.push(response);
      return new Response(responsesToCsv(entry.survey, all, { bom: true }), {
        status: 200,
        headers: {
          ...headers,
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${key}.csv"`,
        },
      });
    }
    return failure(404, 'not_found', locale);
  }

  async function route(
    request: Request,
    context: RequestContext,
    locale: MessageLocale,
  ): Promise<[Response, string, string?]> {
    const url = new URL(request.url);
    const parts = url.pathname.split('/').filter((p) => p !== '');
    if (parts[0] === 'assets' && parts.length === 2 && request.method === 'GET') {
      const asset = Object.hasOwn(options.assets ?? {}, parts[1]!) ? options.assets![parts[1]!] : undefined;
      if (asset === undefined) return [failure(404, 'not_found', locale), 'asset'];
      const body = typeof asset.body === 'string' ? asset.body : asset.body.slice().buffer;
      return [
        new Response(body, {
          status: 200,
          headers: { ...headers, 'content-type': asset.type, 'cache-control': 'public, max-age=3600' },
        }),
        'asset',
      ];
    }
    if ((parts[0] !== 's' && parts[0] !== 'admin') || parts.length < 2)
      return [failure(404, 'not_found', locale), 'other'];
    const key = decodeURIComponent(parts[1]!);
    const entry = surveys.get(key);
    if (parts[0] === 'admin')
      return [
        await admin(request, key, parts.slice(2).join('/'), locale),
        `admin/${parts.slice(2).join('/')}`,
        key,
      ];
    if (entry === undefined) return [failure(404, 'unknown_survey', locale, { survey: key }), 'survey'];
    const action = parts.slice(2).join('/');
    if (action === '' && request.method === 'GET' && !url.pathname.endsWith('/')) {
      // The page loads its files by relative URL, which needs the trailing slash.
      return [
        new Response(null, {
          status: 308,
          headers: { ...headers, location: `${url.pathname}/${url.search}` },
        }),
        'form',
        key,
      ];
    }
    if (action === '' && request.method === 'GET') {
      const html = formPage({ survey: entry.survey, surveyKey: key, page: options.page ?? {}, locale });
      return [
        new Response(html, {
          status: 200,
          headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
        }),
        'form',
        key,
      ];
    }
    // The parsed survey, so the page needs only the engine and never the template parser.
    if (action === 'survey.json' && request.method === 'GET')
      return [reply(200, entry.survey), 'survey.json', key];
    if (action === 'responses' || action === 'draft') {
      if (action === 'responses' && request.method !== 'POST')
        return [failure(405, 'method_not_allowed', locale, { method: request.method }), action, key];
      if (action === 'draft' && request.method !== 'GET' && request.method !== 'PUT')
        return [failure(405, 'method_not_allowed', locale, { method: request.method }), action, key];
      const wait = clientLimiter.take(context.clientKey ?? 'anonymous', now());
      if (wait > 0)
        return [
          failure(429, 'rate_limited', locale, { seconds: wait }, undefined, { 'retry-after': String(wait) }),
          action,
          key,
        ];
      const code = request.headers.get('kizuki-code') ?? url.searchParams.get('code') ?? undefined;
      if (code !== undefined) {
        const codeWait = codeLimiter.take(`${key}\u0000${code}`, now());
        if (codeWait > 0)
          return [
            failure(429, 'rate_limited', locale, { seconds: codeWait }, undefined, {
              'retry-after': String(codeWait),
            }),
            action,
            key,
          ];
      }
      const response =
        action === 'responses'
          ? await submit(request, key, locale, code)
          : await draft(request, key, locale, code);
      return [response, action, key];
    }
    return [failure(404, 'not_found', locale), 'other', key];
  }

  return {
    async handle(request, context = {}) {
      const locale = /^en\b/i.test(request.headers.get('accept-language') ?? '') ? 'en' : defaultLocale;
      let result: [Response, string, string?];
      try {
        result = await route(request, context, locale);
      } catch {
        // The store failed (a restarting database): nothing was acknowledged, so the client retries.
        result = [
          failure(503, 'store_unavailable', locale, undefined, undefined, { 'retry-after': '2' }),
          'error',
        ];
      }
      const [response, routeName, survey] = result;
      options.log?.({
        method: request.method,
        route: routeName,
        status: response.status,
        ...(survey === undefined ? {} : { survey }),
      });
      return response;
    },
    async addInvitations(surveyKey, invitations) {
      const records = [];
      for (const invitation of invitations) {
        records.push({
          codeHash: await hashCode(invitation.code),
          ...(invitation.stratum === undefined ? {} : { stratum: invitation.stratum }),
        });
      }
      return store.addInvitations(surveyKey, records);
    },
    async createAdminToken() {
      const token = receiptNumber(32);
      await store.addAdminToken(sha256Hex(token));
      return token;
    },
  };
}

/**
 * Where the draft of an unknown code is written: one of 16 rows per survey (spread by the hash, so
 * that concurrent guesses do not queue on one row lock), which no code's hash (64 hex digits) can
 * name, so it is never served, and which cannot grow whatever is guessed.
 */
function decoyDraftKey(codeHash: string): string {
  return `decoy-${codeHash.slice(0, 1)}`;
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A random, unambiguous code from the Web Crypto generator. */
function receiptNumber(length = 12): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  // 256 is a multiple of 32, so every letter is equally likely.
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return out;
}
