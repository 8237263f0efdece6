import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal, Session, Authenticator } from '../../shared/auth';
import type { AwsClients } from '../../shared/store/clients';
import type { DeskService } from '../../shared/desks/desk-service';
import type { StoriesRepository } from '../../shared/store/stories-repo';
import type { SourcesRepository } from '../../shared/store/sources-repo';
import type { PageChrome } from '../../shared/web/html';
import type { SubmissionService } from '../../shared/submissions/service';
import type { Result } from './http';
import type { ComplianceConfig } from '../../shared/compliance/config';

/** What every route gets: the request, who asks, and the clock's reading for this request. */
export interface RequestContext {
  event: APIGatewayProxyEventV2;
  method: string;
  path: string;
  query: Record<string, string>;
  now: Date;
  principal: Principal;
  session: Session | null;
  /** The frame of pages for this user. */
  chrome: PageChrome;
}

/** The application's parts, built once per function instance. */
export interface Services {
  clients: AwsClients;
  stories: StoriesRepository;
  sources: SourcesRepository;
  desks: DeskService;
  auth: Authenticator;
  /** Direct submissions by agency users (drafts, uploads, submit). */
  submissions: SubmissionService;
  /** The compliance settings (yearly target, reminder days). */
  compliance: ComplianceConfig;
  /** Agency ids and names (for display), cached briefly. */
  agencies(): Promise<{ id: string; name: string; kind: string }[]>;
}

/** A route: method, path pattern, and its handler with the pattern's groups. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  handle(ctx: RequestContext, params: string[], services: Services): Promise<Result>;
}
