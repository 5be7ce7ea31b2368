/** The ways `driftlog changelog` can make its entries: one per commit, or one per merged pull request. */
export const ENTRIES_FROM = ["commits", "pull-requests"] as const;
export type EntriesFrom = (typeof ENTRIES_FROM)[number];
