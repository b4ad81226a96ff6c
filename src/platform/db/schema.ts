// Every domain's tables, gathered so Drizzle's relational queries see one schema.
export * from '../../people/tables.ts';
export * from '../../auth/tables.ts';
export * from '../audit/tables.ts';
export * from './idempotency-tables.ts';
export * from '../../notifications/tables.ts';
