/** audit-watch's dependencies, built once per cold start. */
import { EmfAccessMetrics } from '../../shared/adapters/cloudwatch/audit-metrics.ts';
import { loadConfig } from '../../shared/config.ts';
import type { ReviewAccessDeps } from '../../shared/use-cases/review-access.ts';
import { auditLog, awsClients, systemClock } from '../composition-root.ts';

export function buildDependencies(): Omit<ReviewAccessDeps, 'runId'> {
  const aws = awsClients();
  const config = loadConfig(['AUDIT_TABLE']);
  const trail = auditLog(aws, config);
  return { trail, audit: trail, metrics: new EmfAccessMetrics(), clock: systemClock };
}
