/**
 * Configuration the stack reads at synth time, validated with zod so that a
 * typo fails `cdk synth` with the field's name instead of a deploy that
 * fails half-way (or, worse, succeeds with a wrong sign-in URL).
 *
 * - `cchc:auth` in cdk.json's `context`: the Cognito domain prefix and the
 *   app client's callback and logout URLs ({@link readAuthConfig}).
 * - `cchc:mail`: the SES sender and Sở Nội vụ's addresses ({@link readMailConfig}).
 * - `cchc:alarms`: who is e-mailed when an alarm fires ({@link readAlarmsConfig}).
 * - the `desks` section of config/agencies.json, handed to the functions
 *   that route stories to desks as `CCHC_DESKS` ({@link readDesksJson}).
 */
import { readFileSync } from 'node:fs';
import type { Node } from 'constructs';
import { z } from 'zod';
import { desksSchema } from '../shared/desks/config';
import { complianceConfigSchema, type ComplianceConfig } from '../shared/compliance/config';
import { emailAddress, mailConfigSchema } from '../shared/mail/config';
import { digestConfigSchema } from '../shared/digest/config';

/** The context key (cdk.json `context`, or `cdk synth -c 'cchc:auth={…}'`). */
export const AUTH_CONTEXT_KEY = 'cchc:auth';

/**
 * Words Cognito refuses in a domain prefix (its own brands); the prefix is
 * also unique per region across every AWS account, so a taken one fails the
 * deploy, not the synth.
 */
const RESERVED_PREFIX_WORDS = ['aws', 'amazon', 'cognito'] as const;

/**
 * A callback or logout URL as Cognito accepts it: absolute, HTTPS (plain
 * HTTP only for localhost, which Cognito allows for testing), no fragment.
 */
const redirectUrl = z
  .string()
  .max(1024)
  .refine((value) => URL.canParse(value), 'expected an absolute URL')
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost');
  }, 'must use https (http is allowed for localhost only)')
  .refine((value) => !URL.canParse(value) || new URL(value).hash === '', 'must not contain a fragment (#…)');

export const authConfigSchema = z
  .object({
    /** `https://<domainPrefix>.auth.<region>.amazoncognito.com` is the sign-in domain. */
    domainPrefix: z
      .string()
      .regex(
        /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
        'expected 1–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
      )
      .refine(
        (prefix) => !RESERVED_PREFIX_WORDS.some((word) => prefix.includes(word)),
        `must not contain ${RESERVED_PREFIX_WORDS.map((w) => `"${w}"`).join(', ')} (Cognito refuses them)`,
      ),
    /**
     * Where Cognito may send the authorization code. Empty means the HTTP
     * API's own URL + `/auth/callback` (known only at deploy time).
     */
    callbackUrls: z.array(redirectUrl).max(100).default([]),
    /** Where Cognito may send the browser after sign-out. Empty means the HTTP API's own URL. */
    logoutUrls: z.array(redirectUrl).max(100).default([]),
  })
  .strict();

export type AuthConfig = z.infer<typeof authConfigSchema>;

/** `['callbackUrls', 0]` → `callbackUrls[0]`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

function describeIssues(error: z.ZodError, root: readonly PropertyKey[] = []): string {
  return error.issues.map((issue) => `${formatPath([...root, ...issue.path]) || '(the value)'}: ${issue.message}`).join('; ');
}

/**
 * Validates a context value (cdk.json `context`, or `cdk synth -c 'key={…}'`,
 * which passes a string) with a schema; the error names the key and field.
 */
function parseContext<T>(key: string, schema: z.ZodType<T>, value: unknown, example: string): T {
  const where = `context "${key}" (cdk.json)`;
  if (value === undefined) throw new Error(`${where} is missing: set ${example}`);
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      throw new Error(`${where} is a string that is not JSON: ${value}`);
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new Error(`${where} is invalid: ${describeIssues(result.error)}`);
  return result.data;
}

/**
 * One section of the configuration file at `path`, validated with the
 * runtime's own schema; `undefined` when the section is absent.
 */
