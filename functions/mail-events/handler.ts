/**
 * SES configuration-set events (bounces, complaints) → the ticket the mail was about. In the cloud
 * an EventBridge rule on the default bus invokes this with SES's event; in the sandbox the mailbox
 * simulator (`infra/local/mail-events.ts`) does, with the same shape. An event that cannot be read
 * or names no ticket of ours is logged, audited (`IgnoreMailEvent`) and dropped (retrying would not change it); a failed write
 * throws, so that Lambda retries the event.
 */
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '../../shared/logger.ts';
import { recordDeliveryEvent } from '../../shared/use-cases/record-delivery-event.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();

export const handler = middy<EventBridgeEvent<string, unknown>, void>().handler(async (event) => {
  const result = await recordDeliveryEvent(dependencies, event?.detail);
  // Ids, the reference and SES's classification only: never the address.
  const fields = { eventId: event?.id, detailType: event?.['detail-type'], ...result };
  if (result.outcome === 'recorded' || result.outcome === 'duplicate' || result.outcome === 'ignored')
    logger.info('Mail event', fields);
  else logger.warn('Mail event not recorded', fields);
});
