import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// Pages shown before the user has done anything (the first page, start-up redirects) leave focus
// where the browser put it, at the top of the document, so the skip link comes first. After the
// first key press or pointer press, a new page is the result of something the user did.
let userHasInteracted = false;
const markInteracted = () => {
  userHasInteracted = true;
};
window.addEventListener('keydown', markInteracted, { capture: true, once: true });
window.addEventListener('pointerdown', markInteracted, { capture: true, once: true });

/**
 * Every screen renders inside a Page: it owns the one h1, sets the document title and, after a
 * navigation the user caused, moves focus to the heading so screen-reader and keyboard users
 * start at the new content.
 */
export function Page({ title, heading, children }: { title: string; heading?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  useEffect(() => {
    if (userHasInteracted) headingRef.current?.focus();
  }, []);

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="page-title">
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
