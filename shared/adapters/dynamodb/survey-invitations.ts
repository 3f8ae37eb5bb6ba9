/**
 * SurveyInvitations on DynamoDB, in the tickets table:
 * - `TICKET#<reference>` / `SURVEY#INVITATION`: the ticket's invitation (`type: 'survey-invitation'`),
 *   written once (the figures' stream counts it);
 * - `SURVEYCAP#<clientKey>` / `SURVEYCAP`: the address's 30-day gap (`until`), kept (`expiresAt`,
 *   the TTL) for the retention schedule's `survey-cap` period from the invitation, never less than the gap.
 * Both in one transaction, each conditional, so two tickets of one address never both invite.
 * The ticket's bounces and complaints are read from its partition (`DELIVERY#` items), and the
 * sender's service-ended flag from `SENDER#<clientKey>` (end-service writes it, §17).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type {
  SurveyAddressCap,
  SurveyClaim,
  SurveyInvitationItem,
  SurveyInvitationState,
  SurveyInvitations,
} from '../../ports/survey-invitations.ts';
import { deliveryItemPrefix } from './delivery-problems.ts';
import { senderKey, ticketPartition } from './ticket-keys.ts';
import { cancelledByCondition, type DynamoTables, TicketsTable } from './tickets-table.ts';

export const surveyInvitationSortKey = 'SURVEY#INVITATION';

export function surveyCapKey(clientKey: string) {
  return { pk: `SURVEYCAP#${clientKey}`, sk: 'SURVEYCAP' };
}

export class DynamoSurveyInvitations implements SurveyInvitations {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async state(reference: string, clientKey?: string): Promise<SurveyInvitationState> {
    const pk = ticketPartition(reference);
    const [invitation, problems, sender] = await Promise.all([
      this.#table.get({ pk, sk: surveyInvitationSortKey }),
      this.#table.client.send(
        new QueryCommand({
          TableName: this.#table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': deliveryItemPrefix },
          ProjectionExpression: 'undeliverable',
          ConsistentRead: true,
        }),
      ),
      clientKey === undefined ? undefined : this.#table.get(senderKey(clientKey), { consistent: true }),
    ]);
    return {
      ...(invitation
        ? {
            invitation: {
              outboundId: String(invitation.outboundId),
              via: invitation.via as NonNullable<SurveyInvitationState['invitation']>['via'],
            },
          }
        : {}),
      deliveryProblems: (problems.Items ?? []).map((item) => ({
        undeliverable: item.undeliverable === true,
      })),
      senderServiceEnded: sender !== undefined,
    };
  }

  async claim(invitation: SurveyInvitationItem, cap: SurveyAddressCap, now: string): Promise<SurveyClaim> {
    const table = this.#table.name;
    const key = { pk: ticketPartition(invitation.reference), sk: surveyInvitationSortKey };
    const held = await this.#table.get(key);
    try {
      await this.#table.transact([
        // Claimed by this outbound message already (a redelivery): left as written, so that the
        // item is written once (the figures count its insert).
        held && held.outboundId === invitation.outboundId
          ? {
              ConditionCheck: {
                TableName: table,
                Key: key,
                ConditionExpression: 'outboundId = :outboundId',
                ExpressionAttributeValues: { ':outboundId': invitation.outboundId },
              },
            }
          : {
              Put: {
                TableName: table,
                Item: {
                  pk: ticketPartition(invitation.reference),
                  sk: surveyInvitationSortKey,
                  type: 'survey-invitation',
                  ...invitation,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
        {
          Put: {
            TableName: table,
            Item: {
              ...surveyCapKey(cap.clientKey),
              type: 'survey-cap',
              reference: cap.reference,
              until: cap.until,
              expiresAt: Math.max(
                Math.ceil(Date.parse(cap.until) / 1000),
                this.#table.expiryOf('survey-cap', now),
              ),
            },
            // A gap that ended, or an item past its expiry that TTL has not deleted yet, holds nothing.
            ConditionExpression:
              'attribute_not_exists(pk) OR #until <= :now OR #reference = :reference OR expiresAt <= :nowSeconds',
            ExpressionAttributeNames: { '#until': 'until', '#reference': 'reference' },
            ExpressionAttributeValues: {
              ':now': now,
              ':reference': cap.reference,
              ':nowSeconds': Math.floor(Date.parse(now) / 1000),
            },
          },
        },
      ]);
      return 'claimed';
    } catch (error) {
      if (cancelledByCondition(error, 0)) return 'already-invited';
      if (cancelledByCondition(error, 1)) return 'address-cap';
      throw error;
    }
  }
}
