import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What the network directory adds to a foundation `sites` row (migration 0500). */
export const directorySites = pgTable('directory_sites', {
  siteId: uuid('site_id').primaryKey(),
  domains: text().array().notNull(),
  telemedicine: boolean().notNull().default(false),
  languages: text().array().notNull(),
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const directorySiteMembers = pgTable(
  'directory_site_members',
  {
    siteId: uuid('site_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text().$type<'specialist' | 'coordinator'>().notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.userId] })],
);
