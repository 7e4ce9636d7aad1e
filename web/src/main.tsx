import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SessionStore } from './auth/session';
import './styles.css';

createRoot(document.getElementById('root')!).render(<App sessions={new SessionStore()} />);
