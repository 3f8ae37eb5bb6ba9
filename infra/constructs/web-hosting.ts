import { existsSync } from 'node:fs';
import { CfnOutput, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
  S3OriginAccessControl,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  type Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { helpPathPrefixes } from '../../shared/knowledge/urls.ts';
import { pageContentSecurityPolicy } from '../content-security-policy.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { privateBucket } from './private-bucket.ts';

/** Context key overriding the CDK bootstrap qualifier (part of the asset bucket's name). */
const BOOTSTRAP_QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

/** Properties of {@link WebHosting}. */
export interface WebHostingProps {
  /** Host name of the HTTP API, served under `/api/*` on the same origin as the pages. */
  readonly apiDomainName: string;
  /**
   * Folder of the built web pages (`npm run build:web` writes `dist/web`). Deployed to the bucket
   * only if it exists at synth time, so the stack synthesizes before the web is built.
   */
  readonly assetsPath: string;
  /**
   * Origin of the staff sign-in (`https://<prefix>.auth.<region>.amazoncognito.com`): the admin
   * page exchanges the authorization code for tokens there, and revokes them at sign-out, so the
   * content security policy lets scripts connect to it.
   * @default - scripts connect to this origin only
   */
  readonly signInOrigin?: string;
  /**
   * Origin of the mail bucket (`https://<bucket>.s3.<region>.amazonaws.com`): the admin page PUTs
   * the files of staff replies there with presigned URLs, so its policy lets scripts connect to it.
   * @default - the admin page cannot upload files
   */
  readonly uploadOrigin?: string;
  /**
   * The public help pages' bucket (SSE-S3), served under `/palidziba/*` and `/en/help/*` with a
   * short cache life: publish-help rewrites it when the knowledge base's published set changes.
   * @default - no help pages
   */
  readonly helpBucket?: IBucket;
  /**
   * The web ACL (scope CLOUDFRONT, in us-east-1) in front of every request: managed rules and the
   * per-address limits of the public routes (`infra/edge-waf-stack.ts`).
   * @default - none (cdk-nag's AwsSolutions-CFR2 then reports the distribution)
   */
  readonly webAclArn?: string;
  /**
   * What CloudFront adds to every request of the `/api/*` origin: the origin secret's header
   * (`origin-secret.ts`), without which the functions answer 403.
   * @default - no custom header (the functions then refuse every API request)
   */
  readonly apiOriginHeaders?: Readonly<Record<string, string>>;
  /**
   * The origin secret's generation, named in the distribution's comment: raising it after a
   * rotation changes the distribution, so the deploy writes it again with the new secret.
   * @default - not named
   */
  readonly apiOriginSecretGeneration?: number;
}

/**
 * How long CloudFront keeps a help page: a minute unless the object says otherwise (publish-help
 * stores them with `max-age=60`), five at most, so a publication is public within minutes without
 * an invalidation (which would need the publisher to know the distribution, and cost per path).
 */
const helpPageTtl = { default: Duration.seconds(60), max: Duration.minutes(5) };

/**
 * Serves `<folder>/index.html` for `<folder>/` (the admin page is `/admin/`, also its sign-in
 * callback; the client survey is `/aptauja/`; every help page is a folder, `/palidziba/<slug>/`)
 * and redirects `<folder>` to
 * `<folder>/`. The S3 origin has no index documents:
 * CloudFront's default root object covers `/` only. A redirect's leading slashes (and backslashes,
 * which browsers read as slashes) collapse to one: `//evil.example/x` redirected to
 * `//evil.example/x/` would send the client to another site (a protocol-relative open redirect).
 */
const directoryIndexCode = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    var path = uri.replace(/^[\\/\\\\]+/, '/');
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: path + '/' } } };
  }
  return request;
}`;

/**
 * The public web form and the admin page (`/admin/`): a private, SSL-only bucket reached only
 * through CloudFront with Origin Access Control, the HTTP API under `/api/*` on the same origin (no
 * CORS), security headers on every response, and CloudFront and S3 access logs in a log bucket.
 */
