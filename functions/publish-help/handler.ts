/**
 * EventBridge schedule (every minute; every 3 s in the sandbox) → the public help pages brought in
 * step with the published knowledge base: rendered again only when its generation moved. A new
 * knowledge base is first seeded with the sample content, so a fresh deployment has help pages. A
 * failed run throws, so that Lambda retries it; the next run catches up anyway.
 */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/logger.ts';
import { type HelpPagesOutcome, publishHelpPages } from '../../shared/use-cases/publish-help-pages.ts';
import { seedKnowledgeBase } from '../../shared/use-cases/seed-knowledge.ts';
import { buildDependencies } from './dependencies.ts';

const { store, site, clock } = buildDependencies();

export const handler = middy<ScheduledEvent, HelpPagesOutcome>().handler(async (event: ScheduledEvent) => {
  const seeded = await seedKnowledgeBase(store, clock);
  const outcome = await publishHelpPages({ knowledge: store, site });
  // A publication is news; the runs that find the pages current are not.
  if (seeded > 0 || outcome.kind === 'rendered')
    logger.info('Help pages', { scheduledEvent: event.id, seeded, ...outcome });
  return outcome;
});
