#!/usr/bin/env node
// Runs one TypeScript script (benchmarks, training) with the same loader as `cchc`.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { silenceLibraryWarnings } from './quiet-warnings.mjs';
silenceLibraryWarnings();
const { register } = await import('tsx/esm/api');
register();
const [script, ...rest] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: run-ts.mjs SCRIPT.ts [args…]\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...rest];
await import(pathToFileURL(resolve(script)).href);
