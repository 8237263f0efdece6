/**
 * The OpenAPI paths of the compliance view and Sở Nội vụ's counted marks
 * (issue 5), generated from the zod schema the route validates with;
 * spread into openapi.ts's `paths`.
 */
import * as z from 'zod';
import { countMarkInputSchema } from '../../shared/compliance/marks';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (the message names the field)',
  401: 'Not signed in',
  403: 'Signed in without the right role (marks: Sở Nội vụ and admins only)',
  404: 'No such story',
  409: 'Changed by someone else since `version`: reload',
};

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: DESCRIPTIONS[code] ?? '', content: { 'application/json': { schema: { $ref: code === 409 ? '#/components/schemas/Conflict' : '#/components/schemas/Error' } } } }]),
  );
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });

/** Built on first use: generating JSON Schemas at import would slow every cold start. */
export const compliancePaths = () => ({
  '/api/v1/compliance/{quarter}': {
    get: {
      summary:
        'The quarter view: one row per agency judged in the quarter (contract fields `agencyId, agencyName, kind, items, areas, leadAreas, leadAreasMissing, status, firstAt, lastAt`, plus `daysLeft` while the quarter runs, `health` of its sources and `yearItems`/`yearlyTarget`), with totals. An agency user gets its own row only.',
      parameters: [{ name: 'quarter', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-Q[1-4]$' } }],
      responses: { 200: ok('`{ quarter, state, daysLeft, rows, totals, yearlyTarget }`'), ...errors(400, 401, 403) },
    },
  },
  '/api/v1/stories/{id}/count': {
    put: {
      summary: "Sở Nội vụ's mark: the story counts (or not) for the quarterly report, with a reason — it beats any label; `{clear: true, version}` removes it. Kept in the story's history.",
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }],
      requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(countMarkInputSchema, { io: 'input', unrepresentable: 'any' }) } } },
      responses: { 200: ok('`{ storyId, version, countMark, relevant }`'), ...errors(400, 401, 403, 404, 409) },
    },
  },
});
