import { dispositionClass } from '../design/responseRates.js';
import type { SurveyResponse } from '../schema/response.js';
import type { CollectStore, DispositionCount, Receipt, StoreOutcome, SurveyRecord } from './collectStore.js';
import { migrate } from './migrations.js';
import type { SqlClient } from './sqlClient.js';

interface ReceiptRow {
  receipt: string;
  respondent_id: string;
  received_at: Date | string;
}

function toReceipt(row: ReceiptRow): Receipt {
  const at = row.received_at instanceof Date ? row.received_at : new Date(row.received_at);
  return { receipt: row.receipt, respondentId: row.respondent_id, receivedAt: at.toISOString() };
}

/** The store over `client`; a store that cannot be opened (such as a newer schema) closes the client first. */
export async function createSqlStoreOrClose(client: SqlClient): Promise<CollectStore> {
  try {
    return await createSqlStore(client);
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}

/** The store over any PostgreSQL-speaking client: the same SQL serves PGlite and PostgreSQL. */
export async function createSqlStore(client: SqlClient): Promise<CollectStore> {
  await migrate(client);
  return {
    async putSurvey(survey) {
      await client.query(
        `insert into kizuki_surveys (survey_key, template_id, template_version, template_hash)
         values ($1, $2, $3, $4)
         on conflict (survey_key) do update
           set template_id = excluded.template_id, template_version = excluded.template_version,
               template_hash = excluded.template_hash`,
        [survey.surveyKey, survey.templateId, survey.templateVersion, survey.templateHash],
      );
    },
    async getSurvey(surveyKey) {
      const { rows } = await client.query<{
        survey_key: string;
        template_id: string;
        template_version: string;
        template_hash: string;
        open: boolean;
      }>('select * from kizuki_surveys where survey_key = $1', [surveyKey]);
      const row = rows[0];
      if (row === undefined) return undefined;
      const record: SurveyRecord = {
        surveyKey: row.survey_key,
        templateId: row.template_id,
        templateVersion: row.template_version,
        templateHash: row.template_hash,
        open: row.open,
      };
      return record;
    },
    async listSurveys() {
      const { rows } = await client.query<{ survey_key: string }>(
        'select survey_key from kizuki_surveys order by survey_key',
      );
      return rows.map((r) => r.survey_key);
    },
    async setOpen(surveyKey, open) {
      await client.query('update kizuki_surveys set open = $2 where survey_key = $1', [surveyKey, open]);
    },
    async storeResponse({ surveyKey, response, codeHash, receipt }) {
      // One statement, so one round trip; the client resolves only after its implicit commit.
      const { rows } = await client.query<{
        outcome: StoreOutcome['status'];
        out_receipt: string | null;
        out_respondent: string | null;
        out_received_at: Date | string | null;
      }>('select * from kizuki_store_response($1, $2, $3, $4, $5)', [
        surveyKey,
        response.respondentId,
        receipt,
        codeHash ?? null,
        JSON.stringify(response),
      ]);
      const row = rows[0];
      if (row === undefined) throw new Error('kizuki: storing a response returned nothing');
      if (row.outcome === 'stored' || row.outcome === 'duplicate')
        return {
          status: row.outcome,
          receipt: toReceipt({
            receipt: row.out_receipt!,
            respondent_id: row.out_respondent!,
            received_at: row.out_received_at!,
          }),
        };
      return { status: row.outcome } as StoreOutcome;
    },
    async addInvitations(surveyKey, invitations) {
      let added = 0;
      const batch = 500;
      for (let start = 0; start < invitations.length; start += batch) {
        const slice = invitations.slice(start, start + batch);
        const { rows } = await client.query<{ code_hash: string }>(
          `insert into kizuki_invitations (survey_key, code_hash, stratum, disposition)
           select $1, * from unnest($2::text[], $3::text[], $4::text[])
           on conflict (survey_key, code_hash) do nothing
           returning code_hash`,
          [
            surveyKey,
            slice.map((i) => i.codeHash),
            slice.map((i) => i.stratum ?? ''),
            slice.map((i) => i.disposition ?? 'pending'),
          ],
        );
        added += rows.length;
      }
      return added;
    },
    async invitationState(surveyKey, codeHash) {
      const { rows } = await client.query<{ respondent_id: string | null }>(
        'select respondent_id from kizuki_invitations where survey_key = $1 and code_hash = $2',
        [surveyKey, codeHash],
      );
      if (rows[0] === undefined) return 'unknown';
      return rows[0].respondent_id === null ? 'open' : 'answered';
    },
    async setDisposition(surveyKey, codeHash, disposition) {
      // Only codes the rates can count enter the store, so live rates never meet an unknown one.
      if (disposition !== 'pending' && dispositionClass(disposition) === undefined)
        throw new RangeError(
          `kizuki: "${disposition}" is not an AAPOR disposition code or name (1.1, 2.11, complete, refusal …) / 「${disposition}」は AAPOR の結果コードでも名前でもありません`,
        );
      const { rows } = await client.query(
        `update kizuki_invitations set disposition = $3, updated_at = now()
         where survey_key = $1 and code_hash = $2 and respondent_id is null returning code_hash`,
        [surveyKey, codeHash, disposition],
      );
      return rows.length > 0;
    },
    async dispositionCounts(surveyKey) {
      const { rows } = await client.query<{ stratum: string; disposition: string; count: string | number }>(
        `select stratum, disposition, count(*) as count from kizuki_invitations
         where survey_key = $1 group by stratum, disposition order by stratum, disposition`,
        [surveyKey],
      );
      return rows.map(
        (r): DispositionCount => ({ stratum: r.stratum, disposition: r.disposition, count: Number(r.count) }),
      );
    },
    async saveDraft(surveyKey, codeHash, draft) {
      await client.query(
        `insert into kizuki_drafts (survey_key, code_hash, draft) values ($1, $2, $3)
         on conflict (survey_key, code_hash) do update set draft = excluded.draft, updated_at = now()`,
        [surveyKey, codeHash, JSON.stringify(draft)],
      );
    },
    async loadDraft(surveyKey, codeHash) {
      const { rows } = await client.query<{ draft: unknown }>(
        'select draft from kizuki_drafts where survey_key = $1 and code_hash = $2',
        [surveyKey, codeHash],
      );
      return rows[0]?.draft;
    },
    async countResponses(surveyKey) {
      const { rows } = await client.query<{ count: string | number }>(
        'select count(*) as count from kizuki_responses where survey_key = $1',
        [surveyKey],
      );
      return Number(rows[0]?.count ?? 0);
    },
    async *responses(surveyKey, pageSize = 1000) {
      // Keyset paging on the arrival sequence: stable while new responses arrive.
      let after = 0;
      for (;;) {
        const { rows } = await client.query<{ response: SurveyResponse; seq: string | number }>(
          `select response, seq from kizuki_responses where survey_key = $1 and seq > $2 order by seq limit $3`,
          [surveyKey, after, pageSize],
        );
        for (const row of rows) yield row.response;
        if (rows.length < pageSize) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },
    async addAdminToken(tokenHash) {
      await client.query('insert into kizuki_admin_tokens (token_hash) values ($1) on conflict do nothing', [
        tokenHash,
      ]);
    },
    async adminTokenHashes() {
      const { rows } = await client.query<{ token_hash: string }>(
        'select token_hash from kizuki_admin_tokens',
      );
      return rows.map((r) => r.token_hash);
    },
    close: () => client.close(),
  };
}
