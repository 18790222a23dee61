import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AccessContext, type Grant } from './access.js';
import { isWithin, minimalPaths } from './scope.js';
import { passwordProblem, generatePassword } from './passwords.js';

const grant = (orgPath: string, permissions: string[], roleCode = 'r'): Grant => ({
  roleId: 1, roleCode, roleName: roleCode, adminDuty: null, permissions: new Set(permissions), orgId: 1, orgName: 'o', orgPath,
});
const user = { id: 1, username: 'u', displayName: 'u', orgId: 1, mustChangePassword: false, passwordChangedAt: new Date() };

describe('scope paths', () => {
  it('a path is within itself and its ancestors only, not a sibling sharing a prefix', () => {
    expect(isWithin('1.2.3', '1.2')).toBe(true);
    expect(isWithin('1.2', '1.2')).toBe(true);
    expect(isWithin('1.22', '1.2')).toBe(false);
    expect(isWithin('1.2', '1.2.3')).toBe(false);
  });

  it('keeps only the outermost subtrees', () => {
    expect(minimalPaths(['1.2.3', '1.2', '1.4', '1.4.5.6'])).toEqual(['1.2', '1.4']);
    fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).map((a) => a.join('.'))), (paths) => {
      const kept = minimalPaths(paths);
      // every input is covered by a kept path, and no kept path lies within another
      return paths.every((p) => kept.some((k) => isWithin(p, k)))
        && kept.every((a) => kept.every((b) => a === b || !isWithin(a, b)));
    }));
  });
});

describe('access context', () => {
  it('scopes a permission to the subtrees of the grants that carry it', () => {
    const access = new AccessContext(user, [grant('1.2', ['member:read', 'org:read']), grant('1.3', ['org:read'])]);
    expect(access.scope('member:read')).toEqual(['1.2']);
    expect(access.scope('org:read').sort()).toEqual(['1.2', '1.3']);
    expect(access.scope('user:write')).toEqual([]);
    expect(() => access.require('user:write')).toThrow();
  });

  it('the organization switch narrows the scope and never widens it', () => {
    const grants = [grant('1.2', ['org:read']), grant('1.3.7', ['org:read'])];
    expect(new AccessContext(user, grants, '1.2.5').scope('org:read')).toEqual(['1.2.5']);
    expect(new AccessContext(user, grants, '1.3').scope('org:read')).toEqual(['1.3.7']);
    expect(new AccessContext(user, grants, '1.4').scope('org:read')).toEqual([]);
  });
});

describe('password policy', () => {
  it('asks for 8+ characters of three classes, without the username', () => {
    expect(passwordProblem('Ab1!')).toContain('8');
    expect(passwordProblem('abcdefgh1')).toContain('三类');
    expect(passwordProblem('Zhang@2026', 'zhang')).toContain('用户名');
    expect(passwordProblem('Gonghui@2026', 'admin')).toBeNull();
  });

  it('generated passwords always meet the policy', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(generatePassword())).toBeNull();
  });
});
