/**
 * THE authorisation module: who may do what. The api function calls it the
 * same way locally and in AWS; pages, the JSON API and the CLI never decide
 * on their own.
 *
 * The policy is data: for each action a list of grants, each naming roles
 * and a condition on the resource. A request is allowed when some grant
 * lists the principal's role and its condition holds. Nothing else — no
 * admin bypass hidden in code — so the table below is the whole truth and
 * the tests walk it role by role.
 */
import { ROLES, type Principal, type Role } from './roles';

/** Every action the application authorises. */
export const ACTIONS = [
  'stories.read',
  'stories.list',
  'stories.label',
  'desk.read',
  'desk.edit',
  'desk.plan',
  'sources.read',
  'compliance.read',
  'compliance.mark',
  'submissions.create',
  'admin.users',
  'admin.tokens',
  'admin.agencies',
  'admin.sources',
  'outbox.read',
  'digests.read',
] as const;

/** One of {@link ACTIONS}. */
export type Action = (typeof ACTIONS)[number];

/** What the policy needs to know about a desk: its id and the roles that edit it (from configuration). */
export interface DeskRef {
  id: string;
  editorRoles: readonly string[];
}

/**
 * The resource each action is decided on. `undefined` means the action is
 * about the application as a whole.
 */
export interface ActionResources {
  /** A story: the agencies that published it (its first publisher and the syndicated copies). */
  'stories.read': { agencyIds: readonly string[] };
  /** A listing of stories, filtered to one agency or (`null`) to none. */
  'stories.list': { agencyId: string | null };
  'stories.label': undefined;
  'desk.read': { desk: DeskRef } | undefined;
  'desk.edit': { desk: DeskRef };
  'desk.plan': { desk: DeskRef };
  'sources.read': undefined;
  /** The compliance view for one agency's row, or (`null`) for every agency. */
  'compliance.read': { agencyId: string | null };
  /** Sở Nội vụ's counted / not-counted mark on any story. */
  'compliance.mark': undefined;
  /** A submission on behalf of one agency. */
  'submissions.create': { agencyId: string };
  'admin.users': undefined;
  'admin.tokens': undefined;
  /** The agency registry: add, rename, kind, lead themes, contacts, mergers. */
  'admin.agencies': undefined;
  'admin.sources': undefined;
  'outbox.read': undefined;
  /** The weekly digest archive: province-wide news, for every signed-in role. */
  'digests.read': undefined;
}

/**
 * Conditions a grant can put on the resource, by name, so the table stays
 * data. Each receives the resource untyped and checks its shape itself: a
 * caller that passes the wrong thing is refused, never let through.
 */
const CONDITIONS = {
  /** No condition: the role alone decides. */
  any: () => true,
  /** The story was published by the principal's own agency. */
  'own-agency-story': (principal: Principal, resource: unknown) => {
    const ids = (resource as { agencyIds?: unknown } | undefined)?.agencyIds;
    return principal.agencyId !== null && Array.isArray(ids) && ids.includes(principal.agencyId);
  },
  /** The resource is the principal's own agency (never "all agencies"). */
  'own-agency': (principal: Principal, resource: unknown) => {
    const id = (resource as { agencyId?: unknown } | undefined)?.agencyId;
    return principal.agencyId !== null && id === principal.agencyId;
  },
  /** The desk's configuration names the principal's role among its editors. */
  'desk-editor': (principal: Principal, resource: unknown) => {
    const roles = (resource as { desk?: { editorRoles?: unknown } } | undefined)?.desk?.editorRoles;
    return Array.isArray(roles) && roles.includes(principal.role);
  },
} as const satisfies Record<string, (principal: Principal, resource: unknown) => boolean>;

/** The name of a condition in {@link CONDITIONS}. */
export type Condition = keyof typeof CONDITIONS;

/** One row of the policy: these roles may, when the condition holds. */
export interface Grant {
  roles: readonly Role[];
  when: Condition;
}

const STAFF = ['editor-newspaper', 'editor-tv', 'home-affairs', 'admin'] as const satisfies readonly Role[];
const EDITORS_AND_HOME_AFFAIRS = ['editor-newspaper', 'editor-tv', 'home-affairs'] as const satisfies readonly Role[];
const ADMIN_ONLY: readonly Grant[] = [{ roles: ['admin'], when: 'any' }];

