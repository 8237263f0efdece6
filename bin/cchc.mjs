#!/usr/bin/env node
// Entry point of the `cchc` command. The product is TypeScript; tsx loads it
// directly so there is no build step between `npm ci` and `npx cchc`.
import { silenceLibraryWarnings } from './quiet-warnings.mjs';
silenceLibraryWarnings();
const { register } = await import('tsx/esm/api');
register();
await import('../infra/cli/main.ts');
