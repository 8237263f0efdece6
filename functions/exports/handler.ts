/**
 * The exports function: `GET /exports/compliance/{period}.{csv,xlsx,json}`
 * (a quarter `2025-Q2`, a half-year `2025-H1`, a year `2025`). Its own
 * Lambda so the api function's bundle carries no spreadsheet writer. The
 * same sign-in as the api function, checked first; Sở Nội vụ and admins
 * export every agency, an agency user only its own row. Read-only on the
 * table.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AUTH_PATHS, agencyScope, can, cognitoConfigFromEnvironment, createAuthenticator, type CognitoConfig, type LocalUser } from '../../shared/auth';
import { authVi } from '../../shared/auth/strings';
import { parsePeriod, PeriodError } from '../../shared/compliance/periods';
import { buildReport, reportJson } from '../../shared/compliance/report';
import { complianceCsv } from '../../shared/compliance/exports/csv';
import { environment } from '../../shared/env';
import { createLogger } from '../../shared/observability/logger';
import { awsTableClients, type AwsClients } from '../../shared/store/table-clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';

type Result = APIGatewayProxyStructuredResultV2;

const logger = createLogger('exports');

/** The path prefix this function serves (API Gateway routes `/exports/{proxy+}` here). */
export const EXPORTS_PREFIX = '/exports/';

const EXPORT_PATH = /^\/exports\/compliance\/(\d{4}(?:-[QqHh]\d)?)\.(csv|xlsx|json)$/;

const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;

const refuse = (status: number, message: string): Result => ({
  statusCode: status,
  headers: { ...HEADERS, 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: message }),
});

/** What the exports function is built from (the local runtime passes its own). */
export interface ExportsDeps {
  clients: AwsClients;
  now?: () => Date;
  users?: readonly LocalUser[];
  cognito?: CognitoConfig;
  secureCookies?: boolean;
}

/** Builds the exports handler over explicit dependencies. */
export function createExportsHandler(deps: ExportsDeps) {
  const now = deps.now ?? (() => new Date());
  const auth = createAuthenticator({
    clients: deps.clients,
    ...(deps.users ? { users: deps.users } : {}),
    ...(deps.cognito ? { cognito: deps.cognito } : {}),
    secureCookies: deps.secureCookies ?? true,
  });
  const reportDeps = { stories: new StoriesRepository(deps.clients), sources: new SourcesRepository(deps.clients) };

  return async (event: APIGatewayProxyEventV2): Promise<Result> => {
    const path = event.rawPath || '/';
    const method = event.requestContext.http.method;
    const at = now();
    try {
      // Sign-in first: anonymous callers learn nothing about what exists.
      const signedIn = await auth.authenticate({ headers: event.headers ?? {}, ...(event.cookies ? { cookies: event.cookies } : {}) }, at);
      if (!signedIn) {
        if (method !== 'GET' || event.headers?.authorization) return refuse(401, authVi.errors.unauthenticatedApi);
        const next = `${path}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
        return { statusCode: 303, headers: { ...HEADERS, location: `${AUTH_PATHS.signIn}?next=${encodeURIComponent(next)}` }, body: '' };
      }
      const match = EXPORT_PATH.exec(path);
      if (!match || method !== 'GET') return refuse(404, 'not found');
      const scope = agencyScope(signedIn.principal);
      if (!can(signedIn.principal, 'compliance.read', { agencyId: scope })) return refuse(403, 'Bạn không có quyền thực hiện thao tác này.');
      let period;
      try {
        period = parsePeriod(match[1]!);
      } catch (error) {
        if (error instanceof PeriodError) return refuse(400, error.message);
        throw error;
      }
      const format = match[2] as keyof typeof CONTENT_TYPES;
      const report = await buildReport(reportDeps, period, at, { agencyId: scope });
      const filename = `bao-cao-cchc-${period.id}${scope ? `-${scope}` : ''}.${format}`;
      const headers = { ...HEADERS, 'content-type': CONTENT_TYPES[format], 'content-disposition': `attachment; filename="${filename}"` };
      if (format === 'xlsx') {
        // The spreadsheet writer (exceljs, ≈ 400 KB with its zip and streams) is a chunk of its own, compiled on the first workbook only.
        const { complianceXlsx } = await import('../../shared/compliance/exports/xlsx');
        return { statusCode: 200, headers, body: (await complianceXlsx(report)).toString('base64'), isBase64Encoded: true };
      }
      return { statusCode: 200, headers, body: format === 'csv' ? complianceCsv(report) : reportJson(report) };
    } catch (error) {
      logger.error('export failed', { path, error: error as Error });
      return refuse(500, 'internal error');
    }
  };
}

let defaultHandler: ReturnType<typeof createExportsHandler> | undefined;

/** The Lambda entry point behind `/exports/{proxy+}`. */
export const handler = (event: APIGatewayProxyEventV2): Promise<Result> => {
  if (!defaultHandler) {
    const env = environment();
    const cognito = cognitoConfigFromEnvironment(env, event.requestContext.domainName);
    defaultHandler = createExportsHandler({ clients: awsTableClients(), ...(cognito ? { cognito } : {}) });
  }
  return defaultHandler(event);
};
