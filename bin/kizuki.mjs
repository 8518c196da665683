#!/usr/bin/env node
// The kizuki command. For now it checks templates and summarises them; the full CLI comes later.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatPath, localeCompleteness, parseTemplate } from '../dist/schema.js';

const args = process.argv.slice(2);
const lang = args.includes('--lang') ? args[args.indexOf('--lang') + 1] : 'ja';
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--lang');
const usage =
  lang === 'en'
    ? 'Usage: kizuki [--lang ja|en] TEMPLATE.json|DIRECTORY ...\nChecks each template and prints a summary. Exit code 0: all valid, 1: some invalid, 2: usage error.'
    : '使い方: kizuki [--lang ja|en] テンプレート.json|フォルダ ...\n各テンプレートを検査し、概要を表示します。終了コード 0: すべて有効、1: 無効なものあり、2: 使い方の誤り';
if (args.includes('--help') || files.length === 0) {
  console.log(usage);
  process.exit(files.length === 0 && !args.includes('--help') ? 2 : 0);
}
if (lang !== 'ja' && lang !== 'en') {
  console.error(usage);
  process.exit(2);
}

const expand = (path) => {
  try {
    return readdirSync(path)
      .filter((f) => f.endsWith('.json') && f !== 'schema.json')
      .sort()
      .map((f) => join(path, f));
  } catch {
    return [path];
  }
};

let failed = 0;
for (const file of files.flatMap(expand)) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`✗ ${file}: ${error.message}`);
    failed += 1;
    continue;
  }
  const result = parseTemplate(text, { locale: lang });
  if (!result.success) {
    failed += 1;
    console.log(`✗ ${basename(file)}`);
    for (const issue of result.issues) console.log(`    ${formatPath(issue.path)}: ${issue.message}`);
    continue;
  }
  const { template, hash, conditions } = result.survey;
  const questions = template.sections.flatMap((s) => s.questions);
  const byType = {};
  for (const q of questions) byType[q.type] = (byType[q.type] ?? 0) + 1;
  const items = questions.reduce((n, q) => n + (q.type === 'matrix' ? q.items.length : 0), 0);
  const completeness = localeCompleteness({ template })
    .map((c) => `${c.locale} ${Math.round(c.ratio * 100)}%`)
    .join(', ');
  console.log(`✓ ${template.id}@${template.version}  ${template.title[lang] ?? template.title.ja}`);
  console.log(
    `    ${template.sections.length} sections, ${questions.length} questions (${Object.entries(byType)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}), ${items} matrix items`,
  );
  console.log(
    `    ${template.scores?.length ?? 0} scores, ${template.benchmarks?.length ?? 0} benchmarks, ${conditions.length} conditional, locales: ${completeness}`,
  );
  console.log(`    ${hash.slice(0, 23)}…`);
}
process.exit(failed > 0 ? 1 : 0);
