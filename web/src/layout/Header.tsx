import { isStaff } from '../auth/session';
import { useSession } from '../auth/SessionProvider';
import { AlertToast } from './AlertToast';
import { MainNav } from './MainNav';
import { SessionMenu } from './SessionMenu';

export function Header() {
  const { session } = useSession();
  const staff = isStaff(session?.user);
  return (
    <header className="app-header">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <span className="brand">Bodega</span>
      <MainNav staff={staff} admin={session?.user.role === 'ADMIN'} />
      <SessionMenu />
      {staff && <AlertToast />}
    </header>
  );
}
