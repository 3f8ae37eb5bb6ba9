/** The time, as a port: deadlines and the audit trail are testable with a fixed clock. */
export interface Clock {
  now(): Date;
}
