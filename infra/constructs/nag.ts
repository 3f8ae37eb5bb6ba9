import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges a cdk-nag AwsSolutions finding on `scope` and everything below it. The id is
 * qualified with the plugin's namespace (`AwsSolutions::`), so CDK itself suppresses the finding
 * and lists it, with `reason`, among the suppressions of `validation-report.json`.
 *
 * @param ruleId the rule, or one finding of it, e.g. `AwsSolutions-IAM5[Resource::*]`
 * @param reason why the finding is acceptable here; shown in the validation report
 */
export function acknowledgeNagFinding(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::${ruleId}`, reason });
}
