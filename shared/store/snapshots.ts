import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketClient, type AwsClients } from './clients';
import { contentHash, snapshotKeyOf } from './snapshot-keys';

/**
 * Raw fetched bodies in S3, content-addressed: the same bytes always land
 * at the same key, so storing twice changes nothing.
 */
export class SnapshotStore {
  constructor(private readonly clients: AwsClients) {}

  /** Stores a body under `raw/<sha256>` and returns the key. */
  async put(body: Uint8Array, meta: { contentType: string | null; url: string; sourceId: string }): Promise<string> {
    const key = snapshotKeyOf(contentHash(body));
    await bucketClient(this.clients).send(
      new PutObjectCommand({
        Bucket: this.clients.bucketName,
        Key: key,
        Body: body,
        ContentType: meta.contentType ?? 'application/octet-stream',
        // S3 metadata must be ASCII: URLs are, once percent-encoded.
        Metadata: { 'source-id': meta.sourceId, url: encodeURI(meta.url) },
      }),
    );
    return key;
  }

  /** Reads a stored body back. */
  async get(key: string): Promise<Uint8Array> {
    const object = await bucketClient(this.clients).send(new GetObjectCommand({ Bucket: this.clients.bucketName, Key: key }));
    return object.Body!.transformToByteArray();
  }
}
