import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

const ChatPage = lazy(() => import('./ChatPage.tsx'));
const InboxPage = lazy(() => import('./InboxPage.tsx'));

/** Patients, caregivers, specialists: /<role>/messages and /<role>/messages/<threadId> (the e-mail link). */
export const chatEntries: readonly AreaEntry[] = [
  { path: 'messages', navLabel: 'messaging:nav', Component: ChatPage },
  { path: 'messages/:threadId', Component: ChatPage },
];

/** Navigators: the inbox at /navigator/messages. */
export const inboxEntries: readonly AreaEntry[] = [
  { path: 'messages', navLabel: 'messaging:navInbox', Component: InboxPage },
  { path: 'messages/:threadId', Component: InboxPage },
];
