import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { aaporRates, type ResponseRates } from '../../src/design/index.js';
import type { Template } from '../../src/schema/index.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { freePort } from '../helpers/freePort.js';
import { rateTable } from '../helpers/rateTable.js';

// The whole loop as a town hall runs it, with the built command and a real browser: draw a sample,
// serve the form (two surveys in one server), answer by keyboard from an invitation link, answer a
// used code again, lose the network at submit, then read the live rates and the report.
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/kizuki.mjs');
const work = mkdtempSync(join(tmpdir(), 'kizuki-e2e-'));
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const kizuki = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const text = (s: string) => ({ ja: s, en: s });
const template: Template = {
  id: 'town-e2e',
  version: '1.0.0',
  locales: ['ja', 'en'],
  title: { ja: '町の働き方調査', en: 'Town work survey' },
  provenance: { authors: ['test'] },
  licence: 'CC0-1.0',
  scales: {
    agree4: {
      options: [1, 2, 3, 4].map((code) => ({ code, label: text(`選択肢 ${code}`) })),
      favourable: [1, 2],
    },
  },
  sections: [
    {
      id: 's1',
      title: text('あなたについて'),
      questions: [
        {
          id: 'sex',
          type: 'single',
          label: text('性別'),
          options: [1, 2, 3].map((code) => ({ code, label: text(`性別 ${code}`) })),
        },
        { id: 'fair', type: 'likert', label: text('職場は公平だと思う'), scale: 'agree4' },
      ],
    },
  ],
};
writeFileSync(join(work, 'town.json'), JSON.stringify(template));
const frame = Array.from({ length: 60 }, (_, i) => ({ id: `P${i}`, district: i % 3 === 0 ? '北' : '南' }));
writeFileSync(join(work, 'frame.csv'), `${Papa.unparse(frame)}\n`);

/** Starts `kizuki serve` and resolves with its URL and admin token once it listens. */
function serve(args: string[]): Promise<{ url: string; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', ...args], { cwd: work });
    server = child;
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      const url = /http:\/\/[\d.]+:\d+/.exec(out)?.[0];
      const token = /トークン[^:]*: (\S+)/.exec(out)?.[1];
      if (url !== undefined && token !== undefined) resolve({ url, token });
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

/** The focused element, through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const input = a as HTMLInputElement | null;
    return {
      tag: a?.tagName.toLowerCase() ?? '',
      name: input?.name ?? '',
      text: (a?.textContent ?? '').trim(),
    };
  });

async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
  for (let i = 0; i < 60; i++) {
    if (match(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

/** Opens the invitation link and answers both questions by keyboard up to the review's submit button. */
async function fillByKeyboard(page: Page, url: string) {
  await page.goto(url);
  await page.locator('kizuki-survey input[type=radio]').first().waitFor();
  for (const name of ['sex', 'fair']) {
    await tabTo(page, (f) => f.name === name);
    await page.keyboard.press('Space');
  }
  await tabTo(page, (f) => f.tag === 'button' && f.text === '回答を確認する');
  await page.keyboard.press('Enter');
  await page.locator('kizuki-survey .kz-review').waitFor();
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'この内容で送信する');
}

