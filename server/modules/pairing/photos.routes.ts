import { z } from 'zod';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { ownedInScope } from '../../platform/scope.js';
import { deleteFile, loadFile, saveFile } from '../../platform/files.js';
import { visitInScopeOrThrow } from './pairing.service.js';
import { PHOTO_MAX_BYTES, checkPhoto, photoName } from './rules.js';

const tags = ['结对帮扶'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
/** the file store's owner entity of a visit photo */
export const PHOTO_OWNER = 'pairing_visit';

/**
 * Visit photos live in the platform file store (server/platform/files.ts), owned by the visit.
 * Every access loads the visit through its pair's scope first: a photo of another township's
 * visit is a 404, like the visit itself.
 */
export function registerPhotoRoutes(app: App) {
  const db = app.db;

  app.post('/api/pairing/visits/:id/photos', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: `上传走访照片（multipart：file；JPG 或 PNG，不超过${PHOTO_MAX_BYTES / 1024 / 1024}MB，一次一张）`, params: idParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const scope = accessOf(req).require('pairing:write');
    const visit = await visitInScopeOrThrow(db, scope, req.params.id);
    if (!req.isMultipart()) throw fieldError('file', '请以 multipart/form-data 上传照片');
    let file: { name: string; buffer: Buffer } | null = null;
    try {
      for await (const part of req.parts({ limits: { fileSize: PHOTO_MAX_BYTES + 1 } })) {
        if (part.type !== 'file') continue;
        if (file) throw fieldError('file', '一次只能上传一张照片');
        const buffer = await part.toBuffer();
        file = { name: part.filename, buffer };
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fieldError('file', `不能超过${PHOTO_MAX_BYTES / 1024 / 1024}MB`);
      throw fieldError('file', '上传的内容无法读取，请重新上传');
    }
    if (!file) throw fieldError('file', '请选择要上传的照片');
    const checked = checkPhoto(file.buffer);
    if (!checked.ok) throw fieldError('file', checked.message);
    if (visit.pair_status !== 'active') throw conflict('该结对已结束，不能再上传走访照片');
    const actor = actorOf(req);
    const saved = await db.transaction().execute(async (tx) => {
      const meta = await saveFile(tx, app.fieldCrypto, {
        ownerEntity: PHOTO_OWNER, ownerId: visit.id, orgId: visit.org_id, kind: 'photo',
        name: photoName(file.name, checked.type), content: file.buffer, createdBy: actor.id,
      });
      await audit(tx, actor, {
        action: 'photo', entity: 'pairing', entityId: visit.pairing_id, orgId: visit.org_id,
        summary: `上传 ${visit.visit_date} 走访照片：${meta.name}`, after: { visitId: visit.id, fileId: meta.id, name: meta.name, size: meta.size },
      });
      return meta;
    });
    return reply.code(201).send({ id: saved.id, name: saved.name, size: saved.size, mime: saved.mime, url: `/api/pairing/photos/${saved.id}` });
  });

  /** The photo's visit, through the scope; null when the photo or its visit is not the caller's. */
  const photoOwner = async (scope: readonly string[], fileId: number) => db.selectFrom('stored_file as f')
    .innerJoin('pairing_visit as v', 'v.id', 'f.owner_id').innerJoin('pairing as p', 'p.id', 'v.pairing_id')
    .select(['f.id', 'v.id as visit_id', 'v.visit_date', 'p.id as pairing_id', 'p.org_id', 'p.status'])
    .where('f.id', '=', fileId).where('f.owner_entity', '=', PHOTO_OWNER).where(ownedInScope('p.org_id', scope))
    .executeTakeFirst();

  app.get('/api/pairing/photos/:id', {
    config: { access: 'pairing:read' },
    schema: { tags, summary: '走访照片（图片内容）', params: idParams },
  }, async (req, reply) => {
    const owner = await photoOwner(accessOf(req).require('pairing:read'), req.params.id);
    if (!owner) throw notFound('照片');
    const file = await loadFile(db, app.fieldCrypto, PHOTO_OWNER, owner.visit_id, owner.id);
    if (!file) throw notFound('照片');
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      // personal pictures: the browser may keep them for the session, no shared cache may
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });

  app.delete('/api/pairing/photos/:id', {
    config: { access: 'pairing:write' },
    schema: { tags, summary: '删除走访照片', params: idParams },
  }, async (req) => {
    const owner = await photoOwner(accessOf(req).require('pairing:write'), req.params.id);
    if (!owner) throw notFound('照片');
    const actor = actorOf(req);
    await db.transaction().execute(async (tx) => {
      const removed = await deleteFile(tx, PHOTO_OWNER, owner.visit_id, owner.id);
      if (!removed) throw notFound('照片');
      await audit(tx, actor, {
        action: 'photo_delete', entity: 'pairing', entityId: owner.pairing_id, orgId: owner.org_id,
        summary: `删除 ${owner.visit_date} 走访照片：${removed.name}`,
      });
    });
    return { ok: true };
  });
}
