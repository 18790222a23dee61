import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { codeLabel } from '../../../lib/code-tables.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { orgInScopeOrThrow, pathInScope } from '../../platform/scope.js';
import { escapeLike, inSubtreeOf, todayInShanghai } from './common.js';
import { classifySearch } from './member-search.js';
import { idParams, memberBody, memberFilters, memberStatusBody, transferStartBody } from './schemas.js';
import { changeMemberStatus, createMember, memberView, revealMemberNumber, updateMember, type MemberScopes } from './member.service.js';
import { memberDetail } from './member-detail.js';
import { startTransfer, transferDetail } from './transfer.service.js';

const tags = ['会员'];

/** The subtrees a member write consults; the write scope is required (403 without it). */
export function memberScopesOf(req: FastifyRequest): MemberScopes {
  const access = accessOf(req);
  return { write: access.require('member:write'), read: access.scope('member:read'), employerRead: access.scope('employer:read') };
}

export function registerMemberRoutes(app: App) {
  const crypto = app.fieldCrypto;

  registerListRoutes(app, {
    url: '/api/members',
    access: 'member:read',
    tags,
    summary: '会员列表（q：姓名、拼音首字母、身份证号或手机号后4位、完整身份证号或手机号）',
    filters: memberFilters,
    query: async (req, f) => {
      const access = accessOf(req);
      const scope = access.require('member:read');
      let q = app.db.selectFrom('member as m')
        .innerJoin('org as o', 'o.id', 'm.org_id')
        .leftJoin('employer as e', 'e.id', 'm.employer_id')
        .selectAll('m')
        .select([
          'o.name as org_name', 'e.name as employer_name',
          // an export with reveal=1 shows full numbers only where member:reveal holds
          pathInScope('o.path', access.scope('member:reveal')).as('can_reveal'),
        ])
        .where(pathInScope('o.path', scope));
      if (f.q) {
        const search = classifySearch(f.q, todayInShanghai());
        if (search.kind === 'id_number') q = q.where('m.id_number_hash', '=', crypto.blindIndex('id_number', search.value));
        else if (search.kind === 'phone') q = q.where('m.phone_hash', '=', crypto.blindIndex('phone', search.value));
        else if (search.kind === 'last4') q = q.where((eb) => eb.or([eb('m.id_number_last4', '=', search.value), eb('m.phone_last4', '=', search.value)]));
        else if (search.kind === 'initials') q = q.where((eb) => eb.or([eb('m.name_initials', 'like', `${search.value}%`), eb('m.name', 'ilike', `%${escapeLike(search.value)}%`)]));
        else q = q.where('m.name', 'ilike', `%${escapeLike(search.value)}%`);
      }
      if (f.orgId) {
        // a union outside the scope answers 404, as its record would
        await orgInScopeOrThrow(app.db, f.orgId, scope, '工会');
        q = q.where(inSubtreeOf('o.path', f.orgId));
      }
      if (f.employerId) q = q.where('m.employer_id', '=', f.employerId);
      if (f.category) q = q.where('m.category', '=', f.category);
      if (f.status) q = q.where('m.status', '=', f.status);
      if (f.sex) q = q.where('m.sex', '=', f.sex);
      const today = todayInShanghai();
      // age ≥ N: born on or before today N years ago; age ≤ N: born after today N + 1 years ago
      if (f.ageFrom !== undefined) q = q.where(sql<boolean>`m.birth_date <= (${today}::date - make_interval(years => ${f.ageFrom}::int))::date`);
      if (f.ageTo !== undefined) q = q.where(sql<boolean>`m.birth_date > (${today}::date - make_interval(years => ${f.ageTo + 1}::int))::date`);
      return q;
    },
    sortable: { name: 'm.name', joinDate: 'm.join_date', createdAt: 'm.created_at', cardNo: 'm.card_no' },
    defaultSort: '-createdAt',
    tieBreaker: 'm.id',
    // staff lists show names; the numbers are masked, or decrypted for an audited reveal export
    toItem: (r, { reveal }) => memberView(r, crypto, reveal && r.can_reveal === true),
    export: {
      filename: '会员名册',
      revealPermission: 'member:reveal',
      columns: [
        { header: '姓名', value: (i) => i.name },
        { header: '性别', width: 6, value: (i) => codeLabel('sex', i.sex) },
        { header: '出生日期', width: 12, value: (i) => i.birthDate },
        { header: '身份证号', width: 22, value: (i) => i.idNumber },
        { header: '手机号码', width: 14, value: (i) => i.phone },
        { header: '民族', width: 10, value: (i) => codeLabel('ethnicity', i.ethnicity) },
        { header: '学历', width: 12, value: (i) => codeLabel('education', i.education) },
        { header: '政治面貌', width: 12, value: (i) => codeLabel('political_status', i.politicalStatus) },
        { header: '职工类别', width: 16, value: (i) => codeLabel('worker_category', i.category) },
        { header: '所属工会', width: 32, value: (i) => i.orgName },
        { header: '用人单位', width: 32, value: (i) => i.employerName },
        { header: '入会日期', width: 12, value: (i) => i.joinDate },
        { header: '会员证号', width: 18, value: (i) => i.cardNo },
        { header: '状态', width: 8, value: (i) => codeLabel('member_status', i.status) },
      ],
    },
  });

  app.get('/api/members/:id', {
    config: { access: 'member:read' },
    schema: { tags, summary: '会员详情：会员、所属工会、用人单位、接转记录及所获服务', params: idParams },
  }, async (req) => {
    const access = accessOf(req);
    return memberDetail(app.db, crypto, access.require('member:read'), access.scope('member:write'), req.params.id);
  });

  app.post('/api/members', {
    config: { access: 'member:write' },
    schema: { tags, summary: '登记会员（性别、出生日期由身份证号得出；会员证号自动生成）', body: memberBody },
  }, async (req, reply) => {
    const scopes = memberScopesOf(req);
    const row = await createMember(app.db, crypto, actorOf(req), scopes, req.body);
    return reply.code(201).send(await memberDetail(app.db, crypto, scopes.write, scopes.write, row.id));
  });

  app.patch('/api/members/:id', {
    config: { access: 'member:write' },
    schema: { tags, summary: '修改会员信息（变更所属工会须办理接转）', params: idParams, body: memberBody.partial() },
  }, async (req) => {
    const scopes = memberScopesOf(req);
    await updateMember(app.db, crypto, actorOf(req), scopes, req.params.id, req.body);
    return memberDetail(app.db, crypto, scopes.write, scopes.write, req.params.id);
  });

  app.post('/api/members/:id/status', {
    config: { access: 'member:write' },
    schema: { tags, summary: '退会、死亡（会籍终止，记录保留）；恢复会员资格（县总工会，须填原因）', params: idParams, body: memberStatusBody },
  }, async (req) => {
    const scopes = memberScopesOf(req);
    await changeMemberStatus(app.db, actorOf(req), scopes, req.params.id, req.body);
    return memberDetail(app.db, crypto, scopes.write, scopes.write, req.params.id);
  });

  app.post('/api/members/:id/reveal-id', {
    config: { access: 'member:reveal' },
    schema: { tags, summary: '查看完整身份证号（记入审计日志）', params: idParams },
  }, async (req) => ({
    idNumber: await revealMemberNumber(app.db, crypto, actorOf(req), accessOf(req).require('member:reveal'), req.params.id, 'id_number'),
  }));

  app.post('/api/members/:id/reveal-phone', {
    config: { access: 'member:reveal' },
    schema: { tags, summary: '查看完整手机号码（记入审计日志）', params: idParams },
  }, async (req) => ({
    phone: await revealMemberNumber(app.db, crypto, actorOf(req), accessOf(req).require('member:reveal'), req.params.id, 'phone'),
  }));

  app.post('/api/members/:id/transfers', {
    config: { access: 'member:write' },
    schema: { tags, summary: '申请会员关系转出（接收工会可在管辖范围之外，须对方确认）', params: idParams, body: transferStartBody },
  }, async (req, reply) => {
    const scopes = memberScopesOf(req);
    const id = await startTransfer(app.db, actorOf(req), scopes, req.params.id, req.body);
    return reply.code(201).send(await transferDetail(app.db, scopes.write, scopes.write, id));
  });
}
