import { useId, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';
import './account.css';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  /** Translated message shown under the field; marks the select invalid and describes it. */
  error?: string | undefined;
  /** A translated explanation under the label, read with the field. */
  hint?: string | undefined;
  ref?: Ref<HTMLSelectElement>;
  children: ReactNode;
}

/** A labelled <select> with its error tied to it, the counterpart of shell/TextField. */
export function SelectField({ label, error, hint, ref, children, ...select }: SelectFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <select
        ref={ref}
        id={id}
        {...select}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {children}
      </select>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
