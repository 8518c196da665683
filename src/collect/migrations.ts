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
];

/** The schema version this kizuki writes. */
export const schemaVersion = steps.length;

/**
 * Brings the database up to {@link schemaVersion}. Several collectors starting at once against one
 * PostgreSQL take turns through an advisory lock, so each step runs once.
 */
export async function migrate(client: SqlClient): Promise<number> {
  return client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(727355)');
    await tx.query(
      'create table if not exists kizuki_migrations (version integer primary key, applied_at timestamptz not null default now())',
    );
    const { rows } = await tx.query<{ version: number | null }>(
      'select max(version) as version from kizuki_migrations',
    );
    const current = Number(rows[0]?.version ?? 0);
    if (current > steps.length) {
      throw new Error(
        `The database has schema version ${current}, newer than this kizuki (${steps.length}); upgrade kizuki`,
      );
    }
    for (let version = current + 1; version <= steps.length; version++) {
      await tx.exec(steps[version - 1]!);
      await tx.query('insert into kizuki_migrations (version) values ($1)', [version]);
    }
    return steps.length;
  });
}
