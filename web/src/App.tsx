import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { InvitationPage } from './account/InvitationPage.tsx';
import { ROLES, type Role } from './api.ts';
import { LoginPage } from './pages/Login.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { homePath, ROLE_AREAS } from './roles/index.ts';
import { ForgotPasswordPage, MfaPage, ResetPasswordPage } from './security/entries.ts';
import { SessionProvider, useSession } from './session.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { GuestVideoPage } from './video/entries.ts';

function Booting() {
  const { t } = useTranslation();
  return (
    <main id="main" className="main main-narrow">
      <p role="status" className="loading">
        {t('status.loading')}
      </p>
    </main>
  );
}

/** Renders its children for a signed-in user of the given role (any role without one). */
function RequireUser({ role, children }: { role?: Role; children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Booting />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location }} />;
  // Another role's area: go home rather than show a page whose every call the server refuses.
  if (role && state.user.role !== role) return <Navigate to={homePath(state.user.role)} replace />;
  return children;
}

function Home() {
  const { state } = useSession();
  if (state.status === 'loading') return <Booting />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace />;
  return <Navigate to={homePath(state.user.role)} replace />;
}

function Login() {
  const { state } = useSession();
  return state.status === 'loading' ? <Booting /> : <LoginPage />;
}

function UnknownPath() {
  const { state } = useSession();
  if (state.status !== 'authenticated') return <RequireUser>{null}</RequireUser>;
  return (
    <AppLayout area={ROLE_AREAS[state.user.role]}>
      <NotFound />
    </AppLayout>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/login" element={<Login />} />
          <Route path="/login/mfa" element={<MfaPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="/video/guest" element={<Suspense fallback={null}><GuestVideoPage /></Suspense>} />
          <Route path="/invite/:token" element={<InvitationPage />} />
          {ROLES.map((role) => {
            const area = ROLE_AREAS[role];
            return (
              <Route
                key={role}
                path={homePath(role)}
                element={
                  <RequireUser role={role}>
                    <AppLayout area={area} />
                  </RequireUser>
                }
              >
                {area.entries.map(({ path, Component }) =>
                  path === '' ? (
                    <Route key="index" index element={<Component />} />
                  ) : (
                    <Route key={path} path={path} element={<Component />} />
                  ),
                )}
                <Route path="*" element={<NotFound />} />
              </Route>
            );
          })}
          <Route path="*" element={<UnknownPath />} />
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
