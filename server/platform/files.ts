import { createHash } from 'node:crypto';
import type { Db, Tx } from './db.js';
import type { FieldCrypto } from './crypto.js';
import { fieldError } from './errors.js';

/**
 * Uploaded files (documents, photos), kept in the database in the `stored_file` table with the
 * content sealed by the field crypto (AES-GCM): a backup of the database carries them, and a
 * stolen dump does not show them. A file belongs to an owner record (owner_entity, owner_id);
 * the owner's module loads the owner THROUGH THE CALLER'S SCOPE first and only then lists or
 * loads its files here, so a file of an out-of-scope record is a 404 like the record itself.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Allowed types: extension → mime and a check of the first bytes (a renamed .exe is refused). */
const fileTypes: Record<string, { mime: string; magic: (b: Buffer) => boolean }> = {
  pdf: { mime: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  jpg: { mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  png: { mime: 'image/png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: isZip },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: isZip },
};
export const allowedFileExtensions = Object.keys(fileTypes);

function isZip(b: Buffer) {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

export interface StoredFileMeta {
  id: number;
  kind: string | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: Date;
}

export interface SaveFileInput {
  ownerEntity: string;
  ownerId: number;
  orgId: number;
  kind?: string | null;
  name: string;
  content: Buffer;
  createdBy: number | null;
}

/** Checks a file name and content; answers the clean name and the mime type, or a 400 on `field`. */
export function checkFile(name: string, content: Buffer, field = 'file'): { name: string; mime: string } {
  const clean = name.normalize('NFC').trim();
  // a name, not a path: no separators, no control characters, no leading dot
  // eslint-disable-next-line no-control-regex
  if (!clean || clean.length > 120 || /[\\/\u0000-\u001f\u007f<>:"|?*]/.test(clean) || clean.startsWith('.')) {
    throw fieldError(field, '文件名不合规（不超过120个字符，不含路径和特殊字符）');
  }
  const ext = clean.includes('.') ? clean.slice(clean.lastIndexOf('.') + 1).toLowerCase() : '';
  const type = fileTypes[ext];
  if (!type) throw fieldError(field, `仅支持 ${allowedFileExtensions.join('、')} 格式的文件`);
  if (content.length === 0) throw fieldError(field, '文件为空');
  if (content.length > MAX_FILE_BYTES) throw fieldError(field, '文件不能超过10MB');
  if (!type.magic(content)) throw fieldError(field, `文件内容与扩展名 .${ext} 不符`);
  return { name: clean, mime: type.mime };
}

export async function saveFile(tx: Db | Tx, crypto: FieldCrypto, input: SaveFileInput): Promise<StoredFileMeta> {
  const { name, mime } = checkFile(input.name, input.content);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const row = await tx.insertInto('stored_file').values({
    owner_entity: input.ownerEntity, owner_id: input.ownerId, org_id: input.orgId, kind: input.kind ?? null,
    name, mime, size: input.content.length, sha256,
    // binary content sealed as base64 text: the field crypto works on strings
    content: crypto.encrypt(input.content.toString('base64')),
    created_by: input.createdBy,
  }).returning(['id', 'kind', 'name', 'mime', 'size', 'sha256', 'created_by', 'created_at']).executeTakeFirstOrThrow();
  return {
    id: row.id, kind: row.kind, name: row.name, mime: row.mime, size: row.size, sha256: row.sha256,
    createdBy: row.created_by, createdByName: null, createdAt: row.created_at,
  };
}

/** The owner's files, newest first, without their content. Load the owner through scope first. */
export async function listFiles(db: Db | Tx, ownerEntity: string, ownerId: number): Promise<StoredFileMeta[]> {
  const rows = await db.selectFrom('stored_file as f')
    .leftJoin('app_user as u', 'u.id', 'f.created_by')
    .select(['f.id', 'f.kind', 'f.name', 'f.mime', 'f.size', 'f.sha256', 'f.created_by', 'f.created_at', 'u.display_name'])
    .where('f.owner_entity', '=', ownerEntity).where('f.owner_id', '=', ownerId)
    .orderBy('f.created_at', 'desc').orderBy('f.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, name: r.name, mime: r.mime, size: r.size, sha256: r.sha256,
    createdBy: r.created_by, createdByName: r.display_name ?? null, createdAt: r.created_at,
  }));
}

/** One file of the owner with its decrypted content, or null (a file of another owner is null too). */
export async function loadFile(db: Db | Tx, crypto: FieldCrypto, ownerEntity: string, ownerId: number, fileId: number) {
  const row = await db.selectFrom('stored_file').selectAll()
    .where('id', '=', fileId).where('owner_entity', '=', ownerEntity).where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, name: row.name, mime: row.mime, size: row.size, kind: row.kind, content: Buffer.from(crypto.decrypt(row.content), 'base64') };
}

export async function deleteFile(tx: Db | Tx, ownerEntity: string, ownerId: number, fileId: number): Promise<{ name: string } | null> {
  const row = await tx.deleteFrom('stored_file')
    .where('id', '=', fileId).where('owner_entity', '=', ownerEntity).where('owner_id', '=', ownerId)
    .returning(['name']).executeTakeFirst();
  return row ?? null;
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987). */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
