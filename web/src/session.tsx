import { createContext, useContext } from 'react';
import type { components } from './api-types';

export type Session = components['schemas']['Session'];
export type Role = Session['role'];

const ORDER: Role[] = ['viewer', 'staff', 'owner'];

const SessionContext = createContext<Session | null>(null);
export const SessionProvider = SessionContext.Provider;

/** The signed-in session (user, role, dealer); only rendered inside the signed-in app. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in app');
  return session;
}

/**
 * Whether the signed-in role may do what needs `role`: the UI hides what the API would refuse
 * (the API enforces it either way). Outside the signed-in app, nothing is allowed.
 */
export function useCan(role: Role): boolean {
  const session = useContext(SessionContext);
  return session !== null && ORDER.indexOf(session.role) >= ORDER.indexOf(role);
}
