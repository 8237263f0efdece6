/**
 * The digest's recipients come from the user directory at each run: a user
 * invited on /users gets the next digest, a disabled one does not. Against
 * the local user store in DynamoDB Local, and the real Cognito SDK client
 * against a fake pool on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoRoleMembers, recipientsFromDirectory } from '../../shared/digest/directory-recipients';
import type { DigestConfig } from '../../shared/digest/config';
import { LocalUserStore } from '../../shared/users/local-directory';
import { CognitoUserDirectory } from '../../shared/users/cognito-directory';
import { freshStores } from '../support/stores';
import { startFakeCognito, type FakeCognito } from '../users/fake-cognito';

const config: DigestConfig = { recipients: { roles: ['editor-newspaper', 'home-affairs'], emails: ['LanhDao@BinhDinh.gov.vn'] } };
const now = new Date('2026-11-23T03:00:00Z');

describe('digest recipients from the local user store', () => {
  it('follows invitations and disabling, with the listed addresses last and each once', async () => {
    const users = new LocalUserStore(await freshStores(), [
      { id: 'bao', name: 'Biên tập Báo', role: 'editor-newspaper', agencyId: null, passwordHash: 'scrypt$x', email: 'bao@example.vn' },
      { id: 'sotuphap', name: 'Sở Tư pháp', role: 'agency', agencyId: 'so-tu-phap', passwordHash: 'scrypt$x', email: 'stp@example.vn' },
    ]);
    expect(recipientsFromDirectory(config, await users.list())).toEqual(['bao@example.vn', 'lanhdao@binhdinh.gov.vn']);
    await users.invite({ id: 'noivu2', name: 'Chuyên viên Nội vụ', role: 'home-affairs', agencyId: null, email: 'NoiVu2@example.vn' }, now);
    expect(recipientsFromDirectory(config, await users.list())).toEqual(['bao@example.vn', 'noivu2@example.vn', 'lanhdao@binhdinh.gov.vn']);
    await users.disable('bao');
    expect(recipientsFromDirectory(config, await users.list())).toEqual(['noivu2@example.vn', 'lanhdao@binhdinh.gov.vn']);
  });
});

describe('digest recipients from Cognito', () => {
  let fake: FakeCognito;
  let client: CognitoIdentityProviderClient;

  beforeAll(async () => {
    fake = await startFakeCognito('ap-southeast-1_test', ['admin', 'editor-newspaper', 'editor-tv', 'home-affairs', 'agency']);
    client = new CognitoIdentityProviderClient({ region: 'ap-southeast-1', endpoint: fake.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const directory = new CognitoUserDirectory(client, 'ap-southeast-1_test');
    await directory.invite({ id: 'a', name: 'Biên tập A', role: 'editor-newspaper', agencyId: null, email: 'a@example.vn' }, now);
    await directory.invite({ id: 'b', name: 'Biên tập B', role: 'editor-newspaper', agencyId: null, email: 'b@example.vn' }, now);
    await directory.invite({ id: 'c', name: 'Truyền hình', role: 'editor-tv', agencyId: null, email: 'c@example.vn' }, now);
    const b = (await directory.list()).find((user) => user.email === 'b@example.vn')!;
    await directory.disable(b.id);
  });
  afterAll(async () => fake?.close());

  it('lists the enabled members of the configured roles only, through ListUsersInGroup alone', async () => {
    fake.calls.length = 0;
    const members = await cognitoRoleMembers(client, 'ap-southeast-1_test', config.recipients.roles);
    expect(members).toEqual([{ role: 'editor-newspaper', email: 'a@example.vn' }]);
    expect(new Set(fake.calls.map((call) => call.op))).toEqual(new Set(['ListUsersInGroup']));
  });
});
