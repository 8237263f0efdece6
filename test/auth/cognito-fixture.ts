/**
 * A stand-in for Cognito on loopback: a locally generated RSA key, its
 * JWKS, a token endpoint, and JWTs signed like Cognito's. Nothing leaves
 * 127.0.0.1.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { CognitoConfig } from '../../shared/auth/cognito';

export const USER_POOL_ID = 'ap-southeast-1_Test123';
export const CLIENT_ID = 'test-client-id';
export const ISSUER = `https://cognito-idp.ap-southeast-1.amazonaws.com/${USER_POOL_ID}`;
const KID = 'test-key-1';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey };
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Signs a JWT with RS256, the way Cognito does. */
export function signJwt(payload: Record<string, unknown>, key: KeyObject, kid = KID): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const signature = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key);
  return `${head}.${body}.${b64url(signature)}`;
}

/** What the fake token endpoint saw. */
export interface TokenRequest {
  body: URLSearchParams;
  authorization: string | undefined;
  contentType: string | undefined;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** The fake Cognito: JWKS at the pool's path, `/oauth2/token` for codes. */
export class FakeCognito {
  readonly key = keyPair();
  /** A key Cognito never published: tokens signed with it must fail. */
  readonly foreignKey = keyPair();
  readonly tokenRequests: TokenRequest[] = [];
  jwksFetches = 0;
  /** code → how to answer it. */
  readonly codes = new Map<string, { groups: string[]; username: string; name?: string; challenge?: string }>();
  private server?: Server;
  origin = '';

  async start(): Promise<this> {
    this.server = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method === 'GET' && url.pathname === `/${USER_POOL_ID}/.well-known/jwks.json`) {
        this.jwksFetches++;
        const jwk = this.key.publicKey.export({ format: 'jwk' });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...jwk, kid: KID, alg: 'RS256', use: 'sig' }] }));
        return;
      }
      if (request.method === 'POST' && url.pathname === '/oauth2/token') {
        const body = new URLSearchParams(await readBody(request));
        this.tokenRequests.push({ body, authorization: request.headers.authorization, contentType: request.headers['content-type'] });
        const code = body.get('code') ?? '';
        if (code === 'slow') {
          setTimeout(() => response.writeHead(500).end(), 3000).unref();
          return;
        }
        if (code === 'garbage') {
          response.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>');
          return;
        }
        const grant = this.codes.get(code);
        const verifierOk = !grant?.challenge || createHash('sha256').update(body.get('code_verifier') ?? '').digest('base64url') === grant.challenge;
        if (!grant || body.get('grant_type') !== 'authorization_code' || body.get('client_id') !== CLIENT_ID || !verifierOk) {
          response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
          return;
        }
        this.codes.delete(code); // single use, like Cognito's
        const now = Math.floor(Date.now() / 1000);
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: this.accessToken({ groups: grant.groups, username: grant.username }),
            id_token: this.idToken({ groups: grant.groups, username: grant.username, name: grant.name, iat: now }),
            refresh_token: 'opaque',
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        );
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The configuration pointing at this server (the token endpoint; the JWKS goes through {@link jwksCache}). */
  config(extra: Partial<CognitoConfig> = {}): CognitoConfig {
    return { userPoolId: USER_POOL_ID, clientId: CLIENT_ID, domainUrl: this.origin, redirectUri: 'http://127.0.0.1:3000/auth/callback', ...extra };
  }

  /** A JWKS cache whose fetcher reads the pool's JWKS from this server instead of AWS. */
  jwksCache(): SimpleJwksCache {
    return new SimpleJwksCache({
      fetcher: {
        fetch: async (uri: string) => {
          const wanted = new URL(uri);
          if (wanted.origin !== new URL(ISSUER).origin) throw new Error(`unexpected JWKS URI ${uri}`);
          const response = await fetch(`${this.origin}${wanted.pathname}`);
          return response.arrayBuffer();
        },
      },
    });
  }

  /** An access token as Cognito issues it. */
  accessToken(input: { groups?: string[]; username: string; key?: KeyObject; claims?: Record<string, unknown> }): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      {
        sub: `sub-${input.username}`,
        iss: ISSUER,
        client_id: CLIENT_ID,
        token_use: 'access',
        scope: 'openid profile',
        auth_time: now,
        iat: now,
        exp: now + 3600,
        jti: `jti-${Math.random()}`,
        username: input.username,
        ...(input.groups ? { 'cognito:groups': input.groups } : {}),
        ...input.claims,
      },
      input.key ?? this.key.privateKey,
    );
  }

  /** An ID token as Cognito issues it (carries `name`). */
  idToken(input: { groups?: string[]; username: string; name?: string | undefined; iat: number }): string {
    return signJwt(
      {
        sub: `sub-${input.username}`,
        iss: ISSUER,
        aud: CLIENT_ID,
        token_use: 'id',
        auth_time: input.iat,
        iat: input.iat,
        exp: input.iat + 3600,
        'cognito:username': input.username,
        ...(input.name ? { name: input.name } : {}),
        ...(input.groups ? { 'cognito:groups': input.groups } : {}),
      },
      this.key.privateKey,
    );
  }
}
