/**
 * The Cognito user directory with the real SDK client against a fake
 * Cognito on loopback (test/users/fake-cognito.ts), and the user admin over
 * it: the same operations and guards as the local store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ROLES } from '../../shared/auth/roles';
import { CognitoUserDirectory } from '../../shared/users/cognito-directory';
import { UserAdmin } from '../../shared/users/service';
import { startFakeCognito, type FakeCognito } from './fake-cognito';

const POOL = 'ap-southeast-1_TestPool1';
const NOW = new Date('2026-11-23T03:00:00Z');

let fake: FakeCognito;
let directory: CognitoUserDirectory;
let admin: UserAdmin;
const ended: string[] = [];
const revoked: string[] = [];

beforeAll(async () => {
  fake = await startFakeCognito(POOL, [...ROLES, 'agency:so-tu-phap']);
  const client = new CognitoIdentityProviderClient({ region: 'ap-southeast-1', endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
  directory = new CognitoUserDirectory(client, POOL);
  admin = new UserAdmin({
    directory,
    sessions: { destroyForUser: async (id) => (ended.push(id), 0) },
    tokens: { list: async () => [], revoke: async (id) => (revoked.push(id), true) },
    agencyExists: async (id) => id === 'so-tu-phap',
  });
});

afterAll(() => fake?.close());

describe('the Cognito user directory', () => {
  let adminId = '';
  let agencyUserId = '';

  it('invites by e-mail: the user is created with Cognito sending the invitation, and put in the role and agency groups', async () => {
    const first = await admin.invite({ name: 'Quản trị', email: 'quantri@binhdinh.example.gov.vn', role: 'admin' }, NOW);
    adminId = first.user.id;
    const { user, delivery } = await admin.invite({ name: 'Cán bộ Sở Tư pháp', email: 'canbo@sotuphap.example.gov.vn', role: 'agency', agencyId: 'so-tu-phap' }, NOW);
    agencyUserId = user.id;
    expect(user).toMatchObject({ email: 'canbo@sotuphap.example.gov.vn', role: 'agency', agencyId: 'so-tu-phap', status: 'invited' });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivery).toEqual({ kind: 'email', email: 'canbo@sotuphap.example.gov.vn' });
    const create = fake.calls.find((call) => call.op === 'AdminCreateUser' && call.input.Username === 'canbo@sotuphap.example.gov.vn')!;
    expect(create.input).toMatchObject({ DesiredDeliveryMediums: ['EMAIL'], UserAttributes: expect.arrayContaining([{ Name: 'name', Value: 'Cán bộ Sở Tư pháp' }, { Name: 'email_verified', Value: 'true' }]) });
    expect([...fake.users.get(agencyUserId)!.groups].sort()).toEqual(['agency', 'agency:so-tu-phap']);
  });

  it('lists users with their role and agency read from the groups (paginated), and gets one', async () => {
    const users = await admin.list();
    expect(users.map((user) => [user.email, user.role, user.agencyId, user.status]).sort()).toEqual([
      ['canbo@sotuphap.example.gov.vn', 'agency', 'so-tu-phap', 'invited'],
      ['quantri@binhdinh.example.gov.vn', 'admin', null, 'invited'],
    ]);
    expect(await admin.get(agencyUserId)).toMatchObject({ name: 'Cán bộ Sở Tư pháp', role: 'agency' });
    expect(await admin.get('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('refuses a taken e-mail, a missing e-mail and an unknown agency', async () => {
    await expect(admin.invite({ name: 'Lại', email: 'canbo@sotuphap.example.gov.vn', role: 'editor-tv' }, NOW)).rejects.toMatchObject({ code: 'exists' });
    await expect(admin.invite({ id: 'khong-email', name: 'Không thư', role: 'editor-tv' }, NOW)).rejects.toMatchObject({ code: 'invalid', message: 'Cần địa chỉ thư điện tử (Cognito gửi thư mời tới đó).' });
    await expect(admin.invite({ name: 'A', email: 'a@example.gov.vn', role: 'agency', agencyId: 'so-khac' }, NOW)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('disables (ending our sessions of the user) and enables; resets the password through Cognito', async () => {
    // Cognito marks invited users FORCE_CHANGE_PASSWORD: make the admin active, as after their first sign-in.
    fake.users.get(adminId)!.status = 'CONFIRMED';
    await admin.disable(adminId, agencyUserId, NOW);
    expect(fake.users.get(agencyUserId)!.enabled).toBe(false);
    expect(ended).toContain(agencyUserId);
    expect((await admin.get(agencyUserId))?.status).toBe('disabled');
    await admin.enable(agencyUserId, NOW);
    expect(fake.users.get(agencyUserId)!.enabled).toBe(true);
    expect(await admin.resetPassword(agencyUserId, NOW)).toEqual({ kind: 'email', email: 'canbo@sotuphap.example.gov.vn' });
    expect(fake.users.get(agencyUserId)!.status).toBe('RESET_REQUIRED');
    await expect(admin.resetPassword('00000000-0000-0000-0000-000000000000', NOW)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses disabling oneself and the last active admin', async () => {
    await expect(admin.disable(adminId, adminId, NOW)).rejects.toMatchObject({ code: 'self' });
    await expect(admin.disable(agencyUserId, adminId, NOW)).rejects.toMatchObject({ code: 'last-admin' });
    expect(fake.users.get(adminId)!.enabled).toBe(true);
  });
});
