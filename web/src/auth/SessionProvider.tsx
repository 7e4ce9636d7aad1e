import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createBodegaClient } from '../graphql/client';
import type { LiveConnection } from '../graphql/live-connection';
import { SessionStore, type Session } from './session';

interface SessionContextValue {
  sessions: SessionStore;
  session: Session | null;
  live: LiveConnection;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The session and an urql client made for it; a new user (or none) gets a new client. */
export function SessionProvider({ sessions, children }: { sessions: SessionStore; children: ReactNode }) {
  const session = useSyncExternalStore(
    (listener) => sessions.subscribe(listener),
    () => sessions.current,
  );
  const userId = session?.user.id;
  const bodega = useMemo(() => createBodegaClient(sessions), [sessions, userId]);
  useEffect(() => () => bodega.dispose(), [bodega]);

  useEffect(() => {
    const onStorage = () => sessions.syncFromStorage();
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [sessions]);

  const value = useMemo(() => ({ sessions, session, live: bodega.live }), [sessions, session, bodega]);
  return (
    <SessionContext.Provider value={value}>
      <Provider value={bodega.client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useLiveState() {
  const { live } = useSession();
  const state = useSyncExternalStore(live.subscribe, live.snapshot);
  return { state, reason: live.reason };
}

/** For tests and the shell: the current user or null. */
export function useUser() {
  return useSession().session?.user ?? null;
}

export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
