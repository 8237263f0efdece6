/**
 * The one S3 bucket: prefixes and lifecycle, defined once for the stack and
 * the local runtime.
 */
export const BUCKET_DEFINITION = {
  /** Raw fetched bodies, content-addressed: `raw/<sha256>`. */
  rawPrefix: 'raw/',
  /** Raw snapshots move to infrequent access after this many days. */
  rawInfrequentAccessAfterDays: 90,
  versioned: true,
} as const;
