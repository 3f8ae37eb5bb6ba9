/** Where the hourly access review's figures go: CloudWatch metrics (EMF) in the functions, a list in tests. */
import type { AccessReview } from '../domain/access-patterns.ts';

export interface AccessMetrics {
  publish(review: AccessReview): void | Promise<void>;
}
