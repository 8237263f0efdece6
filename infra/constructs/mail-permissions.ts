import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as ses from 'aws-cdk-lib/aws-ses';

/**
 * Lets a function send e-mail as the stack's sender identity only, and with
 * that address as the raw message's From (not any address of the identity).
 */
export function allowSendingAs(fn: lambda.IFunction, identity: ses.IEmailIdentity, sender: string): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [identity.emailIdentityArn],
      conditions: { StringEquals: { 'ses:FromAddress': sender } },
    }),
  );
}
