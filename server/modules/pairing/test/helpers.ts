import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import type { TestContext } from '../../../test-support/test-app.js';

let seq = 400;

/**
 * A hardship household for pairing tests: a member of `orgId` and its archive in `status`.
 * Test fixture only: the archive is written straight into the hardship module's table (its
 * approval flow is that module's own business and tested there); pairing code never does this.
 */
export async function household(t: TestContext, orgId: number, name: string, status: 'archived' | 'applied' = 'archived') {
  const db = t.database.db;
  const idNumber = makeIdNumber('370523', '1979-04-12', (seq += 2) + 1);
  const member = await db.insertInto('member').values({
    org_id: orgId, name, id_number_enc: t.app.fieldCrypto.encrypt(idNumber), id_number_hash: t.app.fieldCrypto.blindIndex('id_number', idNumber),
    id_number_last4: idNumber.slice(-4), sex: 'M', birth_date: '1979-04-12', card_no: `P-${seq}`,
  }).returning('id').executeTakeFirstOrThrow();
  const archive = await db.insertInto('hardship_archive').values({
    org_id: orgId, member_id: member.id, main_cause: 'illness', level: 'deep', status,
    ...(status === 'archived' ? { archive_no: `KN2025-${String(seq).padStart(5, '0')}`, archived_on: '2025-01-10', last_reviewed_on: '2025-01-10', next_review_due: '2026-01-10' } : {}),
  }).returning('id').executeTakeFirstOrThrow();
  return { memberId: member.id, archiveId: archive.id, name };
}

/** A PNG of 1×1 pixel: the smallest real image. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A multipart body with one file, for app.inject. */
export function multipart(field: string, filename: string, content: Buffer, mime = 'application/octet-stream') {
  const boundary = '----pairing-test-boundary-7d1f';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
