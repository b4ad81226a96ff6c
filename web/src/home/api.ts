import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import type { HomeView } from '../../../src/contracts/home.ts';
import type { LibraryEntryView } from '../../../src/contracts/library.ts';
import type { QuestionView } from '../../../src/contracts/questions.ts';
import { api } from '../api.ts';

export type { HomeView, LibraryEntryView, QuestionView };

export const homePathFor = (patientId: string | undefined) => (patientId ? `/api/home?patientId=${patientId}` : '/api/home');
export const appointmentQuestionsPath = (appointmentId: string) => `/api/appointments/${appointmentId}/questions`;

/** Query keys whose data shows questions: the home and an appointment's question list. */
export const isQuestionsOrHome = (key: unknown) => /^\/api\/(home|appointments\/[^/]+\/questions)/.test(String(key));

export const homeApi = {
  ask: (patientId: string, body: { body: string; clinicianId?: string | null }) => api.post<{ question: QuestionView }>(`/api/patients/${patientId}/questions`, body),
  editQuestion: (questionId: string, body: string) => api.patch<{ question: QuestionView }>(`/api/questions/${questionId}`, { body }),
  deleteQuestion: (questionId: string) => api.delete<void>(`/api/questions/${questionId}`),
  answer: (questionId: string, body: { note: string; appointmentId?: string | null }) => api.post<{ question: QuestionView }>(`/api/questions/${questionId}/answer`, body),
  summary: (referralId: string) => api.get<{ paragraphs: string[]; note: { text: string; languageName: string } | null }>(`/api/referrals/${referralId}/summary`),
  share: (entryId: string, threadId: string) => api.post<unknown>(`/api/library/${entryId}/share`, { threadId }),
};

/** Server events after which what the home (or a questions list) shows may have changed. */
const CHANGE_EVENTS = ['message:new', 'notification:new', 'referral:changed', 'questions:changed'] as const;

/**
 * Keeps the cached home and questions fresh: each change event (and a reconnect, since socket.io
 * delivers at most once) invalidates them, and react-query refetches what is on screen.
 * Answers whether the live connection is up, for the screen to say so.
 */
export function useLiveRefresh(queryPrefixes: readonly string[]): boolean {
  const client = useQueryClient();
  const prefixes = useRef(queryPrefixes);
  useEffect(() => {
    prefixes.current = queryPrefixes;
  });
  const [live, setLive] = useState(false);
  useEffect(() => {
    const socket = io('/', { transports: ['websocket'], withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
    const refresh = () => {
      for (const prefix of prefixes.current) void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith(prefix) });
    };
    let first = true;
    socket.on('connect', () => {
      setLive(true);
      if (!first) refresh();
      first = false;
    });
    socket.on('disconnect', () => setLive(false));
    for (const event of CHANGE_EVENTS) socket.on(event, refresh);
    return () => {
      socket.close();
    };
  }, [client]);
  return live;
}
