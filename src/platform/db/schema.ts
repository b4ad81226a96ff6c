// Every domain's tables, gathered so Drizzle's relational queries see one schema.
export * from '../../people/tables.ts';
export * from '../../auth/tables.ts';
export * from '../audit/tables.ts';
export * from './idempotency-tables.ts';
export * from '../../notifications/tables.ts';
export * from '../../messaging/tables.ts';
export * from '../../appointments/tables.ts';
export * from '../../referrals/tables.ts';
export * from '../../checkins/tables.ts';
export * from '../../alerts/tables.ts';
export * from '../../tasks/tables.ts';
export * from '../../video/tables.ts';
