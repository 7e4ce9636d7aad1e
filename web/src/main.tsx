import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SessionProvider } from './auth/SessionProvider';
import { SessionStore } from './auth/session';
import './styles.css';

const sessions = new SessionStore();

createRoot(document.getElementById('root')!).render(
  <SessionProvider sessions={sessions}>
    <App />
  </SessionProvider>,
);
