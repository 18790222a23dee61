// Tables of the member/employer Excel import (its migration adds them).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MemberImportTables {}
