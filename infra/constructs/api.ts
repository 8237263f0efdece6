import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Environment } from '../../shared/env';
import type { FunctionDefinition } from '../definitions/functions';
import { LambdaFunction } from './lambda-function';

export interface ApiProps {
  readonly projectRoot: string;
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  /** The function behind the HTTP API. */
  readonly function: FunctionDefinition;
  /** API Gateway's payload format, as the local HTTP server produces it. */
  readonly payloadFormatVersion: '1.0' | '2.0';
  readonly logRetention: logs.RetentionDays;
  /** The desks configuration as JSON (`CCHC_DESKS`). */
  readonly desksJson: string;
  /**
   * The function behind `GET /exports/{proxy+}` (report downloads), kept
   * apart so the api function's bundle carries no spreadsheet writer.
   */
  readonly exportsFunction?: FunctionDefinition;
  /**
   * The function behind `/sources-preview/{proxy+}` and `POST
   * /api/v1/sources/test` ("Thử nguồn này"), kept apart so the api
   * function's bundle carries no parser.
   */
  readonly sourcePreviewFunction?: FunctionDefinition;
}

/** The access log line (API Gateway `$context` variables). */
const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  path: '$context.path',
  route: '$context.routeKey',
  status: '$context.status',
  bytes: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  userAgent: '$context.identity.userAgent',
};

/** What the api function needs to send users to Cognito's sign-in and check their tokens. */
export interface ApiSignIn {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The sign-in domain as a full URL (`https://…amazoncognito.com`). */
  readonly domainUrl: string;
}

/**
 * The web front: an API Gateway HTTP API whose default route sends every
 * request to the api function, which renders the pages and serves the JSON
 * API itself (routing lives in code, where the local server shares it).
 * Sign-in is Cognito's ({@link Api.useSignIn}): the function only needs the
 * pool's and client's ids and the sign-in domain, all public values, so its
 * role stays limited to the table.
 */
export class Api extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly handler: LambdaFunction;
  /** The exports function, when the stack has one. */
  readonly exportsHandler: LambdaFunction | undefined;
  /** The source-preview function, when the stack has one. */
  readonly sourcePreviewHandler: LambdaFunction | undefined;
  /** The default stage's access log. */
  readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.handler = new LambdaFunction(this, 'Handler', {
      projectRoot: props.projectRoot,
      definition: props.function,
      resources: { table: props.table, bucket: props.bucket, queues: {}, desksJson: props.desksJson },
      logRetention: props.logRetention,
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'CCHC pipeline: pages and JSON API',
      defaultIntegration: new HttpLambdaIntegration('Handler', this.handler.function, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.custom(props.payloadFormatVersion),
      }),
    });

    // Access logs: one JSON line per request, for "who called what, when,
    // with which status" after an incident. No headers, cookies or query
    // strings (tokens and search terms stay out of the logs). Retained and
    // bounded like the functions' logs.
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = this.httpApi.defaultStage!.node.defaultChild as apigwv2.CfnStage;
    stage.accessLogSettings = {
      destinationArn: this.accessLogGroup.logGroupArn,
      format: JSON.stringify(ACCESS_LOG_FORMAT),
    };

    this.exportsHandler = props.exportsFunction
      ? new LambdaFunction(this, 'ExportsHandler', {
          projectRoot: props.projectRoot,
          definition: props.exportsFunction,
          resources: { table: props.table, bucket: props.bucket, queues: {} },
          logRetention: props.logRetention,
        })
      : undefined;
    if (this.exportsHandler) {
      this.httpApi.addRoutes({
        path: '/exports/{proxy+}',
        methods: [apigwv2.HttpMethod.GET],
        integration: new HttpLambdaIntegration('ExportsHandler', this.exportsHandler.function, {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.custom(props.payloadFormatVersion),
        }),
      });
    }

    this.sourcePreviewHandler = props.sourcePreviewFunction
      ? new LambdaFunction(this, 'SourcePreviewHandler', {
          projectRoot: props.projectRoot,
          definition: props.sourcePreviewFunction,
          resources: { table: props.table, bucket: props.bucket, queues: {}, desksJson: props.desksJson },
          logRetention: props.logRetention,
        })
      : undefined;
    if (this.sourcePreviewHandler) {
      const integration = new HttpLambdaIntegration('SourcePreviewHandler', this.sourcePreviewHandler.function, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.custom(props.payloadFormatVersion),
      });
      // The form's test button posts here; a GET (a reload) is sent back to the form.
      this.httpApi.addRoutes({ path: '/sources-preview/{proxy+}', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration });
      // The JSON test keeps its public path; only POST, so `GET /api/v1/sources/{id}` of a source named "test" stays the api's.
      this.httpApi.addRoutes({ path: '/api/v1/sources/test', methods: [apigwv2.HttpMethod.POST], integration });
    }

    for (const route of this.httpApi.node.findAll().filter((c) => c instanceof apigwv2.HttpRoute)) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Authorization is done by the functions, before routing (shared/auth/policy.ts): the pages use server-side ' +
          'session cookies that no API Gateway authorizer can check, the sign-in page and /auth/callback must be reachable ' +
          'anonymously, and Bearer tokens are verified against the user pool (aws-jwt-verify); every anonymous /api/ request is 401',
      });
    }
  }

  /**
   * Points the api function (and exports, source-preview) at the user pool. A separate step because the
   * pool's app client needs this API's URL for its callback first.
   */
  useSignIn(signIn: ApiSignIn): void {
    const set = (name: keyof Environment, value: string) => {
      this.handler.function.addEnvironment(name, value);
      this.exportsHandler?.function.addEnvironment(name, value);
      this.sourcePreviewHandler?.function.addEnvironment(name, value);
    };
    set('CCHC_COGNITO_USER_POOL_ID', signIn.userPoolId);
    set('CCHC_COGNITO_CLIENT_ID', signIn.clientId);
    set('CCHC_COGNITO_DOMAIN', signIn.domainUrl);
  }

  /** The default stage's URL (the API always has one: `createDefaultStage` is on). */
  get url(): string {
    return this.httpApi.url ?? this.httpApi.apiEndpoint;
  }
}
