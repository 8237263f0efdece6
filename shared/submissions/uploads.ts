/**
 * Attachments go from the browser straight to S3 (API Gateway and Lambda
 * cannot carry 20 MB bodies): the api function signs a POST policy limited
 * in size, type and key, and checks the object again after upload — its
 * size with HEAD, its type from its first bytes — deleting what fails.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketClient, type AwsClients } from '../store/clients';
import { MAGIC_BYTES, matchesDeclaredType } from './magic';
import { uploadPrefix } from './repo';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, type Attachment } from './schema';

/** How long a presigned POST stays valid. */
export const PRESIGN_EXPIRY_SECONDS = 15 * 60;

/** What the browser (or an integration) posts to S3: the URL and the form fields, the file last. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  /** ISO instant after which S3 refuses the form. */
  expiresAt: string;
  maxBytes: number;
}

/**
 * Signs a POST policy for one attachment: exactly its key (under the
 * submission's prefix), exactly its declared Content-Type, 1 byte to 20 MB,
 * valid 15 minutes; with `redirectTo`, S3 answers 303 there after success.
 */
export async function presignUpload(clients: AwsClients, attachment: Attachment, options: { redirectTo?: string; now: Date }): Promise<PresignedUpload> {
  const fields: Record<string, string> = { 'Content-Type': attachment.type };
  if (options.redirectTo) fields.success_action_redirect = options.redirectTo;
  const post = await createPresignedPost(bucketClient(clients), {
    Bucket: clients.bucketName,
    Key: attachment.key,
    Conditions: [
      ['content-length-range', 1, MAX_ATTACHMENT_BYTES],
      ['eq', '$Content-Type', attachment.type],
      ['starts-with', '$key', uploadPrefix(attachment.submissionId)],
    ],
    Fields: fields,
    Expires: PRESIGN_EXPIRY_SECONDS,
  });
  return { url: post.url, fields: post.fields, expiresAt: new Date(options.now.getTime() + PRESIGN_EXPIRY_SECONDS * 1000).toISOString(), maxBytes: MAX_ATTACHMENT_BYTES };
}

/**
 * How long a download link lives: enough to start a 20 MB download, short
 * enough that a link copied out of the page soon stops working.
 */
export const DOWNLOAD_EXPIRY_SECONDS = 5 * 60;

/**
 * `Content-Disposition: attachment` with the file's Vietnamese name (RFC 6266:
 * an ASCII fallback, then the UTF-8 name) and its type's extension.
 */
export function attachmentDisposition(attachment: Pick<Attachment, 'name' | 'type'>): string {
  const extension = `.${ATTACHMENT_TYPES[attachment.type].extension}`;
  const name = attachment.name.toLowerCase().endsWith(extension) ? attachment.name : `${attachment.name}${extension}`;
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * A short-lived presigned GET for an uploaded attachment: the browser
 * downloads from S3 directly (a Lambda response cannot carry 20 MB). S3 sends
 * it as a download with the checked type, never to be rendered inline in
 * the app's context. Signed at the SDK's clock, not the request's: S3 checks
 * the expiry against real time (the SDK also corrects for clock skew).
 */
export async function presignDownload(clients: AwsClients, attachment: Pick<Attachment, 'key' | 'name' | 'type'>): Promise<string> {
  const command = new GetObjectCommand({
    Bucket: clients.bucketName,
    Key: attachment.key,
    ResponseContentType: attachment.type,
    ResponseContentDisposition: attachmentDisposition(attachment),
  });
  return getSignedUrl(bucketClient(clients), command, { expiresIn: DOWNLOAD_EXPIRY_SECONDS });
}

/** What the check after upload found. */
export type UploadCheck = { ok: true; size: number } | { ok: false; missing: true; reason: string } | { ok: false; missing: false; reason: string };

const isMissing = (error: unknown) => error instanceof NotFound || error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Checks an uploaded attachment: it exists, weighs 1 byte to 20 MB, and its
 * first bytes are those of its declared type. A file that fails (but
 * exists) is deleted at once; a missing one is reported as not uploaded.
 */
export async function verifyUpload(clients: AwsClients, attachment: Attachment): Promise<UploadCheck> {
  const label = ATTACHMENT_TYPES[attachment.type].label;
  let size: number;
  try {
    const head = await bucketClient(clients).send(new HeadObjectCommand({ Bucket: clients.bucketName, Key: attachment.key }));
    size = head.ContentLength ?? 0;
  } catch (error) {
    if (isMissing(error)) return { ok: false, missing: true, reason: `Tệp “${attachment.name}” chưa được tải lên.` };
    throw error;
  }
  let reason: string | null = null;
  if (size < 1) reason = `Tệp “${attachment.name}” rỗng.`;
  else if (size > MAX_ATTACHMENT_BYTES) reason = `Tệp “${attachment.name}” nặng ${(size / 1024 / 1024).toFixed(1)} MB, vượt giới hạn 20 MB.`;
  else {
    const object = await bucketClient(clients).send(new GetObjectCommand({ Bucket: clients.bucketName, Key: attachment.key, Range: `bytes=0-${MAGIC_BYTES - 1}` }));
    const bytes = (await object.Body!.transformToByteArray()).subarray(0, MAGIC_BYTES);
    if (!matchesDeclaredType(bytes, attachment.type)) reason = `Tệp “${attachment.name}” không phải là tệp ${label} như đã khai báo.`;
  }
  if (reason) {
    await deleteUpload(clients, attachment);
    return { ok: false, missing: false, reason };
  }
  return { ok: true, size };
}

/** Deletes an attachment's object (nothing if it was never uploaded). */
export async function deleteUpload(clients: AwsClients, attachment: Pick<Attachment, 'key'>): Promise<void> {
  await bucketClient(clients).send(new DeleteObjectCommand({ Bucket: clients.bucketName, Key: attachment.key }));
}
