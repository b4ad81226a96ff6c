/**
 * What a person was typing when their session ended, kept in this tab's sessionStorage so it is back
 * in its field after they sign in again (docs/decisions/0700-notification-centre-and-live-events.md).
 * Fields are found by id; passwords and hidden fields are never kept.
 */
const KEY = 'wayfinder.typedDrafts';
const MAX_AGE_MS = 2 * 3_600_000;
const RESTORE_WITHIN_MS = 10_000;

interface Stored {
  path: string;
  savedAt: number;
  fields: Record<string, string>;
}

const FIELDS = 'main textarea[id], main input[id]:not([type]), main input[id][type="text"], main input[id][type="search"]';

export function saveTypedDrafts(): void {
  const fields: Record<string, string> = {};
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(FIELDS)) {
    if (el.value.trim()) fields[el.id] = el.value;
  }
  if (Object.keys(fields).length === 0) return;
  const stored: Stored = { path: window.location.pathname, savedAt: Date.now(), fields };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(stored));
  } catch {
    // Storage full or disabled: nothing is kept, so the sign-in page does not claim the draft was kept.
  }
}

export function hasTypedDraft(): boolean {
  return read() !== undefined;
}

function read(): Stored | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    const stored = JSON.parse(raw) as Stored;
    if (Date.now() - stored.savedAt < MAX_AGE_MS) return stored;
  } catch {
    // Not ours or damaged: dropped below, and the sign-in page does not claim a draft was kept.
  }
  sessionStorage.removeItem(KEY);
  return undefined;
}

/** React owns the fields' values: set through the native setter and announce an input event. */
function fill(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * On the page where the draft was typed, puts each kept value back into its field as soon as the field
 * appears (screens load their data first). Returns a function that stops watching.
 */
export function restoreTypedDrafts(path: string): () => void {
  const stored = read();
  if (!stored || stored.path !== path) return () => undefined;
  const pending = new Map(Object.entries(stored.fields));
  const tryFill = () => {
    for (const [id, value] of pending) {
      const el = document.getElementById(id);
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        if (!el.value) fill(el, value);
        pending.delete(id);
      }
    }
    if (pending.size === 0) finish();
  };
  const observer = new MutationObserver(tryFill);
  const timer = window.setTimeout(() => finish(), RESTORE_WITHIN_MS);
  function unwatch() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  function finish() {
    unwatch();
    sessionStorage.removeItem(KEY);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  tryFill();
  // Unmounting only stops watching: a remount (React's strict mode) picks the draft up again.
  return unwatch;
}
