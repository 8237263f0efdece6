/** The local user store and the user admin against the real DynamoDB Local: seed, sign-in, invite, disable, reset. */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { DEMO_PASSWORDS, DEMO_USERS } from '../../infra/demo/users';
import type { AwsClients } from '../../shared/store/clients';
import { ApiTokenStore, SessionStore, createAuthenticator, type LocalUser } from '../../shared/auth';
import { LocalUserStore } from '../../shared/users/local-directory';
import { UserAdmin } from '../../shared/users/service';
import { UserDirectoryError } from '../../shared/users/directory';

const NOW = new Date('2026-11-23T03:00:00Z');
const seedUsers = DEMO_USERS as unknown as LocalUser[];

let clients: AwsClients;
let store: LocalUserStore;
let admin: UserAdmin;
let auth: ReturnType<typeof createAuthenticator>;

beforeAll(async () => {
  clients = await freshStores();
  store = new LocalUserStore(clients, seedUsers);
  auth = createAuthenticator({ clients, findUser: (id) => store.findForSignIn(id), secureCookies: false, rateLimits: { maxFailuresPerUser: 100, maxFailuresPerIp: 100 } });
  admin = new UserAdmin({ directory: store, sessions: new SessionStore(clients), tokens: new ApiTokenStore(clients), agencyExists: async (id) => id === 'so-tu-phap' });
});

const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;
const signedIn = async (setCookie: string) => auth.authenticate({ headers: { cookie: cookieOf(setCookie) } }, NOW);

