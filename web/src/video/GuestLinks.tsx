import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestLink, GuestLinkInfo, RoomRef } from '../../../src/contracts/video.ts';
import { ConfirmDialog } from '../account/ConfirmDialog.tsx';
import { errorMessage } from '../i18n.ts';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { videoApi } from './api.ts';

type LinkState = 'unused' | 'used' | 'expired' | 'revoked';

/** Revoked wins over used (a used link's guest was sent away), used over expired (the guest came). */
export function linkState(link: GuestLinkInfo, now: number): LinkState {
  if (link.revoked) return 'revoked';
  if (link.used) return 'used';
  return Date.parse(link.expiresAt) <= now ? 'expired' : 'unused';
}

const linksKey = (room: RoomRef) => ['video', 'guest-links', room.kind, room.id] as const;

/**
 * The host's guest links for a room: invite an interpreter or family member, see each link's state
 * and revoke one (an unused link stops working; a used one ends the guest's session and call).
 */
export function GuestLinks({ room }: { room: RoomRef }) {
  const { t } = useTranslation('guests');
  const headingId = useId();
  return (
    <section className="card guest-links" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('heading')}</h2>
      <InviteGuest room={room} />
      <LinkList room={room} />
    </section>
  );
}

function InviteGuest({ room }: { room: RoomRef }) {
  const { t, i18n } = useTranslation('video');
  const queryClient = useQueryClient();
  const nameId = useId();
  const roleId = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'interpreter' | 'family'>('interpreter');
  const create = useMutation({
    mutationFn: () => videoApi.createGuestLink(room.kind, room.id, { role, name }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: linksKey(room) }),
  });
  const link: GuestLink | undefined = create.data;
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <div>
      <h3>{t('host.inviteHeading')}</h3>
      <p>{t('host.inviteIntro')}</p>
      <form onSubmit={submit} className="invite-form">
        <div className="field">
          <label htmlFor={nameId}>{t('host.guestName')}</label>
          <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor={roleId}>{t('host.guestRole')}</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as 'interpreter' | 'family')}>
            <option value="interpreter">{t('room.guestRole_interpreter')}</option>
            <option value="family">{t('room.guestRole_family')}</option>
          </select>
        </div>
        <button type="submit" className="button" disabled={create.isPending}>{t('host.createLink')}</button>
      </form>
      {create.isError && <p role="alert" className="notice notice-error">{errorMessage(t, create.error)}</p>}
      <div role="status">
        {link && (
          <p>
            {t('host.linkReady', { when: new Date(link.expiresAt).toLocaleString(i18n.language) })} <code className="guest-link">{link.url}</code>
          </p>
        )}
      </div>
    </div>
  );
}

function LinkList({ room }: { room: RoomRef }) {
  const { t, i18n } = useTranslation('guests');
  const { t: tv } = useTranslation('video');
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<GuestLinkInfo | null>(null);
  const [done, setDone] = useState('');
  const links = useQuery({ queryKey: linksKey(room), queryFn: () => videoApi.guestLinks(room.kind, room.id), refetchInterval: 30_000 });
  const revoke = useMutation({
    mutationFn: (link: GuestLinkInfo) => videoApi.revokeGuestLink(room.kind, room.id, link.id),
    onMutate: () => setDone(''),
    onSuccess: (_, link) => {
      setDone(t('revoked', { name: link.name }));
      return queryClient.invalidateQueries({ queryKey: linksKey(room) });
    },
    onSettled: () => setPending(null),
  });
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  // Expiry is judged at the moment of the last fetch (refetched every 30 s), keeping render pure.
  const now = links.dataUpdatedAt;
  return (
    <div>
      <h3>{t('listHeading')}</h3>
      <div role="status" className={done ? 'notice notice-success' : undefined}>{done && <p>{done}</p>}</div>
      {revoke.isError && <p role="alert" className="notice notice-error">{errorMessage(t, revoke.error)}</p>}
      {links.isPending && <Loading />}
      {links.isError && <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />}
      {links.data && links.data.links.length === 0 && <p>{t('none')}</p>}
      {links.data && links.data.links.length > 0 && (
        <ul className="guest-link-list">
          {links.data.links.map((link) => {
            const state = linkState(link, now);
            return (
              <li key={link.id} data-link-state={state}>
                <p>
                  <strong>{link.name}</strong> ({tv(`room.guestRole_${link.guestRole}`)}) · <span className={`link-state link-state-${state}`}>{t(`state.${state}`)}</span>
                  <br />
                  <span className="small">{t('validUntil', { when: fmt.format(new Date(link.expiresAt)) })}</span>
                </p>
                {(state === 'unused' || state === 'used') && (
                  <button type="button" className="button button-secondary" onClick={() => setPending(link)}>
                    {t('revoke', { name: link.name })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={t('confirmTitle', { name: pending?.name ?? '' })}
        confirmLabel={t('confirm')}
        cancelLabel={t('cancel')}
        danger
        busy={revoke.isPending}
        onConfirm={() => pending && revoke.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        <p>{pending && (pending.used ? t('confirmUsed') : t('confirmUnused'))}</p>
      </ConfirmDialog>
    </div>
  );
}
