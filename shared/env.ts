import * as z from 'zod';

/**
 * The process environment, parsed once with zod and frozen. No other module
 * reads `process.env`. In AWS the stack sets these; locally the runtime does.
 */
const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1).default('cchc'),
  BUCKET_NAME: z.string().min(1).default('cchc-local'),
  AWS_REGION: z.string().min(1).default('ap-southeast-1'),
  /** Set locally (or by an operator) to reach DynamoDB Local or another server. */
  CCHC_DYNAMODB_ENDPOINT: z.string().url().optional(),
  /** Set locally to reach s3rver or another S3-compatible server. */
  CCHC_S3_ENDPOINT: z.string().url().optional(),
  /** SQS queue of sources to poll (AWS only; locally an in-process queue). */
  COLLECT_QUEUE_URL: z.string().optional(),
  /** SQS queue of new stories whose article text is wanted (AWS only). */
  ARTICLE_QUEUE_URL: z.string().optional(),
  /** The contact URL in our User-Agent, so site owners can reach us. */
  CCHC_CONTACT_URL: z.string().url().default('https://github.com/binhdinh-cchc/cchc-pipeline'),
  /** Cognito user pool of the editors (AWS only; set by the stack on the api function). */
  CCHC_COGNITO_USER_POOL_ID: z.string().optional(),
  /** The web UI's app client in that pool (a public client: no secret, PKCE). */
  CCHC_COGNITO_CLIENT_ID: z.string().optional(),
  /** The pool's sign-in domain as a full URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  CCHC_COGNITO_DOMAIN: z.string().optional(),
  /** The plan's yearly target of counted items per agency (config `compliance.yearlyTarget`), set by the stack. */
  CCHC_YEARLY_TARGET: z.coerce.number().int().positive().optional(),
  /** The `desks` section of config/agencies.json as JSON, read at synth (AWS only). */
  CCHC_DESKS: z.string().optional(),
  /** The From address of the product's e-mail, an SES identity (the reminders function, AWS). */
  CCHC_MAIL_SENDER: z.string().email().optional(),
  /** Sở Nội vụ's addresses for the reminders' roll-up, comma-separated. */
  CCHC_HOME_AFFAIRS_EMAILS: z
    .string()
    .refine((v) => v === '' || v.split(',').every((a) => z.string().email().safeParse(a.trim()).success), 'expected comma-separated e-mail addresses')
    .optional(),
  /** The product's base URL, for links in e-mails. */
  CCHC_APP_URL: z.string().url().optional(),
  /** The weekly digest's recipients, comma-separated (the configuration's `digest.recipients.emails`, always added to the roles' members). */
  CCHC_DIGEST_EMAILS: z
    .string()
    .refine((v) => v === '' || v.split(',').every((a) => z.string().email().safeParse(a.trim()).success), 'expected comma-separated e-mail addresses')
    .optional(),
  /** Roles whose members (their Cognito groups, read at each run) receive the weekly digest, comma-separated (the configuration's `digest.recipients.roles`). */
  CCHC_DIGEST_ROLES: z.string().regex(/^[a-z-]+(,[a-z-]+)*$|^$/, 'expected comma-separated role ids').optional(),
  /** Reminder thresholds in days before a quarter ends, comma-separated (default 21,7). */
  CCHC_REMINDER_DAYS: z.string().regex(/^\d{1,2}(,\d{1,2})*$/, 'expected days as comma-separated whole numbers, e.g. 21,7').optional(),
});

export type Environment = Readonly<z.infer<typeof environmentSchema>>;

let cached: Environment | undefined;

/** The validated environment; fails fast with the variable's name. */
export function environment(): Environment {
  if (!cached) {
    const result = environmentSchema.safeParse(process.env);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new Error(`environment variable ${issue.path.join('.')}: ${issue.message}`);
    }
    cached = Object.freeze(result.data);
  }
  return cached;
}

/** Forget the parsed environment (the local runtime sets variables before first use). */
export function resetEnvironmentForLocalRuntime(): void {
  cached = undefined;
}
