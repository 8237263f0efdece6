/**
 * The OpenAPI paths of source administration (issue 8), generated from the
 * zod schemas the routes validate with; spread into openapi.ts's `paths`.
 */
import * as z from 'zod';
import { sourceSchema } from '../../shared/config/schema';
import { sourceActionSchema, sourceUpdateSchema } from './routes/sources';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid source (the message names the field), or an unknown agency',
  401: 'Not signed in',
  403: 'Signed in without the right role (reading health: staff; everything else: admins)',
  404: 'No such source',
  409: 'Changed by someone else since `version` (reload), or a source with that id exists',
};

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: DESCRIPTIONS[code] ?? '', content: { 'application/json': { schema: { $ref: code === 409 ? '#/components/schemas/Conflict' : '#/components/schemas/Error' } } } }]),
  );
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' } };

/** Built on first use: generating JSON Schemas at import would slow every cold start. */
export const sourcePaths = () => ({
  '/api/v1/sources': {
    get: { summary: 'Every source with its health (last success, last error, failures, next attempt, needs-repair) and version', responses: { 200: ok('`{ sources }`'), ...errors(401, 403) } },
    post: { summary: 'Add a source (due for a poll at once); audited', requestBody: body(sourceSchema), responses: { 201: ok('The source with its health and version'), ...errors(400, 401, 403, 409) } },
  },
  '/api/v1/sources/test': {
    post: {
      summary: '"Test this source": fetch its page now (same limits and politeness as collection) and show what would be extracted, with the problems found; nothing is saved',
      requestBody: body(sourceSchema),
      responses: { 200: ok('`{ ok: true, fetched, feedUrl, preview: { total, collected, rows, problems, … } }` or `{ ok: false, error }`'), ...errors(400, 401, 403) },
    },
  },
  '/api/v1/sources/{id}': {
    get: { summary: 'A source with its health, version and history (who, when, before, after)', parameters: [id], responses: { 200: ok('The source'), ...errors(401, 403, 404) } },
    put: { summary: "Replace a source's configuration, conditional on `version`; audited", parameters: [id], requestBody: body(sourceUpdateSchema), responses: { 200: ok('The source after the change'), ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/v1/sources/{id}/actions': {
    post: {
      summary: '`pause`, `resume`, `retry` (next attempt = now: the next dispatch polls it) or `repaired` (clears needs-repair), conditional on `version`; audited',
      parameters: [id],
      requestBody: body(sourceActionSchema),
      responses: { 200: ok('The source after the action'), ...errors(400, 401, 403, 404, 409) },
    },
  },
});