// Editing a desk: admins always; otherwise whoever the desk's configuration
// names. Agency users are left out even if a desk named them by mistake:
// they speak for one agency and must not schedule everyone's stories.
const DESK_EDIT: readonly Grant[] = [
  { roles: ['admin'], when: 'any' },
  { roles: EDITORS_AND_HOME_AFFAIRS, when: 'desk-editor' },
];

/**
 * The permission table. Agency users never read desk queues (what other
 * agencies sent is not theirs to see); they follow their own stories'
 * desk status through `stories.read`.
 */
export const POLICY: Readonly<Record<Action, readonly Grant[]>> = {
  'stories.read': [
    { roles: STAFF, when: 'any' },
    { roles: ['agency'], when: 'own-agency-story' },
  ],
  'stories.list': [
    { roles: STAFF, when: 'any' },
    { roles: ['agency'], when: 'own-agency' },
  ],
  'stories.label': [{ roles: STAFF, when: 'any' }],
  'desk.read': [{ roles: STAFF, when: 'any' }],
  'desk.edit': DESK_EDIT,
  // Planning a slot writes the same entries as editing the desk by hand.
  'desk.plan': DESK_EDIT,
  'sources.read': [{ roles: STAFF, when: 'any' }],
  'compliance.read': [
    { roles: ['home-affairs', 'admin'], when: 'any' },
    { roles: ['agency'], when: 'own-agency' },
  ],
  // Only Sở Nội vụ (and admins) decide what counts: never an agency for itself.
  'compliance.mark': [{ roles: ['home-affairs', 'admin'], when: 'any' }],
  'submissions.create': [
    { roles: ['admin'], when: 'any' },
    { roles: ['agency'], when: 'own-agency' },
  ],
  'admin.users': ADMIN_ONLY,
  'admin.tokens': ADMIN_ONLY,
  // Sở Nội vụ keeps the registry of agencies it judges (issue 8); admins too.
  'admin.agencies': [{ roles: ['home-affairs', 'admin'], when: 'any' }],
  'admin.sources': ADMIN_ONLY,
  'outbox.read': ADMIN_ONLY,
  'digests.read': [{ roles: [...STAFF, 'agency'], when: 'any' }],
};

type ResourceArgs<A extends Action> = undefined extends ActionResources[A]
  ? [resource?: ActionResources[A]]
  : [resource: ActionResources[A]];

/**
 * May `principal` do `action` on `resource`? Anonymous (`null`) may do
 * nothing; an unknown action or role is refused.
 */
export function can<A extends Action>(principal: Principal | null | undefined, action: A, ...[resource]: ResourceArgs<A>): boolean {
  if (!principal || !(ROLES as readonly string[]).includes(principal.role)) return false;
  // An agency principal without its agency is malformed; refuse rather than guess.
  if (principal.role === 'agency' && !principal.agencyId) return false;
  const grants = Object.hasOwn(POLICY, action) ? POLICY[action] : undefined;
  if (!grants) return false;
  return grants.some((grant) => grant.roles.includes(principal.role) && CONDITIONS[grant.when](principal, resource));
}

/** Vietnamese for the user; the English detail is for logs and carries no data beyond role and action. */
export const FORBIDDEN_MESSAGE_VI = 'Bạn không có quyền thực hiện thao tác này.';

/** Thrown by {@link authorize}: the api function answers it with 403 and {@link ForbiddenError.message}. */
export class ForbiddenError extends Error {
  /** The HTTP status this error maps to. */
  readonly status = 403;
  /** `forbidden: <role> may not <action>` — safe to log, never shown as the user's message. */
  readonly detail: string;
  constructor(
    readonly action: Action,
    role: Role | null,
  ) {
    super(FORBIDDEN_MESSAGE_VI);
    this.name = 'ForbiddenError';
    this.detail = `forbidden: ${role ?? 'anonymous'} may not ${action}`;
  }
}

/** Like {@link can}, but throws {@link ForbiddenError} when refused; narrows the principal to non-null. */
export function authorize<A extends Action>(
  principal: Principal | null | undefined,
  action: A,
  ...resource: ResourceArgs<A>
): asserts principal is Principal {
  if (!can(principal, action, ...resource)) throw new ForbiddenError(action, principal?.role ?? null);
}

/**
 * The agency a story listing or compliance view must be narrowed to for
 * this principal: its own agency for an agency user, `null` (no narrowing)
 * for everyone else. Routes pass this as the filter and then ask {@link can}.
 */
export function agencyScope(principal: Principal): string | null {
  return principal.role === 'agency' ? principal.agencyId : null;
}