export class WebHosting extends Construct {
  public readonly bucket: Bucket;
  public readonly logBucket: Bucket;
  public readonly distribution: Distribution;
  public readonly deployment: BucketDeployment | undefined;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);

    // CloudFront standard logs are delivered with ACLs, and S3 server access logs accept SSE-S3
    // only, so the log bucket keeps ACLs enabled and S3-managed encryption.
    this.logBucket = privateBucket(this, 'LogBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    acknowledgeNagFinding(
      this.logBucket,
      'AwsSolutions-S1',
      'This is the access-log bucket of the site bucket and the distribution; logging it into itself would loop.',
    );

    // Static pages and scripts only (no personal data), so SSE-S3 rather than a KMS key that
    // CloudFront would also need a key policy for.
    this.bucket = privateBucket(this, 'SiteBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/site/',
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'courtdesk: security headers on pages and API responses',
      securityHeadersBehavior: this.securityHeadersBehavior(
        pageContentSecurityPolicy(props.signInOrigin ? { signInOrigin: props.signInOrigin } : {}),
      ),
    });
    const adminSecurityHeaders = new ResponseHeadersPolicy(this, 'AdminSecurityHeaders', {
      comment: 'courtdesk: security headers on the admin page (remote images of emails on request)',
      securityHeadersBehavior: this.securityHeadersBehavior(
        pageContentSecurityPolicy({
          adminPage: true,
          ...(props.signInOrigin ? { signInOrigin: props.signInOrigin } : {}),
          ...(props.uploadOrigin ? { uploadOrigin: props.uploadOrigin } : {}),
        }),
      ),
    });

    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndex', {
      comment: 'courtdesk: /admin/, /aptauja/ and the help pages serve their folder index.html',
      code: FunctionCode.fromInline(directoryIndexCode),
      runtime: FunctionRuntime.JS_2_0,
    });

    // One origin access control for both buckets: CloudFront signs its reads of either the same way.
    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccessControl', {
      description: 'courtdesk: CloudFront reads the site and help buckets',
    });
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl });
    const helpBehaviours = props.helpBucket
      ? this.helpBehaviours(props.helpBucket, originAccessControl, securityHeaders, directoryIndex)
      : {};
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `courtdesk web form, admin page and /api/*${
        props.apiOriginSecretGeneration ? ` (origin secret ${props.apiOriginSecretGeneration})` : ''
      }`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // The admin page: the same bucket, its own CSP (see content-security-policy.ts).
        '/admin/*': {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: adminSecurityHeaders,
          compress: true,
          functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
        ...helpBehaviours,
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            ...(props.apiOriginHeaders ? { customHeaders: { ...props.apiOriginHeaders } } : {}),
          }),
          // A POST redirected from http would lose its body: refuse plain http outright.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Nothing is cached, so every header but Host reaches the API, `Authorization` (the staff
          // token) included: CloudFront forwards it with the all-viewer origin request policies
          // when caching is disabled, and an origin request policy cannot name it on its own.
          // Host is left out, or API Gateway would not recognise its own domain. This managed policy
          // also forwards CloudFront's viewer location headers, `CloudFront-Viewer-Address` among
          // them ("Use managed origin request policies", CloudFront Developer Guide): the audit
          // trail's client address, trusted by the functions only with the origin secret.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    acknowledgeNagFinding(
      this.distribution,
      'AwsSolutions-CFR1',
      'Clients of a Latvian court include Latvians living abroad; the form must be reachable from any country.',
    );
    acknowledgeNagFinding(
      this.distribution,
      'AwsSolutions-CFR4',
      'Uses the default *.cloudfront.net certificate until the court assigns a domain; without an ACM certificate the minimum viewer TLS version cannot be raised.',
    );

    new CfnOutput(this, 'Url', {
      description: 'Public web form (and /api/* behind it)',
      value: `https://${this.distribution.distributionDomainName}/`,
    });
    new CfnOutput(this, 'AdminUrl', { description: 'Admin page for staff', value: this.adminPageUrl });

    this.deployment = existsSync(props.assetsPath) ? this.deploy(props.assetsPath) : undefined;
  }

  /** `https://<distribution domain>/admin/`: the admin page, and its sign-in callback. */
  public get adminPageUrl(): string {
    return `https://${this.distribution.distributionDomainName}/admin/`;
  }

  /**
   * Copies the built pages into the bucket and invalidates the distribution, with CDK's deployment
   * function. That function is CDK's, not ours: its runtime and its grants on the CDK asset bucket
   * and the site bucket are acknowledged below, each finding by name.
   */
  private deploy(assetsPath: string): BucketDeployment {
    const logs = new LogGroup(this, 'DeploymentLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role rather than the default one with the AWS managed AWSLambdaBasicExecutionRole.
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'courtdesk: CDK BucketDeployment copying dist/web into the site bucket',
    });
    logs.grantWrite(role);

    const deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(assetsPath)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      logGroup: logs,
      role,
    });

    const stack = Stack.of(this);
    const pseudo = (value: string, name: string) => (Token.isUnresolved(value) ? `<AWS::${name}>` : value);
    const qualifier: unknown = this.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT);
    const assetBucket = `cdk-${typeof qualifier === 'string' ? qualifier : DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${pseudo(stack.account, 'AccountId')}-${pseudo(stack.region, 'Region')}`;
    const siteBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const findings: Record<string, string> = {
      'Resource::*':
        "cloudfront:CreateInvalidation/GetInvalidation, granted on '*' by CDK; the function invalidates only this distribution after a deploy.",
      [`Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*`]:
        'Reads the uploaded web bundle from the CDK bootstrap asset bucket (read-only, that bucket only).',
      [`Resource::<${siteBucket}.Arn>/*`]:
        'Replaces the objects of the site bucket, which holds only the built pages.',
      'Action::s3:GetObject*':
        'CDK grant for reading the bundle zip and comparing it with the objects already in the site bucket.',
      'Action::s3:GetBucket*':
        'CDK grant for reading bucket location and versioning of the two buckets it touches.',
      'Action::s3:List*': 'CDK grant for listing the two buckets it touches, to prune stale files.',
      'Action::s3:DeleteObject*': 'Prunes pages removed from the build, in the site bucket only.',
      'Action::s3:Abort*': 'Aborts its own failed multipart uploads, in the site bucket only.',
    };
    for (const [finding, reason] of Object.entries(findings)) {
      acknowledgeNagFinding(role, `AwsSolutions-IAM5[${finding}]`, reason);
    }
    const handler = stack.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (handler) {
      acknowledgeNagFinding(
        handler,
        'AwsSolutions-L1',
        "CDK's BucketDeployment function: its Python runtime and AWS CLI layer are fixed by aws-cdk-lib and run only during deployments.",
      );
    }
    return deployment;
  }

  /**
   * `/palidziba/*` and `/en/help/*` from the help bucket: the site's security headers, the folder
   * index, and a short cache life (see {@link helpPageTtl}).
   */
  private helpBehaviours(
    helpBucket: IBucket,
    originAccessControl: S3OriginAccessControl,
    responseHeadersPolicy: ResponseHeadersPolicy,
    directoryIndex: CloudFrontFunction,
  ): Record<string, BehaviorOptions> {
    const origin = S3BucketOrigin.withOriginAccessControl(helpBucket, { originAccessControl });
    const cachePolicy = new CachePolicy(this, 'HelpPagesCache', {
      comment: 'courtdesk: help pages, a minute by default so that publications show soon',
      defaultTtl: helpPageTtl.default,
      maxTtl: helpPageTtl.max,
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const behaviour: BehaviorOptions = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy,
      responseHeadersPolicy,
      compress: true,
      functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    return Object.fromEntries(helpPathPrefixes.map((prefix) => [`${prefix}*`, behaviour]));
  }

  /** HSTS for a year with subdomains, no sniffing, no framing, and the given CSP. */
  private securityHeadersBehavior(contentSecurityPolicy: string): ResponseSecurityHeadersBehavior {
    return {
      contentSecurityPolicy: { contentSecurityPolicy, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(365),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: {
        referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        override: true,
      },
    };
  }
}
