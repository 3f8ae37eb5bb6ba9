/**
 * Every version of an object, for deletion that leaves nothing behind: in a versioned bucket a
 * delete only adds a delete marker, and the data stays in the non-current versions.
 */
export interface ObjectVersions {
  /** Deletes every version and delete marker of `key`; answers how many were deleted (0: none). */
  deleteEveryVersion(key: string): Promise<number>;
  /** Deletes every version of every object under `prefix` (a ticket's `replies/<reference>/`). */
  deleteEveryVersionUnder(prefix: string): Promise<number>;
}
