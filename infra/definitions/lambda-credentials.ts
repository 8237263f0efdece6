/**
 * What the Lambda bundles use in place of the SDK's default credential
 * chain (`@aws-sdk/credential-provider-node`, swapped by the esbuild alias
 * of `bundling.ts`): the environment's credentials, and nothing else.
 *
 * Lambda hands every invocation its execution role's credentials in
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, the
 * chain's first link. The rest of the chain (SSO, profiles, web identity,
 * container and instance metadata) can never answer there, but it brings
 * the SDK's nested STS/SSO clients into every bundle (≈ 90 KB minified, and
 * their share of each cold start). Outside Lambda (`npm start`, the tests,
 * the CLI) nothing is bundled and the full chain is used.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The same name and shape as the default chain's export, which the SDK clients call with their config. */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> => fromEnv(init);
