/**
 * Where a raw snapshot lives, without the S3 client: a poll computes the key
 * of every body it reads, and stores it only when the body is new
 * (snapshots.ts, loaded on that first store).
 */
import { createHash } from 'node:crypto';
import { BUCKET_DEFINITION } from './bucket';

/** The sha256 of a body, hex: its address in the snapshot store. */
export function contentHash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The S3 key of a body with this sha256: `raw/<hash>`. */
export function snapshotKeyOf(hash: string): string {
  return `${BUCKET_DEFINITION.rawPrefix}${hash}`;
}
