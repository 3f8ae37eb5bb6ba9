/**
 * The site (infra/constructs/web-hosting.ts) in the stack: its bucket, the distribution, the security
 * headers and the admin page's directory index.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { courtdesk, logicalId, refOf, resourcesOfType } from './support.ts';

const { stack, template } = courtdesk();

describe('web hosting', () => {
  it('the site bucket is private, encrypted, SSL-only and logged', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: Match.anyValue() }),
      LoggingConfiguration: {
        DestinationBucketName: refOf(stack.webHosting.logBucket),
        LogFilePrefix: 's3/site/',
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: refOf(stack.webHosting.bucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
  });

  it('CloudFront serves the bucket through OAC and /api/* from the HTTP API, uncached, Authorization forwarded', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: refOf(stack.webHosting.node.findChild('SecurityHeaders')),
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/admin/*',
            ViewerProtocolPolicy: 'redirect-to-https',
            ResponseHeadersPolicyId: refOf(stack.webHosting.node.findChild('AdminSecurityHeaders')),
          }),
          Match.objectLike({ PathPattern: '/palidziba/*' }),
          Match.objectLike({ PathPattern: '/en/help/*' }),
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            // With caching disabled, the all-viewer policies forward `Authorization` (the staff
            // token) too; an origin request policy cannot name that header on its own.
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
          }),
        ],
      }),
    });
  });

  /** The security headers of a response headers policy: the site's, or the admin page's. */
  const securityHeaders = (policy: 'SecurityHeaders' | 'AdminSecurityHeaders' = 'SecurityHeaders') => {
    const policies = resourcesOfType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    const { Ref } = refOf(stack.webHosting.node.findChild(policy)) as { Ref: string };
    const config = policies[Ref]!.Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
    return config.SecurityHeadersConfig;
  };

  it('only the admin page may show remote images (of an email, once staff allow it)', () => {
    const site = JSON.stringify(securityHeaders().ContentSecurityPolicy);
    const admin = JSON.stringify(securityHeaders('AdminSecurityHeaders').ContentSecurityPolicy);
    expect(site).toContain("img-src 'self' data:;");
    expect(admin).toContain("img-src 'self' data: https:;");
    for (const csp of [site, admin]) {
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self';");
    }
    expect(securityHeaders('AdminSecurityHeaders').StrictTransportSecurity).toEqual(
      securityHeaders().StrictTransportSecurity,
    );
  });

  it('every response carries HSTS, a CSP without framing, nosniff, DENY framing and a referrer policy', () => {
    const headers = securityHeaders();
    expect(headers.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
    expect(headers.StrictTransportSecurity?.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({
      ReferrerPolicy: 'strict-origin-when-cross-origin',
      Override: true,
    });
    // The CSP names the sign-in domain (a token), so it is an Fn::Join.
    const csp = JSON.stringify(headers.ContentSecurityPolicy);
    expect(headers.ContentSecurityPolicy?.Override).toBe(true);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('the CSP lets the admin page connect to the sign-in domain (token exchange, revocation) and nowhere else', () => {
    const csp = securityHeaders().ContentSecurityPolicy?.ContentSecurityPolicy as {
      'Fn::Join': [string, unknown[]];
    };
    const [head, domain, auth, region, tail] = csp['Fn::Join'][1];
    expect(head).toMatch(/connect-src 'self' https:\/\/$/);
    expect([domain, auth, region]).toEqual([
      refOf(stack.staffIdentity.domain),
      '.auth.',
      { Ref: 'AWS::Region' },
    ]);
    expect(tail).toMatch(/^\.amazoncognito\.com;/);
  });

  it("the admin page's CSP lets it upload to the mail bucket's own endpoint, the site's does not", () => {
    const admin = securityHeaders('AdminSecurityHeaders').ContentSecurityPolicy?.ContentSecurityPolicy as {
      'Fn::Join': [string, unknown[]];
    };
    const parts = admin['Fn::Join'][1];
    const bucketHost = {
      'Fn::GetAtt': [logicalId(stack.storage.bucket('mail').bucket), 'RegionalDomainName'],
    };
    const at = parts.findIndex((part) => JSON.stringify(part) === JSON.stringify(bucketHost));
    expect(at).toBeGreaterThan(0);
    expect(String(parts[at - 1])).toMatch(/ https:\/\/$/);
    expect(String(parts[at + 1])).toMatch(/^;/);
    // connect-src 'self' https://<sign-in domain> https://<mail bucket>; nothing else.
    expect(String(parts[at - 1])).toBe('.amazoncognito.com https://');
    expect(String(parts.slice(0, at - 4).join(''))).toMatch(/connect-src 'self' https:\/\/$/);
    expect(JSON.stringify(securityHeaders().ContentSecurityPolicy)).not.toContain('RegionalDomainName');
  });

  it('/admin/ serves admin/index.html through a viewer-request function', () => {
    const functionsByLogicalId = resourcesOfType('AWS::CloudFront::Function');
    const [[functionId, cloudFrontFunction]] = Object.entries(functionsByLogicalId) as [
      [string, { Properties: Record<string, unknown> }],
    ];
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [
            { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
          ],
        }),
      }),
    });
    expect(cloudFrontFunction.Properties.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    // Run the function's code as CloudFront would, on a few paths.
    const handler = new Function(
      `${cloudFrontFunction.Properties.FunctionCode as string}; return handler;`,
    )() as (event: unknown) => {
      uri?: string;
      statusCode?: number;
      headers?: { location: { value: string } };
    };
    const run = (uri: string) => handler({ request: { uri, headers: {}, querystring: {} } });
    expect(run('/admin/').uri).toBe('/admin/index.html');
    expect(run('/').uri).toBe('/index.html');
    expect(run('/admin')).toMatchObject({ statusCode: 301, headers: { location: { value: '/admin/' } } });
    expect(run('/admin/app.js').uri).toBe('/admin/app.js');
    expect(run('/styles.css').uri).toBe('/styles.css');
    expect(run('/palidziba/').uri).toBe('/palidziba/index.html');
    // The client survey: its link is `/aptauja/?t=…` (the query string is not part of the uri).
    expect(run('/aptauja/').uri).toBe('/aptauja/index.html');
    expect(run('/aptauja/app.js').uri).toBe('/aptauja/app.js');
    expect(run('/en/help/state-fee-refund/').uri).toBe('/en/help/state-fee-refund/index.html');
    expect(run('/palidziba')).toMatchObject({
      statusCode: 301,
      headers: { location: { value: '/palidziba/' } },
    });
    // Never to another site: a protocol-relative location (// or /\, which browsers read alike).
    for (const [uri, location] of [
      ['//evil.example/x', '/evil.example/x/'],
      ['//evil', '/evil/'],
      ['///evil.example/a/b', '/evil.example/a/b/'],
      ['/\\evil.example/x', '/evil.example/x/'],
      ['/\\/evil.example/x', '/evil.example/x/'],
    ]) {
      const answer = run(uri ?? '');
      expect(answer).toMatchObject({ statusCode: 301, headers: { location: { value: location } } });
      expect(answer.headers?.location.value).not.toMatch(/^[/\\]{2}/);
    }
  });

  it('serves the help pages from the help bucket through OAC, briefly cached, folder index and site headers', () => {
    // Prepare
    const helpBucket = stack.storage.bucket('help').bucket;
    const distribution = Object.values(resourcesOfType('AWS::CloudFront::Distribution'))[0]!;
    const config = distribution.Properties.DistributionConfig as {
      Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[];
      CacheBehaviors: { PathPattern: string; TargetOriginId: string; CachePolicyId: unknown }[];
      DefaultCacheBehavior: { FunctionAssociations: unknown; ResponseHeadersPolicyId: unknown };
    };
    const helpOrigin = config.Origins.find(
      (origin) =>
        JSON.stringify(origin.DomainName) ===
        JSON.stringify({ 'Fn::GetAtt': [logicalId(helpBucket), 'RegionalDomainName'] }),
    );

    // Assess
    expect(helpOrigin?.OriginAccessControlId).toBeDefined();
    for (const pattern of ['/palidziba/*', '/en/help/*']) {
      const behaviour = config.CacheBehaviors.find((candidate) => candidate.PathPattern === pattern);
      expect(behaviour).toMatchObject({
        TargetOriginId: helpOrigin?.Id,
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: refOf(stack.webHosting.node.findChild('HelpPagesCache')),
        FunctionAssociations: config.DefaultCacheBehavior.FunctionAssociations,
        ResponseHeadersPolicyId: config.DefaultCacheBehavior.ResponseHeadersPolicyId,
      });
    }
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ DefaultTTL: 60, MaxTTL: 300, MinTTL: 0 }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: refOf(helpBucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
    // Rewritten at every publication: old versions go after a week.
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/help/' }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 7 }, Status: 'Enabled' }),
        ]),
      },
    });
  });

  it('skips the bucket deployment while the web is not built', () => {
    expect(stack.webHosting.deployment).toBeUndefined();
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});
