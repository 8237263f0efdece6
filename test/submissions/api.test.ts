/**
 * The JSON API of direct submissions against DynamoDB Local and s3rver:
 * uploads refused after the fact (too large, wrong type), idempotent and
 * concurrent submit, and who may see what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { MAX_ATTACHMENT_BYTES, type Submission } from '../../shared/submissions/schema';
import { CCHC_TEXT, FILES, postToS3, startWorld, type World } from './support';

describe('direct submissions: JSON API', () => {
  let world: World;
  let agencyToken = '';
  let call: (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; body: any }>;

  beforeAll(async () => {
    world = await startWorld();
    agencyToken = await world.token({ userId: 'sotuphap', name: 'Cán bộ Sở Tư pháp', role: 'agency', agencyId: 'so-tu-phap' });
    call = async (method, path, body, token = agencyToken) => {
      const response = await fetch(`${world.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, body: await response.json() };
    };
  });
  afterAll(async () => world?.close());

  const draft = async (text: Partial<typeof CCHC_TEXT> = {}) => {
    const created = await call('POST', '/api/v1/submissions', { ...CCHC_TEXT, ...text });
    expect(created.status).toBe(201);
    return created.body as Submission;
  };
  const exists = (key: string) =>
    world.clients.s3!.send(new HeadObjectCommand({ Bucket: world.clients.bucketName, Key: key })).then(
      () => true,
      () => false,
    );

  it('validates input, naming the field', async () => {
    expect(await call('POST', '/api/v1/submissions', { title: 'ngắn' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^body\.title: /) } });
    expect(await call('POST', '/api/v1/submissions', { title: 'x'.repeat(301) })).toMatchObject({ status: 400 });
    expect(await call('POST', '/api/v1/submissions', { ...CCHC_TEXT, body: 'x'.repeat(50_001) })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^body\.body: /) } });
    const submission = await draft();
    expect(await call('POST', `/api/v1/submissions/${submission.id}/attachments`, { name: 'a.html', type: 'text/html' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^body\.type: /) } });
    expect(await call('POST', `/api/v1/submissions/${submission.id}/attachments`, { name: 'a.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^body\.size: /) } });
  });

  it('updates a draft conditionally on its version (409 naming who changed it)', async () => {
    const submission = await draft();
    const updated = await call('PUT', `/api/v1/submissions/${submission.id}`, { ...CCHC_TEXT, title: 'Tiêu đề mới của bản nháp', version: 1 });
    expect(updated).toMatchObject({ status: 200, body: { title: 'Tiêu đề mới của bản nháp', version: 2 } });
    const stale = await call('PUT', `/api/v1/submissions/${submission.id}`, { ...CCHC_TEXT, version: 1 });
    expect(stale).toMatchObject({ status: 409, body: { changedBy: 'Cán bộ Sở Tư pháp' } });
  });

  it('at most 10 attachments', async () => {
    const submission = await draft();
    for (let index = 0; index < 10; index++) expect((await call('POST', `/api/v1/submissions/${submission.id}/attachments`, { name: `tep-${index}.png`, type: 'image/png' })).status).toBe(201);
    expect(await call('POST', `/api/v1/submissions/${submission.id}/attachments`, { name: 'tep-11.png', type: 'image/png' })).toMatchObject({ status: 422, body: { error: expect.stringContaining('tối đa 10') } });
  });

  it('refuses a wrongly typed upload after the fact: submit answers 422 and the object is deleted', async () => {
    const submission = await draft();
    const declared = await call('POST', `/api/v1/submissions/${submission.id}/attachments`, { name: 'anh.png', type: 'image/png' });
    expect(declared.status).toBe(201);
    const { attachment, upload } = declared.body;
    // S3 takes it: the Content-Type field is right, only the bytes lie.
    const posted = await postToS3(upload, FILES.html(), 'anh.png', 'image/png');
    expect(posted.status).toBeLessThan(400);
    expect(await exists(attachment.key)).toBe(true);

    const submitted = await call('POST', `/api/v1/submissions/${submission.id}/submit`);
    expect(submitted.status).toBe(422);
    expect(submitted.body.error).toContain('không phải là tệp Ảnh PNG');
    expect(await exists(attachment.key)).toBe(false);
    const after = await call('GET', `/api/v1/submissions/${submission.id}`);
    expect(after.body).toMatchObject({ status: 'draft', receipt: null, attachments: [{ id: attachment.id, status: 'rejected' }] });
    // Still refused until the uploader removes it (the page’s “Xoá”).
    expect((await call('POST', `/api/v1/submissions/${submission.id}/submit`)).status).toBe(422);
    expect(world.mails()).toHaveLength(0);
  });

  it('refuses an oversized upload: s3rver ignores the policy’s content-length-range, so the check after upload refuses and deletes it', async () => {
    const submission = await draft();
    const { attachment, upload } = (await call('POST', `/api/v1/submissions/${submission.id}/attachments`, { name: 'lon.pdf', type: 'application/pdf' })).body;
    const big = Buffer.concat([FILES.pdf(), Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x20)]);
    const posted = await postToS3(upload, big, 'lon.pdf', 'application/pdf');
    // Real S3 answers 400 EntityTooLarge here; s3rver (3.7.1) stores it.
    expect(posted.status).toBeLessThan(400);
    const checked = await call('POST', `/api/v1/submissions/${submission.id}/attachments/${attachment.id}/complete`);
    expect(checked).toMatchObject({ status: 422, body: { attachment: { status: 'rejected' }, error: expect.stringContaining('vượt giới hạn 20 MB') } });
    expect(await exists(attachment.key)).toBe(false);
    expect((await call('POST', `/api/v1/submissions/${submission.id}/submit`)).status).toBe(422);
  });

  it('refuses a submit while a declared attachment was never uploaded', async () => {
    const submission = await draft();
    await call('POST', `/api/v1/submissions/${submission.id}/attachments`, { name: 'chua-tai.pdf', type: 'application/pdf' });
    expect(await call('POST', `/api/v1/submissions/${submission.id}/submit`)).toMatchObject({ status: 422, body: { error: expect.stringContaining('chưa được tải lên') } });
  });

  it('submit is idempotent, also when two arrive at once: one receipt, one story, one e-mail', async () => {
    const before = world.mails().length;
    const submission = await draft({ title: 'Sở Tư pháp số hóa hồ sơ thủ tục hành chính tại bộ phận một cửa' });
    const { attachment, upload } = (await call('POST', `/api/v1/submissions/${submission.id}/attachments`, { name: 'ke-hoach.pdf', type: 'application/pdf' })).body;
    expect((await postToS3(upload, FILES.pdf(), 'ke-hoach.pdf', 'application/pdf')).status).toBeLessThan(400);
    const [first, second] = await Promise.all([call('POST', `/api/v1/submissions/${submission.id}/submit`), call('POST', `/api/v1/submissions/${submission.id}/submit`)]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.receipt).toMatch(/^CCHC-2026-Q4-\d{5}$/);
    expect(second.body.receipt).toBe(first.body.receipt);
    expect(second.body.storyId).toBe(first.body.storyId);
    const third = await call('POST', `/api/v1/submissions/${submission.id}/submit`);
    expect(third.body).toMatchObject({ receipt: first.body.receipt, storyId: first.body.storyId, alreadySubmitted: true, mail: 'already-sent' });
    expect(world.mails().length - before).toBe(1);
    expect([first.body.mail, second.body.mail].sort()).toEqual(['already-sent', 'sent']);
    const credits = await new StoriesRepository(world.clients).creditsOf('so-tu-phap', '2026-Q4');
    expect(credits.filter((credit) => credit.storyId === first.body.storyId)).toHaveLength(1);
    expect(third.body.submission.attachments).toMatchObject([{ id: attachment.id, status: 'uploaded', size: FILES.pdf().length }]);
    expect(await call('PUT', `/api/v1/submissions/${submission.id}`, { ...CCHC_TEXT, version: third.body.submission.version })).toMatchObject({ status: 422 });
  });

  it('another agency’s user is told 404 for a draft; other staff 403; anonymous 401; an admin may', async () => {
    const submission = await draft();
    const otherAgency = await world.token({ userId: 'noivu-agency', name: 'Cán bộ Sở Nội vụ', role: 'agency', agencyId: 'so-noi-vu' });
    const editor = await world.token({ userId: 'bao', name: 'Báo', role: 'editor-newspaper', agencyId: null });
    const homeAffairs = await world.token({ userId: 'noivu', name: 'Sở Nội vụ', role: 'home-affairs', agencyId: null });
    const admin = await world.token({ userId: 'quantri', name: 'Quản trị', role: 'admin', agencyId: null });
    for (const [method, path, body] of [
      ['GET', `/api/v1/submissions/${submission.id}`, undefined],
      ['PUT', `/api/v1/submissions/${submission.id}`, { ...CCHC_TEXT, version: 1 }],
      ['POST', `/api/v1/submissions/${submission.id}/attachments`, { name: 'a.pdf', type: 'application/pdf' }],
      ['POST', `/api/v1/submissions/${submission.id}/submit`, undefined],
    ] as const) {
      expect((await call(method, path, body, otherAgency)).status, `${method} ${path} other agency`).toBe(404);
      expect((await call(method, path, body, editor)).status, `${method} ${path} editor`).toBe(403);
      expect((await call(method, path, body, homeAffairs)).status, `${method} ${path} home affairs`).toBe(403);
      expect((await fetch(`${world.url}${path}`, { method })).status, `${method} ${path} anonymous`).toBe(401);
    }
    // Creating for another agency is refused; an admin names the agency.
    expect((await call('POST', '/api/v1/submissions', { ...CCHC_TEXT, agencyId: 'so-noi-vu' })).status).toBe(403);
    expect((await call('POST', '/api/v1/submissions', { ...CCHC_TEXT }, admin)).status).toBe(400);
    expect(await call('POST', '/api/v1/submissions', { ...CCHC_TEXT, agencyId: 'so-noi-vu' }, admin)).toMatchObject({ status: 201, body: { agencyId: 'so-noi-vu' } });
    expect((await call('GET', `/api/v1/submissions/${submission.id}`, undefined, admin)).status).toBe(200);
  });

  it('documents the paths in the OpenAPI document', async () => {
    const document = (await call('GET', '/api/v1/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/submissions', '/api/v1/submissions/{id}', '/api/v1/submissions/{id}/attachments', '/api/v1/submissions/{id}/submit']),
    );
  });
});
