/**
 * The OpenAPI 3.1 document of /api/v1. Request bodies are generated from the
 * same zod schemas the routes validate with, so the document cannot drift
 * from what the API accepts.
 */
import * as z from 'zod';
import { AREA_IDS } from '../../shared/config/areas';
import { DESK_STATUSES } from '../../shared/desks/workflow';
import { airtimeSchema, labelsSchema, transitionSchema } from './routes/queries';
import { submissionPaths } from './openapi-submissions';
import { compliancePaths } from './openapi-compliance';
import { sourcePaths } from './openapi-sources';

const errorSchema = { type: 'object', required: ['error'], properties: { error: { type: 'string', description: 'What is wrong, for people (Vietnamese or English).' } } };
const conflictSchema = {
  type: 'object',
  required: ['error', 'changedBy', 'changedAt'],
  properties: { error: { type: 'string' }, changedBy: { type: ['string', 'null'] }, changedAt: { type: ['string', 'null'], format: 'date-time' } },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description:
          { 400: 'Invalid input (the message names the field)', 401: 'Not signed in', 403: 'Signed in without the right role', 404: 'No such story, desk or slot', 409: 'Changed by someone else since `version`: reload', 422: 'Refused by the workflow (move not allowed, slot full, …)' }[code] ?? '',
        content: { 'application/json': { schema: code === 409 ? { $ref: '#/components/schemas/Conflict' } : { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );

const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const storyIdParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } };

let cached: unknown;

/** The document (built once). */
export function openApiDocument(): unknown {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'cchc-pipeline API',
      version: '1.0.0',
      description:
        'Administrative-reform (CCHC) news of Bình Định: stories, their labels and the editorial desks. Every request needs `Authorization: Bearer <token>` (a Cognito access token in AWS, an API token locally) or a browser session (then state-changing requests need the `x-csrf-token` header). Anonymous requests answer 401.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'cchc_session' },
      },
      schemas: { Error: errorSchema, Conflict: conflictSchema },
    },
    paths: {
      '/api/v1/desks': { get: { summary: 'The desks the caller may read, with their rules, slots and next slot', responses: { 200: ok('Desks'), ...errors(401) } } },
      '/api/v1/stories': {
        get: {
          summary: "A desk's queue (with `desk`), or the newest stories the caller may read (without)",
          parameters: [
            { name: 'desk', in: 'query', schema: { type: 'string' } },
            { name: 'status', in: 'query', schema: { type: 'string', enum: DESK_STATUSES, default: 'proposed' } },
            { name: 'area', in: 'query', schema: { type: 'string', enum: AREA_IDS } },
            { name: 'agency', in: 'query', schema: { type: 'string' } },
            { name: 'q', in: 'query', description: 'Words that must all occur in the title or summary; diacritics do not matter', schema: { type: 'string', maxLength: 100 } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'cursor', in: 'query', description: 'The `cursor` of the previous page', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          ],
          responses: { 200: ok('`{ stories, cursor }`; cursor null on the last page'), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/v1/stories/{id}': {
        get: { summary: 'A story with its labels, desk entries, version and history', parameters: [storyIdParameter], responses: { 200: ok('The story'), ...errors(401, 403, 404) } },
      },
      '/api/v1/stories/{id}/labels': {
        put: { summary: "Correct a story's relevance and areas (a person's label wins over the classifier's); re-routes it", parameters: [storyIdParameter], requestBody: body(labelsSchema), responses: { 200: ok('The story after the change'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/api/v1/stories/{id}/transitions': {
        post: { summary: 'Move a story on a desk: shortlist, schedule into a slot, publish, reject (with a note), step back', parameters: [storyIdParameter], requestBody: body(transitionSchema), responses: { 200: ok('`{ storyId, version, desk, status, slot }`'), ...errors(400, 401, 403, 404, 409, 422) } },
      },
      '/api/v1/stories/{id}/airtime': {
        put: { summary: "Set a story's airtime on a segment desk (seconds)", parameters: [storyIdParameter], requestBody: body(airtimeSchema), responses: { 200: ok('`{ storyId, version, desk, seconds }`'), ...errors(400, 401, 403, 404, 409, 422) } },
      },
      '/api/v1/desks/{desk}/slots/{slot}': {
        get: { summary: 'A slot (page `YYYY-MM` or air date `YYYY-MM-DD`) and its stories', parameters: [{ name: 'desk', in: 'path', required: true, schema: { type: 'string' } }, { name: 'slot', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('The slot'), ...errors(401, 403, 404, 422) } },
      },
      '/api/v1/desks/{desk}/slots/{slot}/plan': {
        get: { summary: "The planner's proposal for a slot, with its objective figures", parameters: [{ name: 'desk', in: 'path', required: true, schema: { type: 'string' } }, { name: 'slot', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('The plan'), ...errors(401, 403, 404, 422) } },
      },
      ...submissionPaths(),
      ...compliancePaths(),
      ...sourcePaths(),
    },
  };
  return cached;
}
