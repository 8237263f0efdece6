/**
 * A small Cognito user pool on loopback that speaks the service's JSON
 * protocol (`X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`,
 * `application/x-amz-json-1.1`, errors as `__type`) for the admin calls the
 * user directory makes — so the tests run the real SDK client against a
 * fake service, not a mocked client. Users are named by e-mail at creation
 * and get a generated username, as in a pool whose sign-in is the e-mail.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

interface FakeUser {
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  status: string;
  groups: Set<string>;
  created: number;
}

export interface FakeCognito {
  endpoint: string;
  users: Map<string, FakeUser>;
  /** Every call: its operation and input. */
  calls: { op: string; input: Record<string, unknown> }[];
  close(): Promise<void>;
}

class Fault extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Starts the fake pool `poolId` with the given groups. */
export async function startFakeCognito(poolId: string, groups: readonly string[]): Promise<FakeCognito> {
  const users = new Map<string, FakeUser>();
  const calls: FakeCognito['calls'] = [];
  const known = new Set(groups);

  const find = (name: unknown): FakeUser => {
    const wanted = String(name);
    const user = users.get(wanted) ?? [...users.values()].find((candidate) => candidate.attributes.email === wanted);
    if (!user) throw new Fault('UserNotFoundException', 'User does not exist.');
    return user;
  };
  const attributes = (user: FakeUser) => Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }));
  const view = (user: FakeUser) => ({ Username: user.username, Attributes: attributes(user), Enabled: user.enabled, UserStatus: user.status, UserCreateDate: user.created });

  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    AdminCreateUser(input) {
      const email = String(input.Username);
      if ([...users.values()].some((user) => user.attributes.email === email)) throw new Fault('UsernameExistsException', 'An account with the given email already exists.');
      const user: FakeUser = { username: randomUUID(), attributes: {}, enabled: true, status: 'FORCE_CHANGE_PASSWORD', groups: new Set(), created: 1_790_000_000 };
      for (const attribute of (input.UserAttributes as { Name: string; Value: string }[]) ?? []) user.attributes[attribute.Name] = attribute.Value;
      user.attributes.sub = user.username;
      users.set(user.username, user);
      return { User: view(user) };
    },
    AdminAddUserToGroup(input) {
      if (!known.has(String(input.GroupName))) throw new Fault('ResourceNotFoundException', 'Group not found.');
      find(input.Username).groups.add(String(input.GroupName));
      return {};
    },
    AdminDisableUser(input) {
      find(input.Username).enabled = false;
      return {};
    },
    AdminEnableUser(input) {
      find(input.Username).enabled = true;
      return {};
    },
    AdminResetUserPassword(input) {
      find(input.Username).status = 'RESET_REQUIRED';
      return {};
    },
    AdminGetUser(input) {
      const user = find(input.Username);
      return { Username: user.username, UserAttributes: attributes(user), Enabled: user.enabled, UserStatus: user.status, UserCreateDate: user.created };
    },
    AdminListGroupsForUser(input) {
      return { Groups: [...find(input.Username).groups].map((GroupName) => ({ GroupName, UserPoolId: poolId })) };
    },
    ListUsersInGroup(input) {
      if (!known.has(String(input.GroupName))) throw new Fault('ResourceNotFoundException', 'Group not found.');
      // One user per page, so the client's pagination is exercised.
      const members = [...users.values()].filter((user) => user.groups.has(String(input.GroupName)));
      const start = input.NextToken ? Number(input.NextToken) : 0;
      const next = start + 1 < members.length ? String(start + 1) : undefined;
      return { Users: members.slice(start, start + 1).map(view), ...(next ? { NextToken: next } : {}) };
    },
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const op = target.replace(/^AWSCognitoIdentityProviderService\./, '');
      const reply = (status: number, body: unknown, type?: string) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...(type ? { 'x-amzn-errortype': type } : {}) });
        response.end(JSON.stringify(body));
      };
      try {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        calls.push({ op, input });
        if (input.UserPoolId !== poolId) throw new Fault('ResourceNotFoundException', 'User pool does not exist.');
        if (!request.headers.authorization?.startsWith('AWS4-HMAC-SHA256')) throw new Fault('UnrecognizedClientException', 'unsigned request');
        const operation = operations[op];
        if (!operation) throw new Fault('UnknownOperationException', op);
        reply(200, operation(input));
      } catch (error) {
        const fault = error instanceof Fault ? error : new Fault('InternalErrorException', (error as Error).message);
        reply(400, { __type: fault.type, message: fault.message }, fault.type);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    users,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
