import { collectMessages } from './messages.js';
import type { SqlClient } from './sqlClient.js';

/**
 * The schema, one step per version. Steps are only ever appended: a database made by any earlier
 * kizuki moves forward by the steps it lacks.
 */
const steps: readonly string[] = [
  `create table kizuki_surveys (
     survey_key text primary key,
     template_id text not null,
     template_version text not null,
     template_hash text not null,
     open boolean not null default true,
     created_at timestamptz not null default now()
   );
   create table kizuki_responses (
     seq bigserial unique,
     survey_key text not null references kizuki_surveys (survey_key),
     respondent_id text not null,
     receipt text not null,
     invitation text,
     response jsonb not null,
     received_at timestamptz not null default now(),
     primary key (survey_key, respondent_id)
   );
   create unique index kizuki_responses_one_per_invitation
     on kizuki_responses (survey_key, invitation) where invitation is not null;
   create table kizuki_invitations (
     survey_key text not null references kizuki_surveys (survey_key),
     code_hash text not null,
     stratum text not null default '',
     disposition text not null default 'pending',
     respondent_id text,
     updated_at timestamptz not null default now(),
     primary key (survey_key, code_hash)
   );
   create table kizuki_drafts (
     survey_key text not null references kizuki_surveys (survey_key),
     code_hash text not null,
     draft jsonb not null,
     updated_at timestamptz not null default now(),
     primary key (survey_key, code_hash)
   );
   create table kizuki_admin_tokens (
     token_hash text primary key,
     created_at timestamptz not null default now()
   );`,
  // Storing a response in one round trip: the whole check-insert-mark sequence runs inside the
  // server as one statement (its own transaction), so a submission costs one network exchange
  // instead of six and still returns only after the commit.
  `create function kizuki_store_response(
     p_survey text, p_respondent text, p_receipt text, p_code text, p_response jsonb)
   returns table (outcome text, out_receipt text, out_respondent text, out_received_at timestamptz)
   language plpgsql as $$
   declare
     v_open boolean;
     v_holder text;
   begin
     select s.open into v_open from kizuki_surveys s where s.survey_key = p_survey for share;
     if not found then
       return query select 'unknown_survey'::text, null::text, null::text, null::timestamptz;
       return;
     end if;
     -- A repeat is answered with its first receipt even after the survey closed.
     return query select 'duplicate'::text, r.receipt, r.respondent_id, r.received_at
       from kizuki_responses r where r.survey_key = p_survey and r.respondent_id = p_respondent;
     if found then return; end if;
     if not v_open then
       return query select 'closed'::text, null::text, null::text, null::timestamptz;
       return;
     end if;
     if p_code is not null then
       -- The row lock makes concurrent submissions with one code take turns.
       select i.respondent_id into v_holder from kizuki_invitations i
         where i.survey_key = p_survey and i.code_hash = p_code for update;
       if not found then
         return query select 'unknown_code'::text, null::text, null::text, null::timestamptz;
         return;
       end if;
       if v_holder is not null and v_holder <> p_respondent then
         return query select 'code_used'::text, null::text, null::text, null::timestamptz;
         return;
       end if;
     end if;
     return query insert into kizuki_responses as r (survey_key, respondent_id, receipt, invitation, response)
       values (p_survey, p_respondent, p_receipt, p_code, p_response)
       on conflict (survey_key, respondent_id) do nothing
       returning 'stored'::text, r.receipt, r.respondent_id, r.received_at;
     if not found then
       -- Another transaction stored the same respondent id after our first look.
       return query select 'duplicate'::text, r.receipt, r.respondent_id, r.received_at
         from kizuki_responses r where r.survey_key = p_survey and r.respondent_id = p_respondent;
       if not found then raise exception 'kizuki: a conflicting response vanished'; end if;
       return;
     end if;
     if p_code is not null then
       update kizuki_invitations i set disposition = 'complete', respondent_id = p_respondent, updated_at = now()
         where i.survey_key = p_survey and i.code_hash = p_code;
       delete from kizuki_drafts d where d.survey_key = p_survey and d.code_hash = p_code;
     end if;
   end $$;`,
];

/** The schema version this kizuki writes. */
export const schemaVersion = steps.length;

/**
 * A store this kizuki must not open: its schema is newer than the code knows. The message gives
 * both languages (the store has no locale); `code` and `params` let a caller say it in one.
 *
 * @example
 * ```ts
 * import { createPgliteStore, StoreSchemaError } from 'kizuki/collect';
 * try {
 *   await createPgliteStore({ dataDir: './kizuki-data/pglite' });
 * } catch (error) {
 *   if (error instanceof StoreSchemaError) console.error(error.params.found, '>', error.params.known);
 *   else throw error;
 * }
 * ```
 */
export class StoreSchemaError extends Error {
  readonly code = 'schema_too_new';
  constructor(readonly params: { found: number; known: number }) {
    super(
      `kizuki: ${collectMessages.schema_too_new.ja(params)} / ${collectMessages.schema_too_new.en(params)}`,
    );
    this.name = 'StoreSchemaError';
  }
}

/**
 * Brings the database up to `target` (default {@link schemaVersion}; an earlier one only to build
 * old stores in tests). All steps run in one transaction, so a failure or a crash half-way leaves
 * the schema as it was, never half-migrated. Several collectors starting at once against one
 * PostgreSQL take turns through an advisory lock, so each step runs once.
 */
export async function migrate(client: SqlClient, target = steps.length): Promise<number> {
  return client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(727355)');
    await tx.query(
      'create table if not exists kizuki_migrations (version integer primary key, applied_at timestamptz not null default now())',
    );
    const { rows } = await tx.query<{ version: number | null }>(
      'select max(version) as version from kizuki_migrations',
    );
    const current = Number(rows[0]?.version ?? 0);
    if (current > steps.length) throw new StoreSchemaError({ found: current, known: steps.length });
    for (let version = current + 1; version <= target; version++) {
      await tx.exec(steps[version - 1]!);
      await tx.query('insert into kizuki_migrations (version) values ($1)', [version]);
    }
    return Math.max(current, target);
  });
}
