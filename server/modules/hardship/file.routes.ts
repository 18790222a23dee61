import { z } from 'zod';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { audit } from '../../platform/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import { attachmentHeader, deleteFile, loadFile, MAX_FILE_BYTES, saveFile } from '../../platform/files.js';
import { assertCode } from '../membership/common.js';
import { archiveInScopeOrThrow, editableStatuses } from './hardship.service.js';
import { closedStatuses } from './hardship.flow.js';
import { idParams } from './schemas.js';

const tags = ['困难职工帮扶'];
export const FILE_OWNER = 'hardship_archive';

/** Documents of an archive (诊断证明, 身份证, 户口簿, 单位证明, 票据…). Every access loads the archive through scope first. */
export function registerFileRoutes(app: App) {
  app.post('/api/hardship/archives/:id/files', {
    config: { access: 'hardship:apply' },
    schema: { tags, summary: '上传档案材料（multipart：file，kind 材料类别）；pdf/jpg/png/docx/xlsx，不超过10MB', params: idParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const archive = await archiveInScopeOrThrow(app.db, req.params.id, accessOf(req).require('hardship:apply'));
    if (closedStatuses.includes(archive.status)) throw conflict('档案已关闭，不能再上传材料');
    if (!req.isMultipart()) throw fieldError('file', '请以 multipart/form-data 上传文件');
    let file: { name: string; buffer: Buffer } | null = null;
    let kind = 'other';
    try {
      for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES } })) {
        if (part.type === 'file') {
          if (file) throw fieldError('file', '一次只能上传一个文件');
          const buffer = await part.toBuffer();
          file = { name: part.filename, buffer };
        } else if (part.fieldname === 'kind') {
          kind = String(part.value);
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', '文件：不能超过10MB');
      throw fieldError('file', '上传的内容无法读取，请重新上传');
    }
    if (!file) throw fieldError('file', '请选择要上传的文件');
    await assertCode(app.db, 'hardship_document', kind, 'kind');
    const actor = actorOf(req);
    const meta = await app.db.transaction().execute(async (tx) => {
      const saved = await saveFile(tx, app.fieldCrypto, {
        ownerEntity: FILE_OWNER, ownerId: archive.id, orgId: archive.org_id, kind, name: file.name, content: file.buffer, createdBy: actor.id,
      });
      await audit(tx, actor, {
        action: 'file_upload', entity: 'hardship_archive', entityId: archive.id, orgId: archive.org_id,
        summary: `上传材料：${saved.name}`, after: { fileId: saved.id, name: saved.name, size: saved.size, sha256: saved.sha256 },
      });
      return saved;
    });
    return reply.code(201).send(meta);
  });

  app.get('/api/hardship/files/:id', {
    config: { access: 'hardship:read' },
    schema: { tags, summary: '下载档案材料', params: idParams, querystring: z.object({ inline: z.enum(['1']).optional() }) },
  }, async (req, reply) => {
    const owner = await app.db.selectFrom('stored_file').select(['owner_id']).where('id', '=', req.params.id).where('owner_entity', '=', FILE_OWNER).executeTakeFirst();
    if (!owner) throw notFound('材料');
    // the archive through the caller's scope: a file of another township is a 404 like a missing one
    const archive = await archiveInScopeOrThrow(app.db, owner.owner_id, accessOf(req).require('hardship:read')).catch(() => { throw notFound('材料'); });
    const file = await loadFile(app.db, app.fieldCrypto, FILE_OWNER, archive.id, req.params.id);
    if (!file) throw notFound('材料');
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', req.query.inline ? attachmentHeader(file.name).replace(/^attachment/, 'inline') : attachmentHeader(file.name))
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });

  app.delete('/api/hardship/files/:id', {
    config: { access: 'hardship:apply' },
    schema: { tags, summary: '删除档案材料（草稿、退回或待审核时）', params: idParams },
  }, async (req) => {
    const owner = await app.db.selectFrom('stored_file').select(['owner_id']).where('id', '=', req.params.id).where('owner_entity', '=', FILE_OWNER).executeTakeFirst();
    if (!owner) throw notFound('材料');
    const archive = await archiveInScopeOrThrow(app.db, owner.owner_id, accessOf(req).require('hardship:apply')).catch(() => { throw notFound('材料'); });
    if (!editableStatuses.includes(archive.status)) throw conflict('档案已进入审核流程，材料不能删除');
    const actor = actorOf(req);
    await app.db.transaction().execute(async (tx) => {
      const gone = await deleteFile(tx, FILE_OWNER, archive.id, req.params.id);
      if (!gone) throw notFound('材料');
      await audit(tx, actor, { action: 'file_delete', entity: 'hardship_archive', entityId: archive.id, orgId: archive.org_id, summary: `删除材料：${gone.name}` });
    });
    return { ok: true };
  });
}
