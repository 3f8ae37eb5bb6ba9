/**
 * The court's acknowledgements of an hour, counted across every address: a flood of requests
 * from rotating addresses must not become a flood of mail that bounces until SES pauses the
 * court's sending. Only acknowledgements are counted; staff's replies are not limited by it.
 */
export interface AcknowledgementBudget {
  /**
   * Counts one acknowledgement in `hour` (`YYYY-MM-DDTHH`, UTC) unless `budget` were counted in it
   * already: `true` when counted (it may be sent), `false` when the budget is spent. Once per
   * `claimId` (the acknowledgement's outbound id): a redelivered message that was counted is
   * answered `true` again and adds nothing, in whatever hour it comes. Atomic: two claims at
   * `budget - 1` never both pass. Throws when the count cannot be read or written.
   */
  claim(hour: string, budget: number, claimId: string): Promise<boolean>;
}
