import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { AuthConfig } from '../config';
import { pascalCase } from './collection';

/**
 * The roles of issue 4, one Cognito group each. A user's groups arrive in
 * both the ID and the access token as `cognito:groups` (Cognito puts the
 * claim in access tokens by default; it is absent for a user in no group).
 */
export const AUTH_GROUPS = [
  {
    name: 'editor-newspaper',
    description: 'Biên tập viên Báo Bình Định: duyệt, chọn và xếp tin vào trang cải cách hành chính hằng tháng',
  },
  {
    name: 'editor-tv',
    description:
      'Biên tập viên Đài Phát thanh và Truyền hình Bình Định: duyệt, chọn và xếp tin vào chuyên mục cải cách hành chính hai tuần một lần',
  },
  {
    name: 'home-affairs',
    description: 'Sở Nội vụ: theo dõi tin cải cách hành chính của các cơ quan, đơn vị và tổng hợp hằng quý',
  },
  {
    name: 'agency',
    description: 'Cơ quan, đơn vị (gắn với một cơ quan qua nhóm agency:<mã cơ quan>): xem tin và số liệu của cơ quan mình',
  },
  {
    name: 'admin',
    description: 'Quản trị viên: quản lý người dùng, cấu hình và mọi bàn biên tập',
  },
] as const satisfies readonly { name: string; description: string }[];

export type AuthGroupName = (typeof AUTH_GROUPS)[number]['name'];

/**
 * An `agency` user is bound to one agency by a second group,
 * `agency:<agency id>` (shared/auth/cognito.ts reads it). A group and not a
 * custom attribute: access tokens — what integrations send — carry
 * `cognito:groups` but no custom attributes, and only admins manage groups.
 */
export const AGENCY_GROUP_PREFIX = 'agency:';

/**
 * The user pool's logical id, pinned (to the one CDK generated for
 * `Auth/UserPool`, so a stack deployed before the pin keeps its pool): a
 * moved or renamed construct would otherwise make CloudFormation create a
 * new, empty pool — every user, group membership and password lost, and a
 * new pool id that the api function checks tokens against.
 */
export const USER_POOL_LOGICAL_ID = 'AuthUserPool8115E87F';

/** Path of the api function's OAuth callback, when no callback URL is configured. */
export const CALLBACK_PATH = 'auth/callback';

export interface AuthProps {
  /** `cchc:auth` from the context, validated (infra/config.ts). */
  readonly config: AuthConfig;
  /**
   * The HTTP API's base URL, ending in `/` (a token until deploy). Used for
   * the callback URL (`…/auth/callback`) and the logout URL (`…/`) when the
   * configuration lists none.
   */
  readonly apiBaseUrl: string;
}

