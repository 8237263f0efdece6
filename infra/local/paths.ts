import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is infra/local/paths.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the local runtime keeps its data, so a restart keeps it. */
export const DATA_DIR = process.env.CCHC_DATA_DIR ? resolve(process.env.CCHC_DATA_DIR) : join(REPO_ROOT, '.cchc');

/** The local outbox: every e-mail the local runtime sends, as an `.eml` file. */
export const OUTBOX_DIR = join(DATA_DIR, 'outbox');

/** The file through which a running runtime tells commands where its stores are. */
export const RUNTIME_FILE = join(DATA_DIR, 'runtime.json');

/** The configuration files shipped with the repository. */
export const DEMO_CONFIG = join(REPO_ROOT, 'config', 'demo.json');
