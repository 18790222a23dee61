import { sql } from 'kysely';
import { codeLabel } from '../../../lib/code-tables.js';
import { maskName } from '../../../lib/masking.js';
import type { App } from '../../platform/http.js';
import { clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { idParams, publicObjectionBody } from './schemas.js';

const tags = ['公示（公开）'];

/**
 * The public 公示 (no login). It shows ONLY the masked worker name (张*明), the union's name,
 * the level and the notice period: never a full name, an ID or phone number, an address or
 * the household's figures. Anyone may send an objection; it is rate-limited per IP.
 */
export function registerPublicRoutes(app: App) {
  app.get('/api/public/hardship/notices', {
    config: { access: 'public' },
    schema: { tags, summary: '正在公示的困难职工档案（姓名已遮蔽）' },
  }, async () => {
    const today = clock.today();
    const rows = await app.db.selectFrom('hardship_archive as a')
      .innerJoin('member as m', 'm.id', 'a.member_id')
      .innerJoin('org as o', 'o.id', 'a.org_id')
      .select(['a.id', 'm.name', 'o.name as org_name', 'a.level', 'a.notice_start', 'a.notice_end'])
      .where('a.status', '=', 'notice')
      .where('a.notice_start', '<=', today)
      .where('a.notice_end', '>=', today)
      .orderBy('a.notice_start', 'desc').orderBy(sql`a.id`)
      .limit(500)
      .execute();
    return {
      today,
      items: rows.map((r) => ({
        id: r.id,
        workerName: maskName(r.name),
        unionName: r.org_name,
        level: r.level,
        levelLabel: codeLabel('hardship_level', r.level),
        noticeStart: r.notice_start!,
        noticeEnd: r.notice_end!,
      })),
    };
  });

  app.post('/api/public/hardship/notices/:id/objections', {
    config: { access: 'public', rateLimit: { max: 5, timeWindow: '10 minutes' } },
    schema: { tags, summary: '对公示对象提出异议（每个IP每10分钟最多5条）', params: idParams, body: publicObjectionBody },
  }, async (req, reply) => {
    const today = clock.today();
    const a = await app.db.selectFrom('hardship_archive').select(['id', 'org_id'])
      .where('id', '=', req.params.id).where('status', '=', 'notice')
      .where('notice_start', '<=', today).where('notice_end', '>=', today)
      .executeTakeFirst();
    if (!a) throw notFound('公示对象');
    await app.db.insertInto('hardship_objection').values({
      archive_id: a.id, received_at: clock.now(), content: req.body.content, contact_enc: req.body.contact ? app.fieldCrypto.encrypt(req.body.contact) : null, ip: req.ip,
    }).execute();
    return reply.code(201).send({ ok: true, message: '异议已收到，工会将核实处理' });
  });
}