/**
 * Sign-in for the editorial desks: a Cognito user pool (invitation only),
 * a group per role, an app client for the web UI and the pool's sign-in
 * domain with managed login.
 *
 * Cost: the Essentials plan, whose first 10,000 monthly active users are
 * free (a province's editors and agencies are a few hundred). Threat
 * protection (adaptive authentication, compromised credentials) needs the
 * Plus plan, billed for every active user with no free tier, so it is off.
 * Email goes through Cognito's own sender (no SES, no SMS, no SNS role);
 * its daily quota is enough for invitations and password resets at this
 * scale.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly groups: Readonly<Record<AuthGroupName, cognito.UserPoolGroup>>;
  /** The callback and logout URLs the client was given (tokens when derived from the API). */
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const { config } = props;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      // Admins invite users (AdminCreateUser); nobody signs up on their own.
      selfSignUpEnabled: false,
      // The e-mail address is the user name: users sign in with it, and it is
      // unique in the pool. `sub` stays the stable id for the application.
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        // An invitation's temporary password.
        tempPasswordValidity: Duration.days(7),
        // Essentials: the last five passwords cannot be reused.
        passwordHistorySize: 5,
      },
      mfa: cognito.Mfa.OPTIONAL,
      // TOTP apps only: SMS would need an SNS role and costs per message,
      // e-mail codes would need SES.
      mfaSecondFactor: { otp: true, sms: false, email: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // No threat protection (`UserPoolAddOns`): it needs the Plus plan (see above).
      userInvitation: {
        emailSubject: 'Tài khoản hệ thống tin cải cách hành chính Bình Định',
        emailBody:
          'Xin chào,<br><br>Bạn được mời sử dụng hệ thống tin cải cách hành chính tỉnh Bình Định.<br>' +
          'Tên đăng nhập: {username}<br>Mật khẩu tạm thời: {####}<br><br>' +
          'Mật khẩu tạm thời có hiệu lực 7 ngày; hệ thống sẽ yêu cầu bạn đặt mật khẩu mới ở lần đăng nhập đầu tiên.',
      },
      userVerification: {
        emailSubject: 'Mã xác minh - hệ thống tin cải cách hành chính Bình Định',
        emailBody: 'Mã xác minh của bạn là {####}.',
        emailStyle: cognito.VerificationEmailStyle.CODE,
      },
      email: cognito.UserPoolEmail.withCognito(),
      // The province's users and their group memberships: never deleted
      // with the stack, and not deletable by accident in the console either.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    (this.userPool.node.defaultChild as cognito.CfnUserPool).overrideLogicalId(USER_POOL_LOGICAL_ID);
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials plan on purpose: its first 10,000 monthly active users are free and the province has a few hundred; ' +
        'Plus (threat protection) is billed for every active user with no free tier',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'TOTP is offered to every user (MFA optional, set up from the managed login); required MFA would bar agency staff ' +
        'without an authenticator app from their first sign-in, and the SMS and e-mail factors cost per message or need SES. ' +
        'Passwords are 12+ characters with history, accounts are invitation-only; admins are asked to enrol (README, Deploy to AWS)',
    });

    const groups: Partial<Record<AuthGroupName, cognito.UserPoolGroup>> = {};
    for (const group of AUTH_GROUPS) {
      groups[group.name] = this.userPool.addGroup(pascalCase(group.name), {
        groupName: group.name,
        description: group.description,
      });
    }
    this.groups = groups as Record<AuthGroupName, cognito.UserPoolGroup>;

    this.callbackUrls = config.callbackUrls.length > 0 ? config.callbackUrls : [`${props.apiBaseUrl}${CALLBACK_PATH}`];
    this.logoutUrls = config.logoutUrls.length > 0 ? config.logoutUrls : [props.apiBaseUrl];

    // A PUBLIC client (no secret) whose code exchange is protected by PKCE.
    //
    // The api function exchanges the code server-side, so a confidential
    // client with a secret would be the textbook choice. But the secret has
    // to reach the function, and every way costs more than it protects:
    // - CDK reads the generated secret with a custom resource (an extra
    //   Lambda function and role in the stack) and could only hand it over as
    //   a plain environment variable, visible to anyone who may read the
    //   function's configuration;
    // - Secrets Manager costs $0.40 a month per secret plus calls, and the api
    //   would need secretsmanager:GetSecretValue; an SSM SecureString cannot
    //   be created by CloudFormation at all, and ssm:GetParameter + kms:Decrypt
    //   would again widen the api's role, which is to stay table-only.
    // With PKCE (S256) an intercepted authorization code is useless without
    // the verifier, which only the api function and the browser's own
    // HttpOnly cookie ever hold; tokens never reach page scripts either; the
    // callback URLs are an exact allow-list; RFC 9700 recommends PKCE for
    // every client anyway. Cognito does not force PKCE on a public client, so
    // the runtime must always send code_challenge_method=S256.
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      // The password is checked by the managed login pages (SRP, so it is never
      // sent as such); no user-password or custom flows for scripts.
      authFlows: { userSrp: true, userPassword: false, adminUserPassword: false, custom: false, user: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [...this.callbackUrls],
        logoutUrls: [...this.logoutUrls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // A working day: editors sign in again each morning. A public client's
      // refresh token needs no secret to use, so it should not live long.
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
      // Users may change their name only: not their e-mail (it is their user
      // name, changed by an admin); their agency is a group only admins set.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: config.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    // Managed login shows an error page for a client without a style; this
    // one takes Cognito's default look (the branding designer can change it).
    new cognito.CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }

  /** `https://<prefix>.auth.<region>.amazoncognito.com` (no trailing slash). */
  get domainUrl(): string {
    return this.domain.baseUrl();
  }
}

