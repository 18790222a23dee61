export * from '../../../../lib/org-kinds';
