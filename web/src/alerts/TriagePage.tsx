import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AcknowledgeModerateAnswer, AlertSeverity } from '../../../src/contracts/alerts.ts';
import { api } from '../api.ts';
import { useLiveConnection, useLiveEvent } from '../live/socket.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { alertsApi, type AlertView, type ResolutionAction } from './api.ts';
import { openModerate, triageCards, type TriageCard as Card } from './grouping.ts';
import { TriageCard } from './TriageCard.tsx';
import { TriageFilters, TriageShortcuts, type QueueStatus } from './TriageControls.tsx';
import './alerts.css';

const FIELD = /^(INPUT|SELECT|TEXTAREA)$/;

/**
 * The navigator's triage queue: one card per patient led by their most pressing check-in (all its
 * reasons), most severe then earliest deadline first. Live: socket events make the query stale (see
 * live/invalidations.ts); the card that had focus keeps it across re-sorts and re-renders.
 */
export default function TriagePage() {
  const { t } = useTranslation(['triage', 'checkins']);
  const me = useUser();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [status, setStatus] = useState<QueueStatus>('active');
  const [severity, setSeverity] = useState<AlertSeverity | ''>('');
  const [assignee, setAssignee] = useState('');
  const [resolving, setResolving] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const focus = useRef<{ key: string; index: number } | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const key = `/api/alerts?status=${status}`;
  const alerts = useQuery({ queryKey: [key], queryFn: () => api.get<{ alerts: AlertView[] }>(key) });
  const live = useLiveConnection();
  useLiveEvent('alert:new', (a) => setAnnounce(t('triage:announceNew', { severity: t(`checkins:ui.triage.severity.${a.severity}`), name: a.patientName })));

  const cards = useMemo(() => triageCards(alerts.data?.alerts ?? [], { severity, assignee: assignee === 'me' ? me.id : assignee }), [alerts.data, severity, assignee, me.id]);
  const moderate = useMemo(() => openModerate(cards), [cards]);

  /** Writes the server's answer into the cached queue at once; the socket event then refreshes it. */
  const merge = (updated: AlertView[]) =>
    client.setQueryData<{ alerts: AlertView[] }>([key], (old) => old && { alerts: old.alerts.map((a) => updated.find((u) => u.id === a.id) ?? a) });

  const acknowledge = useMutation({
    mutationFn: (card: Card) => Promise.all(card.lead.alerts.filter((a) => a.status === 'open').map((a) => alertsApi.acknowledge(a.id))),
    onSuccess: (answers, card) => {
      merge(answers.map((r) => r.alert));
      setAnnounce(t('triage:acknowledged', { name: card.patientName }));
    },
  });
  const resolve = useMutation({
    mutationFn: ({ card, body }: { card: Card; body: { action: ResolutionAction; note?: string } }) =>
      Promise.all(card.lead.alerts.filter((a) => a.status !== 'resolved').map((a) => alertsApi.resolve(a.id, body))),
    onSuccess: (answers, { card }) => {
      merge(answers.map((r) => r.alert));
      setResolving(null);
      setAnnounce(t('triage:resolved', { name: card.patientName }));
    },
  });
  const bulk = useMutation({
    mutationFn: (ids: string[]) => api.post<AcknowledgeModerateAnswer>('/api/alerts/acknowledge-moderate', { ids }),
    onSuccess: (answer) => {
      merge(answer.acknowledged);
      setAnnounce(t('triage:bulkDone', { count: answer.acknowledged.length }) + (answer.refused.length ? ` ${t('triage:bulkRefused', { count: answer.refused.length })}` : ''));
    },
  });
  const busy = acknowledge.isPending || resolve.isPending;

  // A re-sort or a card leaving the queue must not drop the keyboard user at the top of the page:
  // when focus fell to the body, it returns to the same patient's card, else to the card now in its place.
  useLayoutEffect(() => {
    const root = list.current;
    const was = focus.current;
    if (!root || !was || (document.activeElement && document.activeElement !== document.body)) return;
    const items = [...root.querySelectorAll<HTMLElement>('[data-card]')];
    (items.find((el) => el.dataset.card === was.key) ?? items[Math.min(was.index, items.length - 1)])?.focus();
  });

  const active = focusKey && cards.some((c) => c.patientId === focusKey) ? focusKey : cards[0]?.patientId;
  const moveTo = (index: number) => list.current?.querySelectorAll<HTMLElement>('[data-card]')[index]?.focus();
  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const target = e.target as HTMLElement;
    if (e.altKey || e.ctrlKey || e.metaKey || FIELD.test(target.tagName)) return;
    const el = target.closest<HTMLElement>('[data-card]');
    const index = cards.findIndex((c) => c.patientId === el?.dataset.card);
    const card = cards[index];
    if (!card) return;
    const k = e.key.toLowerCase();
    if (k === 'j' || k === 'arrowdown') moveTo(Math.min(index + 1, cards.length - 1));
    else if (k === 'k' || k === 'arrowup') moveTo(Math.max(index - 1, 0));
    else if (k === 'a' && card.lead.alerts.some((a) => a.status === 'open')) acknowledge.mutate(card);
    else if (k === 'r') setResolving(card.patientId);
    else if (k === 'enter' && target === el) void navigate(`/navigator/alerts/${card.lead.alerts[0]!.id}`);
    else return;
    e.preventDefault();
  };
  const onFocus = (e: FocusEvent<HTMLOListElement>) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-card]');
    if (!el?.dataset.card) return;
    focus.current = { key: el.dataset.card, index: cards.findIndex((c) => c.patientId === el.dataset.card) };
    setFocusKey(el.dataset.card);
  };

  const errorFor = (card: Card) =>
    acknowledge.isError && acknowledge.variables.patientId === card.patientId ? acknowledge.error : resolve.isError && resolve.variables.card.patientId === card.patientId ? resolve.error : undefined;

  return (
    <Page title={t('checkins:ui.triage.title')}>
      <p className={live ? 'live-badge live-on' : 'live-badge'} role="status">{live ? t('checkins:ui.triage.live') : t('checkins:ui.triage.offline')}</p>
      <div aria-live="polite" className="visually-hidden" data-testid="triage-announcement">{announce}</div>
      <TriageShortcuts />
      <TriageFilters status={status} severity={severity} assignee={assignee} onStatus={setStatus} onSeverity={setSeverity} onAssignee={setAssignee} />
      {moderate.length > 0 && (
        <div className="action-row bulk-row">
          <button type="button" className="button button-secondary" disabled={bulk.isPending} onClick={() => bulk.mutate(moderate.map((a) => a.id))}>
            {t('triage:bulk', { count: moderate.length })}
          </button>
        </div>
      )}
      {bulk.isError && <ErrorNotice error={bulk.error} />}
      {alerts.isPending && <Loading />}
      {alerts.isError && <ErrorNotice error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.isSuccess && cards.length === 0 && <EmptyState>{t('checkins:ui.triage.empty')}</EmptyState>}
      {cards.length > 0 && (
        <>
          <p className="lead">{t('triage:count', { count: cards.length })}</p>
          <ol className="alert-list" ref={list} onKeyDown={onKeyDown} onFocus={onFocus} aria-label={t('triage:queue')} aria-describedby="triage-keys">
            {cards.map((card) => (
              <TriageCard
                key={card.patientId}
                card={card}
                tabbable={card.patientId === active}
                resolving={resolving === card.patientId}
                busy={busy}
                error={errorFor(card)}
                actions={{ acknowledge: (c) => acknowledge.mutate(c), resolve: (c, body) => resolve.mutate({ card: c, body }), toggleResolve: (c) => setResolving(resolving === c.patientId ? null : c.patientId) }}
              />
            ))}
          </ol>
        </>
      )}
    </Page>
  );
}
