import { describe, expect, it } from 'vitest';
import { normalizeRoles, roleRank, roleTitle, seatRoles } from './committee-roles.js';

describe('committee roles', () => {
  it('completes what an office implies, in roster order', () => {
    expect(normalizeRoles(['chair'])).toEqual({ ok: true, roles: ['chair', 'standing', 'committee'] });
    expect(normalizeRoles(['vice_chair', 'audit'])).toEqual({ ok: true, roles: ['vice_chair', 'standing', 'committee', 'audit'] });
    expect(normalizeRoles(['standing'])).toEqual({ ok: true, roles: ['standing', 'committee'] });
    expect(normalizeRoles(['audit'])).toEqual({ ok: true, roles: ['audit'] });
    expect(normalizeRoles(['committee', 'committee'])).toEqual({ ok: true, roles: ['committee'] });
  });

  it('refuses no role, and chair with vice chair', () => {
    expect(normalizeRoles([]).ok).toBe(false);
    const both = normalizeRoles(['chair', 'vice_chair']);
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.message).toContain('主席');
  });

  it('ranks and titles a member by the highest office', () => {
    expect(roleRank(['chair', 'standing', 'committee'])).toBeLessThan(roleRank(['vice_chair', 'standing', 'committee']));
    expect(roleRank(['standing', 'committee'])).toBeLessThan(roleRank(['committee']));
    expect(roleRank(['committee'])).toBeLessThan(roleRank(['audit']));
    expect(roleTitle(['vice_chair', 'standing', 'committee'])).toBe('副主席');
    expect(roleTitle(['committee', 'audit'])).toBe('委员、经审委员');
    expect(roleTitle(['audit'])).toBe('经审委员');
  });

  it('a replacement takes the seat, not the office', () => {
    expect(seatRoles(['chair', 'standing', 'committee'])).toEqual(['committee']);
    expect(seatRoles(['audit'])).toEqual(['audit']);
    expect(seatRoles(['standing', 'committee', 'audit'])).toEqual(['committee', 'audit']);
  });
});
