// Counts how many rows of a CSV file of the residents' survey take the CLI's fast path (issue #16
// item 6; docs/performance.md, "CLI and reports"). Usage:
//   npx esbuild bench/fastRowsCount.ts --bundle --platform=node --format=esm --packages=external --outfile=bench/.fastRowsCount.mjs
//   node bench/.fastRowsCount.mjs FILE.csv; rm bench/.fastRowsCount.mjs
import { createReadStream } from 'node:fs';
import { compileFastRows } from '../src/cli/compileFastRows.js';
import { csvRecords } from '../src/io/csv/readResponsesCsv.js';
import { loadTemplate } from '../src/schema/index.js';
import { createAggregator } from '../src/scoring/index.js';
import { getTemplate } from '../src/templates/index.js';
import { createResponseValidator } from '../src/validate/index.js';

const survey = loadTemplate(getTemplate('bias-awareness-community')!);
const aggregator = createAggregator(survey, { by: ['sex', 'age_band'] });
const validate = createResponseValidator(survey, { locale: 'en' });
const counts = { tallied: 0, response: 0, rejected: 0, blank: 0, file: 0 };
const input = createReadStream(process.argv[2]!, { highWaterMark: 1 << 20 });
for await (const batch of csvRecords(survey, input, { validate }, compileFastRows(survey, aggregator))) {
  for (const record of batch) {
    counts[record.kind] += 1;
    if (record.kind === 'response') aggregator.add(record.response);
  }
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
