import type { z } from 'zod';
import { notificationsJob } from './notifications.ts';
import type { JobDefinition } from './runtime.ts';

/** Every job kind the worker process runs; each queue's file adds its definitions here. */
export const JOBS: Array<JobDefinition<z.ZodType>> = [notificationsJob as JobDefinition<z.ZodType>];
