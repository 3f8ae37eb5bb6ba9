/**
 * The structured logger. Logs carry references and request ids, never personal data:
 * no names, addresses, phone numbers, subjects or bodies.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'courtdesk' });
