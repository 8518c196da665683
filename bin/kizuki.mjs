#!/usr/bin/env node
// The kizuki command: a thin launcher for the built CLI (in a checkout, run `npm run build` first).
import { processIo, runCli } from '../dist/cli.js';

// Worker threads of `kizuki report` load the same built module.
const workerEntry = new URL('../dist/cli.js', import.meta.url).href;
process.exitCode = await runCli(process.argv.slice(2), { ...processIo(), workerEntry });