describe.runIf(browserTestsRun)('a survey fielded end to end in Chromium', () => {
  it('sample → invitation link → keyboard → receipt; used code; offline submit; live rates; report', async () => {
    const drawn = kizuki(
      'sample',
      'frame.csv',
      '--size',
      '6',
      '--strata',
      'district',
      '--seed',
      'e2e',
      '--out',
      'draw',
    );
    expect(drawn.code, drawn.stderr).toBe(0);
    const invitations = Papa.parse<{ code: string; stratum: string }>(
      readFileSync(join(work, 'draw/invitations.csv'), 'utf8'),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(invitations).toHaveLength(6);
    const [first, second] = invitations as [
      { code: string; stratum: string },
      { code: string; stratum: string },
    ];

    const port = String(await freePort());
    const { url, token } = await serve([
      '--template',
      'town.json,workshop-feedback',
      '--data',
      'data',
      '--invitations',
      'town-e2e=draw/invitations.csv',
      '--invitation-only',
      '--port',
      port,
    ]);
    const admin = (path: string) =>
      fetch(`${url}/admin/town-e2e/${path}`, { headers: { authorization: `Bearer ${token}` } });
    // Both surveys are served, each under its own key.
    expect((await fetch(`${url}/s/workshop-feedback/`)).status).toBe(200);

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ locale: 'ja-JP' });
      const page = await context.newPage();
      const link = (code: string) => `${url}/s/town-e2e/?code=${code.toLowerCase()}`;

      await fillByKeyboard(page, link(first.code));
      await page.keyboard.press('Enter');
      await expect(page.locator('.kizuki-receipt').textContent()).resolves.toMatch(
        /^受付番号: [2-9A-Z]{12}$/,
      );

      // The same letter again: refused for good, in plain words, and nothing more stored.
      await fillByKeyboard(page, link(first.code));
      await page.keyboard.press('Enter');
      const refused = page.locator('kizuki-survey .kz-done[data-status=failure]');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('既に回答を受け付けています');

      // The network drops as the respondent submits: the answer waits on the device and goes when it returns.
      await fillByKeyboard(page, link(second.code));
      await context.setOffline(true);
      await page.keyboard.press('Enter');
      await page.locator('kizuki-survey .kz-done[data-status=failure]').waitFor();
      expect(((await (await admin('status')).json()) as { responses: number }).responses).toBe(1);
      await context.setOffline(false);
      await page.locator('.kizuki-receipt').waitFor({ timeout: 30_000 });
    } finally {
      await browser.close();
    }

    // Live rates by stratum, equal to kizuki/design on the same dispositions.
    const status = (await (await admin('status')).json()) as { responses: number; rates: ResponseRates };
    expect(status.responses).toBe(2);
    const completes = (stratum: string) => [first, second].filter((i) => i.stratum === stratum).length;
    for (const group of status.rates.breakdowns[0]!.groups) {
      const drawnHere = invitations.filter((i) => i.stratum === group.label).length;
      const expected = aaporRates({
        counts: { I: completes(group.label), UH: drawnHere - completes(group.label) },
      });
      expect(group.rates).toEqual(expected.rates);
    }
    expect(status.rates.overall.rates.RR1).toBeCloseTo(2 / 6, 12);

    // The admin export is what kizuki report reads.
    writeFileSync(join(work, 'export.jsonl'), await (await admin('export.jsonl')).text());
    const fromExport = kizuki(
      'report',
      'town.json',
      'export.jsonl',
      '--out',
      'export.html',
      '--min-group',
      '1',
    );
    expect(fromExport.code, fromExport.stderr).toBe(0);
    expect(fromExport.stdout).toContain('回答 2 件');
    // With the dispositions export beside it, the report shows the live rates too.
    writeFileSync(join(work, 'dispositions.csv'), await (await admin('dispositions.csv')).text());
    const withRates = kizuki(
      'report',
      'town.json',
      'export.jsonl',
      '--dispositions',
      'dispositions.csv',
      '--out',
      'export-rates.html',
      '--min-group',
      '1',
    );
    expect(withRates.code, withRates.stderr).toBe(0);
    const shownRates = rateTable(readFileSync(join(work, 'export-rates.html'), 'utf8'));
    const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
    // Row cells: cases, completes, e, RR1 …; the same figures as the live status.
    const shown = [
      { label: '全体', ...status.rates.overall },
      ...status.rates.breakdowns[0]!.groups.map((g) => ({ ...g, label: g.label })),
    ];
    expect(shown).toHaveLength(3); // overall, 北 and 南
    for (const group of shown) {
      expect(shownRates.get(group.label)?.slice(0, 4), group.label).toEqual([
        String(group.cases),
        String(group.counts.I),
        group.e === null ? '—' : group.e.toFixed(3),
        pct(group.rates.RR1),
      ]);
    }

    // A running server holds its PGlite folder: other commands refuse it instead of damaging it.
    const busy = kizuki('rates', '--data', 'data');
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('kizuki serve');

    // With the server stopped, report and rates read the store folder directly.
    const exited = new Promise((r) => server!.once('exit', r));
    server!.kill('SIGTERM');
    await exited;
    const rates = kizuki('rates', '--data', 'data', '--survey', 'town-e2e', '--json');
    expect(rates.code, rates.stderr).toBe(0);
    expect((JSON.parse(rates.stdout) as ResponseRates).overall).toEqual(status.rates.overall);
    const fromStore = kizuki(
      'report',
      'town.json',
      '--data',
      'data',
      '--out',
      'store.html',
      '--min-group',
      '1',
    );
    expect(fromStore.code, fromStore.stderr).toBe(0);
    expect(fromStore.stdout).toContain('回答 2 件');
    // Read from the store, the report carries the same live rates as from the export.
    expect(rateTable(readFileSync(join(work, 'store.html'), 'utf8'))).toEqual(shownRates);
  }, 240_000);
});
