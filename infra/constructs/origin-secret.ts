import { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, type IConstruct } from 'constructs';
import { originSecretHeader } from '../../shared/http/middleware/origin-guard.ts';
import type { CourtdeskFunction } from './lambda-function.ts';
import { acknowledgeNagFinding, acknowledgeNagFindings } from './nag.ts';

/** The environment variable through which the functions receive the secret's ARN. */
export const originSecretEnvName = 'ORIGIN_SECRET_ARN';

/**
 * Context key: the origin secret's generation, raised after each rotation (docs/security.md) so
 * that the next deploy updates the distribution, and CloudFormation reads the new value into it.
 */
export const originSecretGenerationContext = 'courtdesk:originSecretGeneration';

/** Properties of {@link OriginSecret}. */
export interface OriginSecretProps {
  /** The functions behind `/api/*`: each checks the secret first (`origin-guard.ts`). */
  readonly users: readonly CourtdeskFunction[];
}

/** The generation of the context (1 by default), checked. */
export function originSecretGenerationOf(scope: IConstruct): number {
  const raw: unknown = scope.node.tryGetContext(originSecretGenerationContext);
  if (raw === undefined || raw === '') return 1;
  if (!/^[1-9]\d{0,5}$/.test(String(raw)))
    throw new Error(
      `Context ${originSecretGenerationContext} must be a whole number from 1, not ${String(raw)}`,
    );
  return Number(raw);
}

/**
 * The secret CloudFront sends in the `/api/*` origin's custom header, so that only requests that
 * came through CloudFront (its web ACL, its logs) reach the functions. Secrets Manager generates it;
 * the template holds a dynamic reference that CloudFormation resolves when it writes the
 * distribution, never the value. Each function behind the API may read this secret alone
 * (`secretsmanager:GetSecretValue`, no other action) and gets its ARN as `ORIGIN_SECRET_ARN`.
 *
 * Rotation is by hand, not on a schedule: CloudFront's custom headers are fixed in the
 * distribution, so a value that Secrets Manager rotated alone would reach the functions but not
 * CloudFront. The functions accept the current and the previous value; docs/security.md has the steps.
 */
export class OriginSecret extends Construct {
  public readonly secret: Secret;
  /** Raised after a rotation: written into the distribution so that the deploy updates it. */
  public readonly generation: number;

  constructor(scope: Construct, id: string, props: OriginSecretProps) {
    super(scope, id);
    this.generation = originSecretGenerationOf(this);
    this.secret = new Secret(this, 'Secret', {
      description: 'courtdesk: the header CloudFront sends to the API, which refuses requests without it',
      // Letters and digits only: the value travels as an HTTP header.
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      // Worth nothing without the distribution that sends it: a new stack generates its own.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeNagFindings(
      this.secret,
      ['AwsSolutions-SMG4', 'NIST.800.53.R5-SecretsManagerRotationEnabled'],
      'CloudFront custom origin headers are fixed in the distribution, so an automatic rotation would reach the functions but not CloudFront: the secret is rotated by hand, with the functions accepting the current and the previous value until the distribution is deployed with the new one (docs/security.md).',
    );
    acknowledgeNagFinding(
      this.secret,
      'NIST.800.53.R5-SecretsManagerUsingKMSKey',
      "The value is also in the CloudFront distribution's configuration (a custom origin header, readable with cloudfront:GetDistributionConfig) and in every origin request: a customer managed key on the secret would guard no more than that. It names no person and decrypts nothing; Secrets Manager encrypts it at rest with its AWS managed key.",
    );
    for (const user of props.users) {
      // GetSecretValue on this secret only: the functions read its current and previous versions.
      user.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [this.secret.secretArn],
        }),
      );
      user.function.addEnvironment(originSecretEnvName, this.secret.secretArn);
    }
  }

  /**
   * The custom headers of the `/api/*` origin: the secret, as a CloudFormation dynamic reference to
   * its current version (resolved at deploy time; the template never holds the value).
   */
  public get originHeaders(): Record<string, string> {
    return { [originSecretHeader]: this.secret.secretValue.unsafeUnwrap() };
  }
}
