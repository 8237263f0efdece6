/**
 * The frame of every signed-in page: who is signed in and the links this
 * user may follow. One function for every function that renders pages (the
 * api function, and source-preview's "Thử nguồn này" pages), so the
 * navigation is the same whichever Lambda answered.
 */
import { can } from '../auth/policy';
import { ROLE_NAMES_VI, type Principal } from '../auth/roles';
import type { Desk } from '../desks/config';
import type { PageChrome } from './html';
import { vi } from './strings';
import { viSubmissions } from './strings-submissions';
import { agenciesVi, tokensVi, usersVi } from './strings-admin';

/**
 * The page frame for `principal`: a link to each desk it may read and to
 * each section its role opens, and the CSRF token of its session (sign-out
 * form) or null for token callers.
 */
export function pageChrome(principal: Principal, desks: readonly Pick<Desk, 'id' | 'name' | 'editorRoles'>[], csrfToken: string | null): PageChrome {
  const links: PageChrome['links'] = [{ href: '/', label: vi.nav.stories }];
  for (const desk of desks) {
    if (can(principal, 'desk.read', { desk: { id: desk.id, editorRoles: desk.editorRoles } })) links.push({ href: `/desks/${desk.id}`, label: desk.name.split(' — ')[0]! });
  }
  if (can(principal, 'sources.read')) links.push({ href: '/sources', label: vi.nav.sources });
  if (principal.role === 'admin' || (principal.agencyId && can(principal, 'submissions.create', { agencyId: principal.agencyId }))) links.push({ href: '/submissions', label: viSubmissions.nav });
  if (can(principal, 'compliance.read', { agencyId: principal.agencyId })) links.push({ href: '/compliance', label: vi.nav.compliance });
  if (can(principal, 'digests.read')) links.push({ href: '/digests', label: vi.nav.digests });
  if (can(principal, 'outbox.read')) links.push({ href: '/outbox', label: vi.nav.outbox });
  if (can(principal, 'admin.agencies')) links.push({ href: '/agencies', label: agenciesVi.nav });
  if (can(principal, 'admin.users')) links.push({ href: '/users', label: usersVi.nav });
  if (can(principal, 'admin.tokens')) links.push({ href: '/tokens', label: tokensVi.nav });
  links.push({ href: '/health', label: vi.nav.health });
  return { userName: principal.name, roleName: ROLE_NAMES_VI[principal.role], links, csrfToken };
}
