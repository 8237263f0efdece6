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
import type { UserAdmin } from '../../shared/users/service';
import type { LocalUserStore } from '../../shared/users/local-directory';
import type { SourceService } from '../../shared/sources/source-service';

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
  /** Source administration (the `/sources` admin pages and API). */
  sourceAdmin: SourceService;
  /** Users (issue 8): invite, disable, enable, reset — the local store or Cognito. */
  users: UserAdmin;
  /** The local user store when it is the directory (its set-password links); null with Cognito. */
  localUsers: LocalUserStore | null;
  /** Agency ids and names (for display), cached briefly. */
  agencies(): Promise<{ id: string; name: string; kind: string }[]>;
  /** Forgets the cached agencies (after a change on `/agencies`). */
  forgetAgencies(): void;
}

/** A route: method, path pattern, and its handler with the pattern's groups. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  handle(ctx: RequestContext, params: string[], services: Services): Promise<Result>;
}
