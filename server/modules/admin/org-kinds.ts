export * from '../../../lib/org-kinds.js';
