/**
 * Rewrites config/demo.json from config/agencies.json and the demo site
 * modules: `npx tsx infra/demo/write-config.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../shared/config/load';
import { buildDemoConfig } from './config';

const registryPath = fileURLToPath(new URL('../../config/agencies.json', import.meta.url));
const demoPath = fileURLToPath(new URL('../../config/demo.json', import.meta.url));

const registry = JSON.parse(await readFile(registryPath, 'utf8'));
const demo = buildDemoConfig(registry);
parseConfig(demo);
await writeFile(demoPath, `${JSON.stringify(demo, null, 2)}\n`, 'utf8');
process.stdout.write(`wrote ${demoPath}: ${demo.agencies.length} agencies, ${demo.sources.length} sources\n`);
