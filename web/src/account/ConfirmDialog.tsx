import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorNotice } from '../shell/status.tsx';
import './account.css';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Styles the confirm button as a destructive action. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation on the native <dialog>: the browser traps focus inside, Escape cancels, and
 * focus goes back to the button that opened it. Focus starts on Cancel, the safe choice.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel, danger, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      <div className="actions">
        <button
          type="button"
          className={danger ? 'button button-danger' : 'button button-primary'}
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * The state around a confirmed action: what is waiting for confirmation, whether it runs, its
 * failure, and the sentence announcing that it worked (`done`, for a role="status" region).
 */
export function useConfirmation<T>() {
  const [pending, setPending] = useState<T | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState('');

  const ask = useCallback((item: T) => {
    setDone('');
    setPending(item);
  }, []);
  const cancel = useCallback(() => setPending(undefined), []);

  /** Runs the action on the pending item; it resolves with the sentence to announce. */
  async function confirm(action: (item: T) => Promise<string>) {
    if (pending === undefined) return;
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      setDone(await action(pending));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setPending(undefined);
    }
  }

  return { pending, busy, error, done, setDone, ask, cancel, confirm };
}

/** What a confirmed action came to: a status region (always present, so it is announced) and any failure. */
export function ConfirmationOutcome({ done, error }: { done: string; error: unknown }) {
  return (
    <>
      <div role="status" className={done ? 'notice notice-success' : undefined}>
        {done && <p>{done}</p>}
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
    </>
  );
}
