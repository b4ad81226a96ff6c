/**
 * Who is signed in, and the language that follows them: the stored preference after login
 * (GET /api/me -> locale), the browser's language before, English as the fallback.
 */
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, setUnauthorizedHandler, type Locale, type Me } from './api.ts';
import { i18n, matchLanguage } from './i18n.ts';
import type { MfaChallenge } from './security/api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; ended: boolean }
  | { status: 'authenticated'; user: Me };

export interface Session {
  state: SessionState;
  /**
   * Signs in; resolves with the user, or with the second-factor step a staff account still needs
   * (the session stays anonymous until completeSignIn). Rejects with an ApiError.
   */
  login(email: string, password: string): Promise<Me | MfaChallenge>;
  /** After the second factor: reads the user and becomes signed in. */
  completeSignIn(): Promise<Me>;
  logout(): Promise<void>;
  /** Switches the UI language; when signed in also saves it (PATCH /api/me), reverting if that fails. */
  changeLanguage(lng: string): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

async function followUserLanguage(user: Me): Promise<void> {
  const lng = matchLanguage(user.locale);
  if (lng && lng !== i18n.language) await i18n.changeLanguage(lng);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    authApi
      .me({ redirectOnUnauthorized: false, signal: controller.signal })
      .then(async (user) => {
        await followUserLanguage(user);
        setState({ status: 'authenticated', user });
      })
      .catch(() => {
        if (controller.signal.aborted) return;
        // 401 is the normal answer before login. Any other failure (server down) also leaves us at
        // the login page, where signing in reports the problem in the user's language.
        setState({ status: 'anonymous', ended: false });
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setState((current) => (current.status === 'authenticated' ? { status: 'anonymous', ended: true } : current));
    });
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const completeSignIn = useCallback(async () => {
    const me = await authApi.me({ redirectOnUnauthorized: false });
    await followUserLanguage(me);
    setState({ status: 'authenticated', user: me });
    return me;
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const answer = await authApi.login(email, password);
    if ('mfa' in answer) return answer;
    const { user } = answer;
    // The profile carries more than the login answer (timezone); fall back if it cannot be read.
    const me = await authApi.me({ redirectOnUnauthorized: false }).catch(() => user);
    await followUserLanguage(me);
    setState({ status: 'authenticated', user: me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // The session is gone from this tab either way; the server expires it on its own.
    }
    setState({ status: 'anonymous', ended: false });
  }, []);

  const changeLanguage = useCallback(
    async (lng: string) => {
      const previous = i18n.language;
      if (lng === previous) return;
      await i18n.changeLanguage(lng);
      if (state.status !== 'authenticated') return;
      try {
        const user = await authApi.updateMe({ locale: lng as Locale });
        setState({ status: 'authenticated', user });
      } catch (error) {
        await i18n.changeLanguage(previous);
        throw error;
      }
    },
    [state.status],
  );

  const value = useMemo<Session>(
    () => ({ state, login, completeSignIn, logout, changeLanguage }),
    [state, login, completeSignIn, logout, changeLanguage],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for components rendered behind RequireRole. */
export function useUser(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser without a signed-in user');
  return state.user;
}
