import type { CommandIo } from './io';
import { CliError } from './io';
import { parseCommandArgs } from './args';
import { openLocalStores } from '../local/stores';
import { loadConfig } from '../../shared/config/load';
import { ApiTokenStore } from '../../shared/auth';
import { LocalUserStore } from '../../shared/users/local-directory';
import { DEMO_CONFIG } from '../local/paths';

const USAGE = 'usage: cchc token (issue --user USER_ID [--label TEXT] [--days N] | list | revoke TOKEN_ID) [--config FILE]\n';

/**
 * `cchc token`: API tokens for integrations on the local runtime, issued in
 * a local user's name (and role). The token is printed once; only its hash
 * is stored. Admins do the same on `/tokens`.
 */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const [action, ...rest] = argv;
  if (!action || action === '--help' || action === '-h') {
    io.stdout(USAGE);
    return action ? 0 : 2;
  }
  const tokenId = action === 'revoke' && rest[0] && !rest[0].startsWith('-') ? rest.shift() : undefined;
  const values = parseCommandArgs(rest, { user: { type: 'string' }, label: { type: 'string' }, days: { type: 'string' }, config: { type: 'string' } }, USAGE, io);
  if (!values) return 0;
  if (!['issue', 'list', 'revoke'].includes(action)) throw new CliError(`unknown action "${action}" — ${USAGE.trim()}`);
  const config = await loadConfig(values.config ?? DEMO_CONFIG).catch((error: Error) => {
    throw new CliError(error.message);
  });
  let expiresAt: Date | undefined;
  if (values.days !== undefined) {
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 3660) throw new CliError(`--days: expected a whole number of days from 1 to 3660, got ${values.days}`);
    expiresAt = new Date(Date.now() + days * 86_400_000);
  }
  if (action === 'issue' && !values.user) throw new CliError(`issue needs --user — ${USAGE.trim()}`);
  if (action === 'revoke' && !tokenId) throw new CliError(`revoke needs a token id (from "cchc token list") — ${USAGE.trim()}`);

  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) });
  try {
    // The local user store (issue 8): users invited on /users too, and never a disabled one.
    const user = values.user ? await new LocalUserStore(stores.clients, config.users ?? []).findForSignIn(values.user) : undefined;
    if (action === 'issue' && !user) throw new CliError(`no local user "${values.user}" (or the user is disabled or has not set a password yet)`);
    const tokens = new ApiTokenStore(stores.clients);
    if (action === 'issue') {
      const issued = await tokens.issue(
        { userId: user!.id, name: user!.name, role: user!.role, agencyId: user!.agencyId ?? null, label: values.label ?? 'cli', ...(expiresAt ? { expiresAt } : {}) },
        new Date(),
      );
      io.stdout(`${JSON.stringify({ token: issued.token, id: issued.info.id, userId: issued.info.userId, role: issued.info.role, expiresAt: issued.info.expiresAt })}\n`);
      io.stderr('Lưu token này ngay: nó chỉ hiện một lần (this token is shown once).\n');
    } else if (action === 'list') {
      for (const info of await tokens.list()) io.stdout(`${JSON.stringify(info)}\n`);
    } else {
      if (!(await tokens.revoke(tokenId!, new Date()))) throw new CliError(`no token with id ${tokenId}`, 1);
      io.stdout(`${JSON.stringify({ revoked: tokenId })}\n`);
    }
    return 0;
  } finally {
    await stores.stop();
  }
}
