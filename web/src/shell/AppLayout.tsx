import { Suspense, useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { homePath, type RoleArea } from '../roles/index.ts';
import { useSession, useUser } from '../session.tsx';
import { LiveEvents } from '../live/LiveEvents.tsx';
import { Bell } from '../notifications/Bell.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';
import { Loading } from './status.tsx';

function SkipLink() {
  const { t } = useTranslation();
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const main = document.getElementById('main');
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }
  return (
    <a className="skip-link" href="#main" onClick={skip}>
      {t('skipLink')}
    </a>
  );
}

/** Header + main for pages without a signed-in user (login). */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header-inner">
          <p className="brand">{t('app.name')}</p>
          <div className="header-tools">
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <OfflineBanner />
      <main id="main" tabIndex={-1} className="main main-narrow">
        {children}
      </main>
    </>
  );
}

/**
 * The signed-in shell: header (app, user, language, sign out), the role's navigation (from
 * web/src/roles/<role>.ts) and main, which shows the matched entry (or `children`).
 */
export function AppLayout({ area, children }: { area: RoleArea; children?: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const base = homePath(area.role);
  const links = area.entries.filter((entry) => entry.navLabel);
  const nav = useRef<HTMLElement>(null);
  const location = useLocation();
  const { pathname } = location;
  // On a phone the links scroll sideways: keep the current page's link in sight.
  useEffect(() => {
    const list = nav.current?.querySelector('ul');
    if (!list || list.scrollWidth <= list.clientWidth) return;
    list.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);

  async function signOut() {
    await logout();
    // Signing in again returns here. Without `from`, whichever ran last, this or the sign-in guard's
    // redirect (which carries it), decided where the next sign-in lands.
    await navigate('/login', { replace: true, state: { from: location } });
  }

  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header-inner app-header">
          <p className="brand">
            <Link to={base}>{t('app.name')}</Link>
          </p>
          <p className="user-badge">
            <span className="user-name">{user.name}</span>{' '}
            <span className="user-role">{t(`roles.${user.role}`)}</span>
          </p>
          <Bell base={base} />
          <LanguageSwitcher />
          <button type="button" className="button button-secondary header-logout" onClick={() => void signOut()}>
            {t('header.logout')}
          </button>
        </div>
      </header>
      <OfflineBanner />
      <div className="app-body">
        <nav ref={nav} className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {links.map((entry) => (
              <li key={entry.path}>
                <NavLink to={entry.path ? `${base}/${entry.path}` : base} end={entry.path === ''}>
                  {t(entry.navLabel as string)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="main">
          <Suspense fallback={<Loading />}>{children ?? <Outlet />}</Suspense>
        </main>
      </div>
      <LiveEvents />
    </>
  );
}
