/**
 * The weekly digest's archive in the bucket: `digests/<week>/digest.html`
 * and `.json`. Imported by archive.ts on first use, so that only the
 * functions that read or write the archive load the S3 client.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketClient, type AwsClients } from '../store/clients';
import { archiveKeys } from './archive';
import type { DigestContent } from './content';
import { renderDigestHtml, renderDigestJson } from './render';

/** Writes the archived HTML and JSON of a content. */
export async function writeArchive(clients: AwsClients, content: DigestContent): Promise<void> {
  const paths = archiveKeys(content.week);
  await Promise.all([
    bucketClient(clients).send(new PutObjectCommand({ Bucket: clients.bucketName, Key: paths.html, Body: renderDigestHtml(content), ContentType: 'text/html; charset=utf-8' })),
    bucketClient(clients).send(new PutObjectCommand({ Bucket: clients.bucketName, Key: paths.json, Body: renderDigestJson(content), ContentType: 'application/json; charset=utf-8' })),
  ]);
}

async function readObject(clients: AwsClients, key: string): Promise<string | null> {
  try {
    const result = await bucketClient(clients).send(new GetObjectCommand({ Bucket: clients.bucketName, Key: key }));
    return (await result.Body?.transformToString('utf-8')) ?? null;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
}

/** The archived HTML and JSON of a week, or null when there is none. */
export async function readArchive(clients: AwsClients, week: string): Promise<{ html: string; json: string } | null> {
  const paths = archiveKeys(week);
  const [html, json] = await Promise.all([readObject(clients, paths.html), readObject(clients, paths.json)]);
  return html !== null && json !== null ? { html, json } : null;
}
