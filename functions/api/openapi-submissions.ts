/**
 * The OpenAPI paths of direct submissions (issue 5), generated from the zod
 * schemas the routes validate with; spread into openapi.ts's `paths`.
 */
import * as z from 'zod';
import { attachmentDeclarationSchema, createSubmissionSchema, updateSubmissionSchema } from '../../shared/submissions/schema';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (the message names the field)',
  401: 'Not signed in',
  403: 'Signed in without the right role, or for another agency (admins and the agency’s own users only)',
  404: 'No such submission — also what an agency user is told for another agency’s',
  409: 'Changed by someone else since `version`: reload',
  422: 'Refused: the submission is no longer a draft, an attachment failed its check after upload (it was deleted), or too many attachments',
};

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: DESCRIPTIONS[code] ?? '', content: { 'application/json': { schema: { $ref: code === 409 ? '#/components/schemas/Conflict' : '#/components/schemas/Error' } } } }]),
  );
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-f0-9]{24}$' } };
const attachmentId = { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-f0-9]{16}$' } };

/** Built on first use: generating JSON Schemas at import would slow every cold start. */
export const submissionPaths = () => ({
  '/api/v1/submissions': {
    post: {
      summary: 'Create a draft submission (an agency user: for its own agency; an admin: `agencyId` required)',
      requestBody: body(createSubmissionSchema),
      responses: { 201: ok('The draft, with `id` and `version`'), ...errors(400, 401, 403) },
    },
  },
  '/api/v1/submissions/{id}': {
    get: { summary: 'A submission with its attachments, status and (once submitted) receipt number', parameters: [id], responses: { 200: ok('The submission'), ...errors(401, 403, 404) } },
    put: { summary: "Update a draft's text, conditional on `version`", parameters: [id], requestBody: body(updateSubmissionSchema), responses: { 200: ok('The draft'), ...errors(400, 401, 403, 404, 409, 422) } },
  },
  '/api/v1/submissions/{id}/attachments': {
    post: {
      summary:
        'Declare an attachment and get a presigned POST for it: `upload.url` and `upload.fields`; POST them as multipart/form-data to the URL with the file last (field `file`). The policy allows exactly the declared Content-Type, 1 byte to 20 MB, the given key under `uploads/<id>/`, for 15 minutes.',
      parameters: [id],
      requestBody: body(attachmentDeclarationSchema),
      responses: { 201: ok('`{attachment, upload: {url, fields, expiresAt, maxBytes}}`'), ...errors(400, 401, 403, 404, 422) },
    },
  },
  '/api/v1/submissions/{id}/attachments/{attachmentId}/complete': {
    post: { summary: 'Check an uploaded attachment now (size, and its first bytes against the declared type); a failing file is deleted (422). Optional: submit checks every attachment again.', parameters: [id, attachmentId], responses: { 200: ok('`{attachment}`'), ...errors(401, 403, 404, 422) } },
  },
  '/api/v1/submissions/{id}/submit': {
    post: {
      summary: 'Submit: checks every attachment again, creates the story (classified, credited, routed to the desks), returns the receipt number and e-mails it to the agency. Idempotent: a repeat returns the same receipt and creates nothing.',
      parameters: [id],
      responses: { 200: ok('`{receipt, storyId, alreadySubmitted, mail, submission}`'), ...errors(401, 403, 404, 422) },
    },
  },
});
