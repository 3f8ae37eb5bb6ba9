/**
 * The limits on acknowledgements, the mail that tells a client their request became a ticket. It
 * goes to an address nobody verified, so a flood of requests (any channel) must not become a flood
 * of mail from the court: an address gets at most five an hour, and the court at most its hourly
 * budget (CDK context `courtdesk:acknowledgementBudgetPerHour`) across all addresses. Staff's
 * replies and the other notices are not limited.
 */

/** Acknowledgements one address may receive in an hour (by its client key). */
export const acknowledgementsPerAddressPerHour = 5;

/**
 * Acknowledgements the court sends in an hour when no budget is configured: far above a court's
 * ordinary intake, far below what rotating addresses could make SES send before it pauses sending.
 */
export const defaultAcknowledgementBudgetPerHour = 2000;

/** The hour a budget is counted in: `YYYY-MM-DDTHH`, UTC. */
export function acknowledgementHour(at: Date): string {
  return at.toISOString().slice(0, 13);
}
