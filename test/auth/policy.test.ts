import { describe, expect, it } from 'vitest';
import { ACTIONS, ForbiddenError, POLICY, authorize, can, agencyScope, type Action } from '../../shared/auth/policy';
import { ROLES, makePrincipal, type Principal, type Role } from '../../shared/auth/roles';

const OWN = 'so-tu-phap';
const OTHER = 'so-noi-vu';

const principal = (role: Role): Principal =>
  makePrincipal({ userId: `u-${role}`, name: role, role, agencyId: role === 'agency' ? OWN : null, via: 'session' })!;

const newspaper = { desk: { id: 'newspaper', editorRoles: ['editor-newspaper'] } };
const tv = { desk: { id: 'tv', editorRoles: ['editor-tv'] } };
const portal = { desk: { id: 'portal', editorRoles: ['home-affairs', 'agency'] } };

const EDITORS: Role[] = ['editor-newspaper', 'editor-tv'];
const STAFF: Role[] = [...EDITORS, 'home-affairs', 'admin'];

/**
 * The expected permission table, written out independently of POLICY: for
 * each action, each resource case and the roles that must be allowed. Every
 * role not listed must be refused.
 */
const EXPECTED: Record<Action, Record<string, { resource: unknown; allowed: Role[] }>> = {
  'stories.read': {
    'own agency story': { resource: { agencyIds: [OTHER, OWN] }, allowed: [...STAFF, 'agency'] },
    "another agency's story": { resource: { agencyIds: [OTHER] }, allowed: STAFF },
    'story with no agencies': { resource: { agencyIds: [] }, allowed: STAFF },
    'no resource': { resource: undefined, allowed: STAFF },
  },
  'stories.list': {
    'own agency': { resource: { agencyId: OWN }, allowed: [...STAFF, 'agency'] },
    'another agency': { resource: { agencyId: OTHER }, allowed: STAFF },
    'all agencies': { resource: { agencyId: null }, allowed: STAFF },
  },
  'stories.label': { any: { resource: undefined, allowed: STAFF } },
  'desk.read': {
    newspaper: { resource: newspaper, allowed: STAFF },
    'no resource': { resource: undefined, allowed: STAFF },
  },
  'desk.edit': {
    newspaper: { resource: newspaper, allowed: ['editor-newspaper', 'admin'] },
    tv: { resource: tv, allowed: ['editor-tv', 'admin'] },
    'portal (names home-affairs and, wrongly, agency)': { resource: portal, allowed: ['home-affairs', 'admin'] },
    'malformed desk': { resource: { desk: {} }, allowed: ['admin'] },
  },
  'desk.plan': {
    newspaper: { resource: newspaper, allowed: ['editor-newspaper', 'admin'] },
    tv: { resource: tv, allowed: ['editor-tv', 'admin'] },
  },
  'sources.read': { any: { resource: undefined, allowed: STAFF } },
  'compliance.read': {
    'own agency row': { resource: { agencyId: OWN }, allowed: ['home-affairs', 'admin', 'agency'] },
    "another agency's row": { resource: { agencyId: OTHER }, allowed: ['home-affairs', 'admin'] },
    'every agency': { resource: { agencyId: null }, allowed: ['home-affairs', 'admin'] },
  },
  'compliance.mark': { any: { resource: undefined, allowed: ['home-affairs', 'admin'] } },
  'submissions.create': {
    'own agency': { resource: { agencyId: OWN }, allowed: ['agency', 'admin'] },
    'another agency': { resource: { agencyId: OTHER }, allowed: ['admin'] },
  },
  'admin.users': { any: { resource: undefined, allowed: ['admin'] } },
  'admin.tokens': { any: { resource: undefined, allowed: ['admin'] } },
  'admin.agencies': { any: { resource: undefined, allowed: ['home-affairs', 'admin'] } },
  'admin.sources': { any: { resource: undefined, allowed: ['admin'] } },
  'outbox.read': { any: { resource: undefined, allowed: ['admin'] } },
  'digests.read': { any: { resource: undefined, allowed: [...STAFF, 'agency'] } },
};

const cases = ACTIONS.flatMap((action) =>
  Object.entries(EXPECTED[action]).flatMap(([caseName, { resource, allowed }]) =>
    ROLES.map((role) => ({ role, action, caseName, resource, expected: allowed.includes(role) })),
  ),
);

describe('the permission table', () => {
  it('has an expected row for every action, and the policy a row for every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(POLICY).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(cases)('$role × $action ($caseName) → $expected', ({ role, action, resource, expected }) => {
    const p = principal(role);
    const check = can as (p: Principal, a: Action, r?: unknown) => boolean;
    expect(check(p, action, resource)).toBe(expected);
    const run = () => (authorize as (p: Principal, a: Action, r?: unknown) => void)(p, action, resource);
    if (expected) expect(run).not.toThrow();
    else expect(run).toThrow(ForbiddenError);
  });
});

describe('refusals', () => {
  it.each(ACTIONS)('anonymous may not %s', (action) => {
    expect((can as (p: null, a: Action, r?: unknown) => boolean)(null, action, { agencyIds: [OWN], agencyId: OWN, desk: newspaper.desk })).toBe(false);
  });

  it('refuses an agency principal that lost its agency, whatever the resource', () => {
    const broken = { ...principal('agency'), agencyId: null };
    expect(can(broken, 'stories.read', { agencyIds: [OWN] })).toBe(false);
    expect(can(broken, 'stories.list', { agencyId: null })).toBe(false);
    expect(can(broken, 'compliance.read', { agencyId: null })).toBe(false);
  });

  it('refuses unknown actions and roles instead of throwing', () => {
    expect((can as (p: Principal, a: string) => boolean)(principal('admin'), 'stories.delete')).toBe(false);
    expect((can as (p: Principal, a: string) => boolean)(principal('admin'), 'toString')).toBe(false);
    expect(can({ ...principal('admin'), role: 'root' as Role }, 'admin.users')).toBe(false);
  });

  it('throws a 403 with a Vietnamese message and an English detail naming only role and action', () => {
    try {
      authorize(principal('agency'), 'desk.read');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      const forbidden = error as ForbiddenError;
      expect(forbidden.status).toBe(403);
      expect(forbidden.message).toBe('Bạn không có quyền thực hiện thao tác này.');
      expect(forbidden.detail).toBe('forbidden: agency may not desk.read');
    }
    expect(() => authorize(null, 'stories.label')).toThrow(/không có quyền/);
  });
});

describe('principals and scopes', () => {
  it('builds principals only when role and agency fit', () => {
    expect(makePrincipal({ userId: 'a', name: 'A', role: 'agency', agencyId: null, via: 'session' })).toBeNull();
    expect(makePrincipal({ userId: 'a', name: 'A', role: 'agency', agencyId: 'Bad Id', via: 'session' })).toBeNull();
    expect(makePrincipal({ userId: 'a', name: 'A', role: 'admin', agencyId: OWN, via: 'session' })).toBeNull();
    expect(makePrincipal({ userId: 'a', name: 'A', role: 'superuser', via: 'session' })).toBeNull();
    expect(makePrincipal({ userId: 'a', name: '', role: 'editor-tv', via: 'token' })).toEqual({
      userId: 'a', name: 'a', role: 'editor-tv', agencyId: null, via: 'token',
    });
  });

  it('narrows an agency user to its agency and nobody else', () => {
    expect(agencyScope(principal('agency'))).toBe(OWN);
    for (const role of ROLES.filter((r) => r !== 'agency')) expect(agencyScope(principal(role))).toBeNull();
  });
});