function readFileSection<T>(path: string, section: string, schema: z.ZodType<T>, what: string): T | undefined {
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the ${what} from ${path}: ${(error as Error).message}`);
  }
  const raw = file !== null && typeof file === 'object' ? (file as Record<string, unknown>)[section] : undefined;
  if (raw === undefined) return undefined;
  const result = schema.safeParse(raw);
  if (!result.success) throw new Error(`${path} is invalid: ${describeIssues(result.error, [section])}`);
  return result.data;
}

/** Validates the `cchc:auth` context value; the error names the field. */
export function parseAuthConfig(value: unknown): AuthConfig {
  return parseContext(AUTH_CONTEXT_KEY, authConfigSchema, value, '{ "domainPrefix": …, "callbackUrls": [], "logoutUrls": [] }');
}

/** The `cchc:auth` context of a construct's tree, validated. */
export function readAuthConfig(node: Node): AuthConfig {
  return parseAuthConfig(node.tryGetContext(AUTH_CONTEXT_KEY));
}

/**
 * Lambda allows 4 KB of environment variables per function in all; the
 * desks leave room for the others (names, ARNs, URLs).
 */
export const MAX_DESKS_JSON_BYTES = 3072;

/**
 * The `desks` section of the configuration file at `path`, validated with
 * the runtime's own schema and serialised as JSON (defaults applied, so the
 * functions read exactly what was checked). Absent means no desks: `[]`.
 */
export function readDesksJson(path: string): string {
  const desks = readFileSection(path, 'desks', desksSchema, 'desks') ?? [];
  const json = JSON.stringify(desks);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_DESKS_JSON_BYTES) {
    throw new Error(
      `${path}: the desks take ${bytes} bytes as JSON, more than the ${MAX_DESKS_JSON_BYTES} that fit in a Lambda ` +
        'environment (4 KB for all variables); shorten them or move them to the table',
    );
  }
  return json;
}

/** The context key of the e-mail settings (cdk.json `context`, or `cdk synth -c 'cchc:mail={…}'`). */
export const MAIL_CONTEXT_KEY = 'cchc:mail';

/**
 * `cchc:mail`: the sender (verified as an SES identity by the stack) and Sở
 * Nội vụ's addresses for the reminders' roll-up — the runtime's own
 * `mail` schema, without `appUrl` (the stack passes the HTTP API's URL).
 */
export const mailContextSchema = mailConfigSchema.omit({ appUrl: true });

export type MailContext = z.infer<typeof mailContextSchema>;

/** Validates the `cchc:mail` context value; the error names the field. */
export function parseMailConfig(value: unknown): MailContext {
  return parseContext(MAIL_CONTEXT_KEY, mailContextSchema, value, '{ "sender": "…", "homeAffairs": ["…"] }');
}

/** The `cchc:mail` context of a construct's tree, validated. */
export function readMailConfig(node: Node): MailContext {
  return parseMailConfig(node.tryGetContext(MAIL_CONTEXT_KEY));
}

/** The configuration file's `compliance` section (defaults when absent), validated with the runtime's schema. */
export function readComplianceConfig(path: string): ComplianceConfig {
  return readFileSection(path, 'compliance', complianceConfigSchema, 'compliance settings') ?? complianceConfigSchema.parse({});
}

/**
 * The weekly digest's listed recipients (`digest.recipients.emails` of the
 * configuration file at `path`, validated with the runtime's schema), for
 * `CCHC_DIGEST_EMAILS`. Roles are not resolved in AWS (users are in
 * Cognito): list the addresses. Absent section: nobody.
 */
export function readDigestRecipients(path: string): { emails: string[]; roles: string[] } {
  const digest = readFileSection(path, 'digest', digestConfigSchema, 'digest recipients');
  return { emails: (digest?.recipients.emails ?? []).map((email) => email.toLowerCase()), roles: [...(digest?.recipients.roles ?? [])] };
}

/** The context key of the alarms' recipient (cdk.json `context`, or `cdk deploy -c 'cchc:alarms={…}'`). */
export const ALARMS_CONTEXT_KEY = 'cchc:alarms';

export const alarmsConfigSchema = z
  .object({
    /**
     * The address the alarm topic e-mails (SNS sends it a confirmation link
     * on deploy). Absent: the topic has no subscriber and the synth warns —
     * so a demo or test synth needs no address, and a deploy without one is
     * visible in the CLI's output rather than silent.
     */
    email: emailAddress.optional(),
    /**
     * One Errors alarm per function instead of one on the account's total
     * ($0.70 a month more): for an account shared with other workloads,
     * whose functions' errors would otherwise trip the total.
     */
    errorsPerFunction: z.boolean().optional(),
  })
  .strict();

export type AlarmsConfig = z.infer<typeof alarmsConfigSchema>;

/** Validates the `cchc:alarms` context value (absent means `{}`: no subscriber); the error names the field. */
export function parseAlarmsConfig(value: unknown): AlarmsConfig {
  if (value === undefined) return {};
  return parseContext(ALARMS_CONTEXT_KEY, alarmsConfigSchema, value, '{ "email": "…" }');
}

/** The `cchc:alarms` context of a construct's tree, validated. */
export function readAlarmsConfig(node: Node): AlarmsConfig {
  return parseAlarmsConfig(node.tryGetContext(ALARMS_CONTEXT_KEY));
}
