import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import {
  csvLayout,
  responsesToCsv,
  responsesToJsonl,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from '../../src/io/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { getTemplate, listTemplates } from '../../src/templates/index.js';
import { builtCli } from '../helpers/builtCli.js';

// These tests run the built command, as users do; test/buildForCli.ts (global setup) keeps dist/ current.
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/io', name);
const golden = (name: string) => readFileSync(join(root, 'test/golden', name), 'utf8');
const { work, kizuki } = builtCli('cli');

const COMMANDS = ['templates', 'validate', 'print', 'report', 'anonymise', 'export', 'demo'];

describe('kizuki (built command)', () => {
  it('shows help for the command and for every subcommand, in Japanese or English', () => {
    const main = kizuki('--help');
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('使い方: kizuki <コマンド> [オプション]');
    expect(main.stdout).toContain(
      '終了コード: 0 成功 / 1 入力やデータに問題あり / 2 使い方の誤り / 3 ファイルの読み書きの失敗',
    );
    for (const command of COMMANDS) {
      const ja = kizuki(command, '--help');
      expect(ja.code, command).toBe(0);
      expect(ja.stdout).toContain(`使い方: kizuki ${command}`);
      const en = kizuki(command, '-h', '--lang', 'en');
      expect(en.code, command).toBe(0);
      expect(en.stdout).toContain(`Usage: kizuki ${command}`);
    }
  });

  it('exits with 2 on usage errors and says what is wrong', () => {
    const none = kizuki();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('使い方: kizuki');
    const unknown = kizuki('frobnicate', '--lang', 'en');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no command "frobnicate".');
    const missing = kizuki('report', 'example-all-features', '--lang', 'en');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Please give RESPONSES.');
    expect(kizuki('print', 'example-all-features', '--colour').code).toBe(2);
    expect(kizuki('templates', '--lang', 'fr').stderr).toContain('--lang には ja か en を指定してください');
    expect(kizuki('anonymise', 'example-all-features', 'x.csv', '--out', 'y.csv', '--k', 'five').code).toBe(
      2,
    );
    const template = kizuki('print', 'no-such-template');
    expect(template.code).toBe(2);
    expect(template.stderr).toContain('「no-such-template」という組み込みテンプレートはありません');
  });

  it('lists the built-in templates', () => {
    const ids = listTemplates().map((t) => t.id);
    const text = kizuki('templates');
    expect(text.code).toBe(0);
    for (const id of ids) expect(text.stdout).toContain(id);
    const json = JSON.parse(kizuki('templates', '--json').stdout) as { id: string }[];
    expect(json.map((t) => t.id)).toEqual(ids);
  });

  it('validates templates: valid (0), invalid with every issue and its path (1), unreadable (3)', () => {
    const valid = kizuki('validate', join(root, 'templates/example-all-features.json'), '--lang', 'en');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain(
      '✓ Template example-all-features 1.0.0 "Feature sampler questionnaire" is valid.',
    );
    const invalid = kizuki('validate', fixture('invalid-template.json'), '--lang', 'en');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/invalid-template\.json sections\[0\]\.questions\[1\]\.options: /);
    const gone = kizuki('validate', 'nothing-here.json', '--lang', 'en');
    expect(gone.code).toBe(3);
    expect(gone.stderr).toContain('Cannot read nothing-here.json: ENOENT');
  });

  it('reads a UTF-8 CSV with a BOM and the same file in Shift_JIS, labels mapped to codes', () => {
    const bom = kizuki('validate', fixture('example-bom.csv'), '--template', 'example-all-features');
    expect(bom.code).toBe(0);
    expect(bom.stdout).toContain('3 件の回答すべてに問題はありません');
    const text = readFileSync(fixture('example-bom.csv'), 'utf8').replace(/^\uFEFF/, '');
    writeFileSync(join(work, 'sjis.csv'), iconv.encode(text, 'cp932'));
    const sjis = kizuki('validate', 'sjis.csv', '--template', 'example-all-features', '--lang', 'en');
    expect(sjis.code).toBe(0);
    expect(sjis.stdout).toContain('all 3 responses are valid');
    // Forcing the wrong encoding makes the Japanese labels unreadable, and every row says so.
    const wrong = kizuki('validate', 'sjis.csv', '--template', 'example-all-features', '--encoding', 'utf-8');
    expect(wrong.code).toBe(1);
  });

  it('reports every bad row of a CSV with its line, row, path and reason (exit 1)', () => {
    const result = kizuki(
      'validate',
      fixture('example-bad-rows.csv'),
      '--template',
      'example-all-features',
      '--lang',
      'en',
    );
    expect(result.code).toBe(1);
    const lines = result.stdout
      .split('\n')
      .filter((l) => l.startsWith('  ✗'))
      .map((l) => /line (\d+) \(row (\d+)\) (\S*)/.exec(l)!.slice(1, 4).join(' '));
    expect(lines).toEqual([
      '3 2 answers.sex:',
      '4 3 answers.age:',
      '6 5 answers.age:',
      '7 6 answers.arrangements:',
      '9 8 answers.why_leave:',
      '10 9 respondentId:',
      '11 10 answers.arrangements:',
      '12 11 The',
    ]);
    expect(result.stdout).toContain('Read 11 rows: 3 valid, 8 with problems.');
    expect(result.stderr).toContain('Skipped 1 empty row.');
    expect(result.stderr).toContain(
      'These columns are missing, so their answers count as unanswered: email, children',
    );
  });

  it('reads JSON Lines as well, reporting bad lines by number', () => {
    const survey = loadTemplate(getTemplate('example-all-features')!);
    const lines = responsesToJsonl(synthesiseResponses(survey, { n: 12, seed: 2 })).split('\n');
    lines.splice(3, 0, '{"not": "a response"}');
    writeFileSync(join(work, 'answers.jsonl'), lines.join('\n'));
    const result = kizuki('validate', 'answers.jsonl', '--template', 'example-all-features', '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('answers.jsonl line 4 (row 4) templateId: Expected a string');
    expect(result.stdout).toContain('Read 13 rows: 12 valid, 1 with problems.');
    const report = kizuki('report', 'example-all-features', 'answers.jsonl', '--out', 'jsonl.html');
    expect(report.stdout).toContain('（回答 12 件）');
  });

  it('writes the codebook, SPSS syntax and CSV header (the codebook and SPSS match the golden files)', () => {
    const codebook = kizuki('export', 'example-all-features', '--format', 'codebook');
    expect(codebook.code).toBe(0);
    expect(codebook.stdout).toBe(golden('codebook.example-all-features.csv'));
    const spss = kizuki('export', 'bias-awareness-community', '--format', 'spss');
    expect(spss.stdout).toBe(golden('spss.bias-awareness-community.ja.sps'));
    expect(kizuki('export', 'example-all-features', '--format', 'codebook-md', '--lang', 'en').stdout).toBe(
      golden('codebook.example-all-features.en.md'),
    );
    const header = kizuki('export', 'example-all-features', '--format', 'csv-header');
    const survey = loadTemplate(getTemplate('example-all-features')!);
    expect(header.stdout).toBe(
      `${csvLayout(survey)
        .map((c) => c.name)
        .join(',')}\r\n`,
    );
    const toFile = kizuki(
      'export',
      'example-all-features',
      '--format',
      'codebook',
      '--out',
      'cb/codebook.csv',
    );
    expect(toFile.code).toBe(0);
    expect(readFileSync(join(work, 'cb/codebook.csv'), 'utf8')).toBe(
      `\uFEFF${golden('codebook.example-all-features.csv')}`,
    );
    expect(kizuki('export', 'example-all-features', '--format', 'pdf').code).toBe(2);
  });

  it('prints the paper questionnaire', () => {
    const result = kizuki('print', 'example-all-features', '--out', 'q/questionnaire.html', '--lang', 'en');
    expect(result.code).toBe(0);
    const html = readFileSync(join(work, 'q/questionnaire.html'), 'utf8');
    expect(html).toContain('Only for those who answered 1 (Male) in Q2 and more than 0 in Q4.');
  });

  it('makes a report, leaving out bad rows and saying so (exit 1), without a progress bar off a terminal', () => {
    const good = kizuki(
      'report',
      'example-all-features',
      fixture('example-bom.csv'),
      '--by',
      'sex',
      '--out',
      'r1.html',
    );
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('報告書を書き出しました: r1.html（回答 3 件）');
    expect(good.stderr).not.toContain('\r');
    const html = readFileSync(join(work, 'r1.html'), 'utf8');
    expect(html).toContain('<h1>機能見本アンケート — 集計報告書</h1>');
    const bad = kizuki(
      'report',
      'example-all-features',
      fixture('example-bad-rows.csv'),
      '--out',
      'r2.html',
      '--lang',
      'en',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 3 (row 2) answers.sex');
    expect(bad.stderr).toContain('Rows with problems are not included in the tally.');
    expect(readFileSync(join(work, 'r2.html'), 'utf8')).toContain(
      '<th scope="row">Responses tallied</th><td>3</td>',
    );
    expect(kizuki('report', 'example-all-features', fixture('example-bom.csv'), '--by', 'age').code).toBe(2);
  });

  it('gives the same report from worker threads as from one thread', () => {
    const survey = loadTemplate(getTemplate('example-all-features')!);
    const responses = synthesiseResponses(survey, { n: 400, seed: 11 });
    writeFileSync(join(work, 'many.csv'), responsesToCsv(survey, responses, { bom: true, labels: true }));
    const one = kizuki(
      'report',
      'example-all-features',
      'many.csv',
      '--by',
      'sex',
      '--out',
      'one.html',
      '--jobs',
      '1',
    );
    const three = kizuki(
      'report',
      'example-all-features',
      'many.csv',
      '--by',
      'sex',
      '--out',
      'three.html',
      '--jobs',
      '3',
    );
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(one.stderr).not.toContain('スレッド');
    expect(three.stderr).toContain('3 スレッドで並行して読み込みます。');
    expect(readFileSync(join(work, 'three.html'), 'utf8')).toBe(readFileSync(join(work, 'one.html'), 'utf8'));
  });

  it('cuts a file for threads only outside quoted cells with line breaks', () => {
    const survey = loadTemplate(getTemplate('bias-awareness-community')!);
    const responses = synthesiseResponses(survey, { n: 400, seed: 13 }).map((r, i) =>
      i % 3 === 0 ? r : { ...r, answers: { ...r.answers, comments: 'one line,\ntwo "lines"\nthree' } },
    );
    writeFileSync(join(work, 'multi.csv'), responsesToCsv(survey, responses, { bom: true }));
    const run = (jobs: string) =>
      kizuki(
        'report',
        'bias-awareness-community',
        'multi.csv',
        '--by',
        'sex',
        '--out',
        `multi${jobs}.html`,
        '--jobs',
        jobs,
      );
    const one = run('1');
    const four = run('4');
    expect(one.code).toBe(0);
    expect(four.code).toBe(0);
    expect(four.stderr).toContain('4 スレッドで並行して読み込みます。');
    expect(readFileSync(join(work, 'multi4.html'), 'utf8')).toBe(
      readFileSync(join(work, 'multi1.html'), 'utf8'),
    );
  });

  it('reads again in one thread when the same respondent id is in two slices, so the first occurrence wins', () => {
    const survey = loadTemplate(getTemplate('example-all-features')!);
    const responses = synthesiseResponses(survey, { n: 400, seed: 12 });
    // The last response repeats the first one's id: the slices read in parallel cannot tell which comes first.
    responses[399] = { ...responses[399]!, respondentId: responses[0]!.respondentId };
    writeFileSync(join(work, 'dup.csv'), responsesToCsv(survey, responses, { bom: true }));
    const run = (jobs: string) =>
      kizuki(
        'report',
        'example-all-features',
        'dup.csv',
        '--by',
        'sex',
        '--out',
        `dup${jobs}.html`,
        '--jobs',
        jobs,
      );
    const one = run('1');
    const two = run('2');
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('2 スレッドで並行して読み込みます。');
    expect(two.stderr).toContain(
      '別々のスレッドで読んだ部分に同じ回答者IDがあったため、1スレッドで読み直します。',
    );
    // After the notice, the same problems as one pass: the later occurrence (line 401) is the one rejected.
    expect(one.stderr).toContain('dup.csv 401行目（400件目） respondentId:');
    expect(two.stderr.endsWith(one.stderr)).toBe(true);
    expect(readFileSync(join(work, 'dup2.html'), 'utf8')).toBe(readFileSync(join(work, 'dup1.html'), 'utf8'));
  });

  it('anonymises responses with an audit log, and refuses fewer responses than k (exit 1)', () => {
    const survey = loadTemplate(getTemplate('example-all-features')!);
    writeFileSync(
      join(work, 'sample.csv'),
      responsesToCsv(survey, synthesiseResponses(survey, { n: 80, seed: 5 })),
    );
    const result = kizuki(
      'anonymise',
      'example-all-features',
      'sample.csv',
      '--k',
      '5',
      '--out',
      'anon.csv',
      '--lang',
      'en',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote 80 anonymised responses: anon.csv (k = 5)');
    const anonymised = readFileSync(join(work, 'anon.csv'), 'utf8');
    expect(anonymised.startsWith('\uFEFFrespondentId,')).toBe(true);
    expect(anonymised).not.toContain('startedAt');
    const audit = JSON.parse(readFileSync(join(work, 'anon.csv.audit.json'), 'utf8')) as {
      k: number;
      smallestClass: number;
    };
    expect(audit.k).toBe(5);
    expect(audit.smallestClass).toBeGreaterThanOrEqual(5);
    const tooFew = kizuki(
      'anonymise',
      'example-all-features',
      fixture('example-bom.csv'),
      '--k',
      '5',
      '--out',
      'x.csv',
    );
    expect(tooFew.code).toBe(1);
    expect(kizuki('anonymise', 'example-all-features', 'sample.csv').code).toBe(2);
  });

  it('runs the demo: questionnaire, responses, anonymised responses and report, the same for the same seed', () => {
    const first = kizuki('demo', '--n', '80', '--seed', '3', '--out', 'demo1');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('架空の回答 約80 件（乱数の種 3）');
    for (const file of [
      'questionnaire.html',
      'responses.csv',
      'anonymised.csv',
      'anonymised.csv.audit.json',
      'report.html',
    ]) {
      expect(first.stdout).toContain(join(work, 'demo1', file));
      expect(existsSync(join(work, 'demo1', file))).toBe(true);
    }
    expect(kizuki('demo', '--n', '80', '--seed', '3', '--out', 'demo2').code).toBe(0);
    for (const file of ['questionnaire.html', 'responses.csv', 'report.html']) {
      expect(readFileSync(join(work, 'demo2', file), 'utf8')).toBe(
        readFileSync(join(work, 'demo1', file), 'utf8'),
      );
    }
    // The responses it writes are valid input for the other commands.
    const check = kizuki('validate', 'demo1/responses.csv', '--template', 'bias-awareness-community');
    expect(check.code).toBe(0);
  });
});

describe('kizuki with FHIR responses', () => {
  it('validate and report take a Bundle (.json) with --template and list every rejected entry', () => {
    writeFileSync(join(work, 'bundle.json'), JSON.stringify(fhirBundle()));
    writeFileSync(join(work, 'one.json'), JSON.stringify(fhirBundle().entry[2]!.resource));
    const result = kizuki('validate', 'bundle.json', '--template', 'example-all-features', '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'bundle.json line 1 (row 6) entry[6].resource.item[0].item[0].answer: The answer to linkId "no_such_item" could not be imported: no item has that linkId',
    );
    expect(result.stdout).toContain(
      'bundle.json line 1 (row 7) entry[7].resource: The answer to linkId "(resource)" could not be imported: it is not a QuestionnaireResponse',
    );
    expect(result.stdout).toContain('Read 7 rows: 5 valid, 2 with problems.');
    const one = kizuki('validate', 'one.json', '--template', 'example-all-features', '--lang', 'en');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('one.json: all 1 responses are valid.');
    const report = kizuki('report', 'example-all-features', 'bundle.json', '--out', 'fhir.html');
    expect(report.stdout).toContain('（回答 5 件）');
  });
});

/** A Bundle as FHIR servers return it: the Questionnaire, five good responses, a bad one, a Patient. */
function fhirBundle() {
  const survey = loadTemplate(getTemplate('example-all-features')!);
  const resources = synthesiseResponses(survey, { n: 5, seed: 3 }).map(
    (r) => toFhirQuestionnaireResponse(survey, r).questionnaireResponse as unknown as Record<string, unknown>,
  );
  const broken = JSON.parse(JSON.stringify(resources[0]));
  broken.item[0].item[0].linkId = 'no_such_item';
  return {
    resourceType: 'Bundle',
    entry: [
      { resource: toFhirQuestionnaire(survey).questionnaire as unknown as Record<string, unknown> },
      ...resources.map((resource) => ({ resource })),
      { resource: broken },
      { resource: { resourceType: 'Patient', id: 'p1' } },
    ],
  };
}
