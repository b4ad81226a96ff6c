import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { accountApi, SCOPES, type Caregiver, type CaregiverScope } from './api.ts';
import { ConfirmationOutcome, ConfirmDialog, useConfirmation } from './ConfirmDialog.tsx';
import './account.css';

/** One person who helps the patient: what they may do, saved on request, and removal. */
function CaregiverCard({
  caregiver,
  onSaved,
  onRevoke,
}: {
  caregiver: Caregiver;
  onSaved: (caregiver: Caregiver) => void;
  onRevoke: (caregiver: Caregiver) => void;
}) {
  const { t } = useTranslation('account');
  const [error, setError] = useState<unknown>(undefined);
  const [noneChosen, setNoneChosen] = useState(false);
  const [saving, setSaving] = useState(false);
  const firstBoxRef = useRef<HTMLInputElement>(null);
  const headingId = `caregiver-${caregiver.id}`;
  const errorId = `caregiver-${caregiver.id}-error`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const form = new FormData(event.currentTarget);
    const scopes = SCOPES.filter((s) => form.getAll('scope').includes(s));
    setError(undefined);
    setNoneChosen(scopes.length === 0);
    if (scopes.length === 0) return firstBoxRef.current?.focus();
    setSaving(true);
    try {
      await accountApi.setCaregiverScopes(caregiver.id, scopes);
      onSaved({ ...caregiver, scopes });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="card caregiver-card">
      <h3 id={headingId}>{caregiver.name}</h3>
      {error !== undefined && <ErrorNotice error={error} />}
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <fieldset className="scope-fieldset" aria-describedby={noneChosen ? errorId : undefined}>
          <legend>{t('caregivers.scopesLegend', { name: caregiver.name })}</legend>
          <ul className="scope-list">
            {SCOPES.map((scope: CaregiverScope, i) => (
              <li key={scope}>
                <label className="scope-option">
                  <input
                    ref={i === 0 ? firstBoxRef : undefined}
                    type="checkbox"
                    name="scope"
                    value={scope}
                    defaultChecked={caregiver.scopes.includes(scope)}
                    aria-invalid={noneChosen || undefined}
                  />
                  <span>
                    <strong>{t(`caregivers.scope.${scope}`)}</strong>
                    <span className="scope-description">{t(`caregivers.scopeHelp.${scope}`)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {noneChosen && (
            <p id={errorId} className="field-error" role="alert">
              {t('caregivers.noneChosen', { name: caregiver.name })}
            </p>
          )}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
            {saving ? t('caregivers.saving') : t('caregivers.save')}
          </button>
          <button type="button" className="button button-danger" onClick={() => onRevoke(caregiver)}>
            {t('caregivers.revoke', { name: caregiver.name })}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * "People who help me": the patient sees who has proxy access to their care and what each may do,
 * changes it or removes it. Every change is the patient's consent, recorded by the server.
 */
export default function CaregiversPage() {
  const { t } = useTranslation('account');
  const loaded = useApiData<{ caregivers: Caregiver[] }>('/api/me/caregivers');
  // Kept locally after the first load so saving or removing does not re-render the whole list.
  const [edited, setEdited] = useState<Record<string, Caregiver | null>>({});
  const { pending: revoking, busy, error, done, setDone, ask, cancel, confirm } = useConfirmation<Caregiver>();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const revoke = () =>
    confirm(async (caregiver) => {
      await accountApi.revokeCaregiver(caregiver.id);
      setEdited((e) => ({ ...e, [caregiver.id]: null }));
      // The card (and the button that had focus) is gone: continue from the list's heading.
      headingRef.current?.focus();
      return t('caregivers.revoked', { name: caregiver.name });
    });

  let body;
  if (loaded.status === 'loading') body = <Loading />;
  else if (loaded.status === 'error') body = <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  else {
    const caregivers = loaded.data.caregivers.flatMap((c) => {
      const current = edited[c.id];
      if (current === null) return [];
      return [current ?? c];
    });
    body =
      caregivers.length === 0 ? (
        <EmptyState>{t('caregivers.empty')}</EmptyState>
      ) : (
        caregivers.map((caregiver) => (
          <CaregiverCard
            key={caregiver.id}
            caregiver={caregiver}
            onSaved={(saved) => {
              setEdited((e) => ({ ...e, [saved.id]: saved }));
              setDone(t('caregivers.saved', { name: saved.name }));
            }}
            onRevoke={ask}
          />
        ))
      );
  }

  return (
    <Page title={t('caregivers.title')}>
      <p className="lead">{t('caregivers.intro')}</p>
      <p>{t('caregivers.consent')}</p>
      <h2 ref={headingRef} tabIndex={-1} className="section-heading">
        {t('caregivers.listHeading')}
      </h2>
      <ConfirmationOutcome done={done} error={error} />
      {body}
      <p className="field-hint">{t('caregivers.addSomeone')}</p>
      <ConfirmDialog
        open={revoking !== undefined}
        title={t('caregivers.confirmTitle', { name: revoking?.name ?? '' })}
        confirmLabel={t('caregivers.confirmRevoke')}
        cancelLabel={t('cancel')}
        danger
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={cancel}
      >
        <p>{t('caregivers.confirmBody', { name: revoking?.name ?? '' })}</p>
      </ConfirmDialog>
    </Page>
  );
}
