import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges a cdk-nag finding on `scope` and everything below it. The id is qualified with its
 * pack's namespace, the part before the first `-` (`AwsSolutions::`, `NIST.800.53.R5::`,
 * `Serverless::`), so CDK itself suppresses the finding and lists it, with `reason`, among the
 * suppressions of `validation-report.json`.
 *
 * @param ruleId the rule, or one finding of it, e.g. `AwsSolutions-IAM5[Resource::*]`,
 *   `NIST.800.53.R5-LambdaInsideVPC`, `Serverless-LambdaDLQ`
 * @param reason why the finding is acceptable here; shown in the validation report
 */
export function acknowledgeNagFinding(scope: IConstruct, ruleId: string, reason: string): void {
  const pack = ruleId.slice(0, ruleId.indexOf('-'));
  if (!pack) throw new Error(`acknowledgeNagFinding: ${ruleId} names no pack (e.g. AwsSolutions-S1)`);
  Validations.of(scope).acknowledge({ id: `${pack}::${ruleId}`, reason });
}

/** The same reason for several rules (e.g. one check that two packs make). */
export function acknowledgeNagFindings(scope: IConstruct, ruleIds: readonly string[], reason: string): void {
  for (const ruleId of ruleIds) acknowledgeNagFinding(scope, ruleId, reason);
}
