import type { ReactNode } from 'react';
import { Header } from './Header';

/** The header on every screen, and the screen itself under it. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
