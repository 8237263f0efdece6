/**
 * Direct submissions end to end, against DynamoDB Local and s3rver: a draft
 * through the pages, the upload posted straight to S3 with the presigned
 * form, submit, the receipt on screen and by e-mail, and the story —
 * classified, credited for the quarter, proposed to the desks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { DesksRepository } from '../../shared/store/desks-repo';
import { SubmissionsRepository } from '../../shared/submissions/repo';
import { submissionStoryUrl } from '../../shared/submissions/submit';
import { storyIdForUrl } from '../../shared/stories/ids';
import type { TestSession } from '../support/session';
import { CCHC_TEXT, FILES, postToS3, startWorld, uploadFormOf, type World } from './support';

describe('direct submission through the pages', () => {
  let world: World;
  let agency: TestSession;
  let submissionId = '';
  let storyId = '';

  beforeAll(async () => {
    world = await startWorld();
    agency = await world.session('sotuphap');
  });
  afterAll(async () => world?.close());

  it('creates a draft from the form', async () => {
    const created = await agency.post('/submissions/new', CCHC_TEXT);
    expect(created.status).toBe(303);
    const location = created.headers.get('location')!;
    submissionId = /^\/submissions\/([a-f0-9]{24})\?saved=1$/.exec(location)![1]!;
    const page = await (await agency.get(location)).text();
    expect(page).toContain('Đã lưu bản nháp.');
    expect(page).toContain('Soạn tin');
    // The body is plain text: markup typed into it is shown, escaped, never interpreted.
    expect(page).toContain('&lt;b&gt;Không&lt;/b&gt;');
  });

  it('refuses a too-short title with the field named in Vietnamese', async () => {
    const refused = await agency.post('/submissions/new', { title: 'Tin', summary: '', body: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Tiêu đề cần từ 5 đến 300 ký tự.');
  });

  it('uploads a PDF straight to S3 with the presigned form and checks it on the way back', async () => {
    expect((await agency.post(`/submissions/${submissionId}/attachments`, { name: 'Báo cáo CCHC quý IV.pdf', type: 'application/pdf' })).status).toBe(303);
    const response = await agency.get(`/submissions/${submissionId}`);
    const page = await response.text();
    const form = uploadFormOf(page)!;
    expect(form).not.toBeNull();
    // The page may post to the S3 origin, and to nothing else but itself.
    const s3Origin = new URL(form.action).origin;
    expect(response.headers.get('content-security-policy')).toContain(`form-action 'self' ${s3Origin};`);
    expect(form.fields['Content-Type']).toBe('application/pdf');
    expect(form.fields.key).toMatch(new RegExp(`^uploads/${submissionId}/[a-f0-9]{16}$`));
    expect(form.fields.success_action_redirect).toMatch(new RegExp(`/submissions/${submissionId}/attachments/[a-f0-9]{16}/uploaded$`));
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 20 * 1024 * 1024],
        ['eq', '$Content-Type', 'application/pdf'],
        ['starts-with', '$key', `uploads/${submissionId}/`],
      ]),
    );
    const minutes = (new Date(policy.expiration).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    const uploaded = await postToS3(form, FILES.pdf(), 'bao-cao.pdf', 'application/pdf');
    expect(uploaded.status).toBe(303);
    const back = new URL(uploaded.headers.get('location')!);
    const checked = await agency.get(`${back.pathname}${back.search}`);
    expect(checked.status).toBe(303);
    const after = await (await agency.get(checked.headers.get('location')!)).text();
    expect(after).toContain('Đã tải tệp lên và kiểm tra xong.');
    expect(after).toContain('Đã tải lên');
    expect(uploadFormOf(after)).toBeNull();
  });

  it('submits: the receipt number on screen and by e-mail at once', async () => {
    const submitted = await agency.post(`/submissions/${submissionId}/submit`, {});
    expect(submitted.status).toBe(303);
    const page = await (await agency.get(submitted.headers.get('location')!)).text();
    const receipt = /<strong class="receipt">([^<]+)<\/strong>/.exec(page)?.[1];
    expect(receipt).toBe('CCHC-2026-Q4-00001');
    expect(page).toContain('so-tu-phap@example.gov.vn');
    // No edit form once submitted.
    expect(page).not.toContain(`action="/submissions/${submissionId}"`);

    const mails = world.mails();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/^To: .*so-tu-phap@example\.gov\.vn/m);
    const decoded = decodeMail(mails[0]!);
    expect(decoded).toContain('CCHC-2026-Q4-00001');
    expect(decoded).toContain(CCHC_TEXT.title);
    expect(decoded).toContain(`http://localhost:3000/submissions/${submissionId}`);
  });

  it('made a story: classified, credited for the quarter, proposed to the desks, never fetched', async () => {
    const submissions = new SubmissionsRepository(world.clients);
    const submission = (await submissions.get(submissionId))!;
    storyId = submission.storyId!;
    expect(storyId).toBe(storyIdForUrl(submissionStoryUrl(submissionId)));
    const story = (await new StoriesRepository(world.clients).get(storyId))!;
    expect(story).toMatchObject({ agencyId: 'so-tu-phap', agencyIds: ['so-tu-phap'], sourceId: 'submission', url: `urn:cchc:submission:${submissionId}`, quarter: '2026-Q4', title: CCHC_TEXT.title });
    expect(story.article.status).toBe('done');
    expect(story.text).toContain('Tỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến');
    expect(story.machineLabel?.relevant).toBe(true);
    expect(story.relevant).toBe(true);
    expect(story.areas?.length).toBeGreaterThan(0);
    const credits = await new StoriesRepository(world.clients).creditsOf('so-tu-phap', '2026-Q4');
    expect(credits.map((credit) => credit.storyId)).toContain(storyId);
    expect(await new StoriesRepository(world.clients).listPendingArticles()).toEqual([]);
    const { entries } = await new DesksRepository(world.clients).entriesAndHistory(storyId);
    expect(entries.map((entry) => [entry.desk, entry.status]).sort()).toEqual([
      ['newspaper', 'proposed'],
      ['tv', 'proposed'],
    ]);
    const object = await world.clients.s3!.send(new HeadObjectCommand({ Bucket: world.clients.bucketName, Key: submission.attachments[0]!.key }));
    expect(object.ContentLength).toBe(FILES.pdf().length);
  });

  it('lets the desks download its attachments from the story page, through a short-lived link to S3', async () => {
    const editor = await world.session('bao');
    const storyPage = await (await editor.get(`/stories/${storyId}`)).text();
    expect(storyPage).toContain('Tệp đính kèm của tin gửi trực tiếp');
    expect(storyPage).toContain('CCHC-2026-Q4-00001');
    const href = new RegExp(`href="(/submissions/${submissionId}/attachments/[a-f0-9]{16})"`).exec(storyPage)![1]!;
    const link = await editor.get(href);
    expect(link.status).toBe(303);
    const signed = new URL(link.headers.get('location')!);
    expect(Number(signed.searchParams.get('X-Amz-Expires'))).toBe(300);
    expect(signed.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="Bao cao CCHC quy IV.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20CCHC%20qu%C3%BD%20IV.pdf`,
    );
    const file = await fetch(signed);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(FILES.pdf());
    // The agency's own page links the same download.
    expect(await (await agency.get(`/submissions/${submissionId}`)).text()).toContain(`href="${href}"`);
    // An attachment id that is not there: 404.
    expect((await editor.get(`/submissions/${submissionId}/attachments/0123456789abcdef`)).status).toBe(404);
  });

  it('keeps a draft’s attachments to its agency: the desks are told 404', async () => {
    const draft = await agency.post('/submissions/new', { ...CCHC_TEXT, title: `${CCHC_TEXT.title} (bản nháp)` });
    const draftId = /^\/submissions\/([a-f0-9]{24})/.exec(draft.headers.get('location')!)![1]!;
    expect((await agency.post(`/submissions/${draftId}/attachments`, { name: 'Dự thảo.pdf', type: 'application/pdf' })).status).toBe(303);
    const form = uploadFormOf(await (await agency.get(`/submissions/${draftId}`)).text())!;
    const uploaded = await postToS3(form, FILES.pdf(), 'du-thao.pdf', 'application/pdf');
    const back = new URL(uploaded.headers.get('location')!);
    await agency.get(`${back.pathname}${back.search}`);
    const page = await (await agency.get(`/submissions/${draftId}`)).text();
    const href = new RegExp(`href="(/submissions/${draftId}/attachments/[a-f0-9]{16})"`).exec(page)![1]!;
    expect((await agency.get(href)).status).toBe(303);
    const editor = await world.session('bao');
    expect((await editor.get(href)).status).toBe(404);
    const homeAffairs = await world.session('noivu');
    expect((await homeAffairs.get(href)).status).toBe(404);
  });

  it('lists the agency’s submissions and stories with the desks’ statuses on “Tin của cơ quan”', async () => {
    const response = await agency.get('/submissions');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Tin của cơ quan');
    expect(page).toContain('CCHC-2026-Q4-00001');
    expect(page).toContain(`href="/stories/${storyId}"`);
    expect(page).toContain('Gửi trực tiếp');
    expect(page).toMatch(/Đề xuất/);
    // The nav links the page for the agency user.
    expect(page).toContain('href="/submissions">Tin của cơ quan</a>');
    // The story page is the agency's to read.
    expect((await agency.get(`/stories/${storyId}`)).status).toBe(200);
  });

  it('a second submit returns the same receipt and creates neither a story nor an e-mail', async () => {
    const again = await agency.post(`/submissions/${submissionId}/submit`, {});
    expect(again.status).toBe(303);
    const page = await (await agency.get(`/submissions/${submissionId}`)).text();
    expect(page).toContain('CCHC-2026-Q4-00001');
    expect(world.mails()).toHaveLength(1);
    const credits = await new StoriesRepository(world.clients).creditsOf('so-tu-phap', '2026-Q4');
    expect(credits.filter((credit) => credit.storyId === storyId)).toHaveLength(1);
  });

  it('refuses edits after submit', async () => {
    const edit = await agency.post(`/submissions/${submissionId}`, { ...CCHC_TEXT, title: 'Tiêu đề đã đổi sau khi gửi', version: '2' });
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain('Tin đã gửi không thể sửa.');
  });
});

/** The text of a MIME message, its quoted-printable or base64 parts decoded. */
function decodeMail(raw: string): string {
  const parts = [raw];
  for (const match of raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)) parts.push(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64').toString('utf8'));
  for (const match of raw.matchAll(/Content-Transfer-Encoding: quoted-printable\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?:\r?\n--|$)/gi)) {
    const bytes = match[1]!.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    parts.push(Buffer.from(bytes, 'latin1').toString('utf8'));
  }
  return parts.join('\n');
}
