// Tables of the federation committee module (its migration adds them).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommitteeTables {}
