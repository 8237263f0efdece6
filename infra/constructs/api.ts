import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
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
}

/**
 * The web front: an API Gateway HTTP API whose default route sends every
 * request to the api function, which renders the pages and serves the JSON
 * API itself (routing lives in code, where the local server shares it).
 * Sign-in with Cognito is added to this construct by the desks work.
 */
export class Api extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly handler: LambdaFunction;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.handler = new LambdaFunction(this, 'Handler', {
      projectRoot: props.projectRoot,
      definition: props.function,
      resources: { table: props.table, bucket: props.bucket, queues: {} },
      logRetention: props.logRetention,
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'CCHC pipeline: pages and JSON API',
      defaultIntegration: new HttpLambdaIntegration('Handler', this.handler.function, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.custom(props.payloadFormatVersion),
      }),
    });
  }

  /** The default stage's URL (the API always has one: `createDefaultStage` is on). */
  get url(): string {
    return this.httpApi.url ?? this.httpApi.apiEndpoint;
  }
}
