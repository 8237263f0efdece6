/**
 * Who a signed-in user is, as far as authorisation cares: one role, and for
 * an agency user the one agency it speaks for. Local sign-in, API tokens
 * and Cognito all end in the same {@link Principal}, so the policy never
 * needs to know how someone signed in.
 */

/** Every role, in the order the policy table and the tests list them. */
export const ROLES = ['editor-newspaper', 'editor-tv', 'home-affairs', 'agency', 'admin'] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** The roles that edit a desk (a desk's `editorRoles` names some of these). */
export const EDITOR_ROLES = ['editor-newspaper', 'editor-tv'] as const satisfies readonly Role[];

/** Role names as Vietnamese users read them (pages, the admin's user list). */
export const ROLE_NAMES_VI: Readonly<Record<Role, string>> = {
  'editor-newspaper': 'Biên tập viên Báo Bình Định',
  'editor-tv': 'Biên tập viên Đài Phát thanh và Truyền hình Bình Định',
  'home-affairs': 'Chuyên viên Sở Nội vụ',
  agency: 'Cán bộ cơ quan, đơn vị',
  admin: 'Quản trị hệ thống',
};

/**
 * A signed-in user. An `agency` principal always has an `agencyId`; every
 * other role has `null` (build one with {@link makePrincipal} to get that
 * checked).
 */
export interface Principal {
  /** Stable id: the local user's id, the Cognito username, or the token owner's id. */
  userId: string;
  /** Display name (Vietnamese). */
  name: string;
  role: Role;
  /** The agency an `agency` user speaks for; `null` for every other role. */
  agencyId: string | null;
  /** How this request proved who it is: a browser session cookie or a Bearer token. */
  via: 'session' | 'token';
}

/** True when `value` is one of {@link ROLES}. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Slugs as the configuration spells agency and user ids. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Builds a principal, or `null` when the role and agency do not fit together
 * (an agency user without a valid agency id, or another role with one).
 * Every source of principals goes through this, so the invariant holds
 * wherever a principal is seen.
 */
export function makePrincipal(input: {
  userId: string;
  name: string;
  role: string;
  agencyId?: string | null;
  via: Principal['via'];
}): Principal | null {
  if (!isRole(input.role) || !input.userId) return null;
  const agencyId = input.agencyId ?? null;
  if (input.role === 'agency') {
    if (agencyId === null || !SLUG_PATTERN.test(agencyId)) return null;
  } else if (agencyId !== null) {
    return null;
  }
  return { userId: input.userId, name: input.name || input.userId, role: input.role, agencyId, via: input.via };
}
