/** Fresh unique ids (audit event ids, run ids), as a port: tests can make them predictable. */
export interface Ids {
  newId(): string;
}