describe('the local user store', () => {
  it('is seeded from the configuration, and the demo users sign in from the table', async () => {
    expect((await store.list()).map((user) => user.id).sort()).toEqual(DEMO_USERS.map((user) => user.id).sort());
    const result = await auth.signIn('Bao ', DEMO_PASSWORDS.bao, '127.0.0.1', NOW);
    expect(result.ok).toBe(true);
    // A second seed (a restart) leaves a changed user alone.
    await store.disable('truyenhinh');
    await new LocalUserStore(clients, seedUsers).seed(NOW);
    expect((await store.get('truyenhinh'))?.status).toBe('disabled');
    await store.enable('truyenhinh');
  });

  it('invites a user with a one-time link; they choose a password and sign in; the link works once', async () => {
    const { user, delivery } = await admin.invite({ id: 'CanBo-Moi', name: 'Cán bộ mới', email: 'canbo@sotuphap.example.gov.vn', role: 'agency', agencyId: 'so-tu-phap' }, NOW);
    expect(user).toMatchObject({ id: 'canbo-moi', status: 'invited', agencyId: 'so-tu-phap' });
    expect(delivery.kind).toBe('link');
    if (delivery.kind !== 'link') return;
    expect((await auth.signIn('canbo-moi', 'anything-at-all', '127.0.0.1', NOW)).ok).toBe(false);
    // A token one character off (the first: the last of 32 bytes in base64url is 'A' one time in 16).
    const oneOff = `${delivery.token.startsWith('A') ? 'B' : 'A'}${delivery.token.slice(1)}`;
    expect(await store.checkSetPasswordToken('canbo-moi', oneOff, NOW)).toBeNull();
    expect(await store.setPasswordWithToken('canbo-moi', delivery.token, 'mat-khau-moi-2026', NOW)).toBe(true);
    expect(await store.setPasswordWithToken('canbo-moi', delivery.token, 'mat-khau-khac-2026', NOW)).toBe(false);
    const result = await auth.signIn('canbo-moi', 'mat-khau-moi-2026', '127.0.0.1', NOW);
    expect(result.ok && result.principal).toMatchObject({ userId: 'canbo-moi', role: 'agency', agencyId: 'so-tu-phap' });
    expect((await store.get('canbo-moi'))?.status).toBe('active');
  });

  it('refuses bad invitations with Vietnamese messages', async () => {
    const refusal = (raw: unknown) => admin.invite(raw, NOW).then(() => null, (error: UserDirectoryError) => [error.code, error.message]);
    expect(await refusal({ id: 'bao', name: 'Trùng', role: 'editor-tv' })).toEqual(['exists', 'Tên đăng nhập “bao” đã có.']);
    expect(await refusal({ id: 'x1', name: 'Cán bộ', role: 'agency' })).toEqual(['invalid', 'Cán bộ cơ quan cần chọn cơ quan.']);
    expect(await refusal({ id: 'x2', name: 'Cán bộ', role: 'agency', agencyId: 'so-khong-co' })).toEqual(['invalid', 'Không có cơ quan mã “so-khong-co”.']);
    expect(await refusal({ id: 'x3', name: 'Biên tập', role: 'editor-tv', agencyId: 'so-tu-phap' })).toEqual(['invalid', 'Chỉ cán bộ cơ quan mới gắn với một cơ quan.']);
    expect(await refusal({ id: 'Tên có dấu', name: 'A', role: 'admin' })).toEqual(['invalid', expect.stringContaining('Tên đăng nhập')]);
    expect(await refusal({ id: 'x4', name: 'A', role: 'root' })).toEqual(['invalid', 'Vai trò không hợp lệ.']);
  });

  it('disabling ends the sessions and API tokens at once and refuses sign-in; enabling lets them sign in again', async () => {
    const session = await auth.signIn('truyenhinh', DEMO_PASSWORDS.truyenhinh, '127.0.0.1', NOW);
    if (!session.ok) throw new Error('sign-in failed');
    const tokens = new ApiTokenStore(clients);
    const { token } = await tokens.issue({ userId: 'truyenhinh', name: 'TV', role: 'editor-tv', agencyId: null, label: 'tích hợp' }, NOW);
    expect(await signedIn(session.setCookie)).not.toBeNull();
    await admin.disable('quantri', 'truyenhinh', NOW);
    expect(await signedIn(session.setCookie)).toBeNull();
    expect(await tokens.verify(token, NOW)).toBeNull();
    expect((await auth.signIn('truyenhinh', DEMO_PASSWORDS.truyenhinh, '127.0.0.1', NOW)).ok).toBe(false);
    await admin.enable('truyenhinh', NOW);
    expect((await auth.signIn('truyenhinh', DEMO_PASSWORDS.truyenhinh, '127.0.0.1', NOW)).ok).toBe(true);
  });

  it('never lets an admin disable themselves or the last active admin', async () => {
    await expect(admin.disable('quantri', 'quantri', NOW)).rejects.toMatchObject({ code: 'self', message: 'Bạn không thể tự khóa tài khoản của mình.' });
    const second = await admin.invite({ id: 'quantri2', name: 'Quản trị 2', role: 'admin' }, NOW);
    // An invited admin who has not chosen a password yet is not an active admin.
    await expect(admin.disable('quantri2', 'quantri', NOW)).rejects.toMatchObject({ code: 'last-admin' });
    if (second.delivery.kind === 'link') await store.setPasswordWithToken('quantri2', second.delivery.token, 'quan-tri-hai-2026', NOW);
    await admin.disable('quantri2', 'quantri', NOW);
    await expect(admin.disable('nobody', 'quantri2', NOW)).rejects.toMatchObject({ code: 'last-admin' });
    await admin.enable('quantri', NOW);
    await expect(admin.disable('quantri', 'khong-co', NOW)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('resetting a password stops the old one and ends sessions; a link expires after 72 hours', async () => {
    const session = await auth.signIn('noivu', DEMO_PASSWORDS.noivu, '127.0.0.1', NOW);
    if (!session.ok) throw new Error('sign-in failed');
    const delivery = await admin.resetPassword('noivu', NOW);
    expect(await signedIn(session.setCookie)).toBeNull();
    expect((await auth.signIn('noivu', DEMO_PASSWORDS.noivu, '127.0.0.1', NOW)).ok).toBe(false);
    if (delivery.kind !== 'link') throw new Error('expected a link');
    const late = new Date(NOW.getTime() + 72 * 3_600_000 + 1);
    expect(await store.setPasswordWithToken('noivu', delivery.token, 'noi-vu-moi-2026', late)).toBe(false);
    // A newer reset replaces the older link.
    const newer = await admin.resetPassword('noivu', NOW);
    expect(await store.setPasswordWithToken('noivu', delivery.token, 'noi-vu-moi-2026', NOW)).toBe(false);
    if (newer.kind === 'link') expect(await store.setPasswordWithToken('noivu', newer.token, 'noi-vu-moi-2026', NOW)).toBe(true);
    expect((await auth.signIn('noivu', 'noi-vu-moi-2026', '127.0.0.1', NOW)).ok).toBe(true);
  });
});
