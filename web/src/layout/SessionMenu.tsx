import { useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../auth/SessionProvider';
import { ErrorMessage } from '../components/ErrorMessage';
import { graphql } from '../graphql/generated';
import { Link, navigate } from '../router';
import { LiveIndicator } from './LiveIndicator';

const LogOutMutation = graphql(`
  mutation LogOut($refreshToken: String!) {
    logOut(refreshToken: $refreshToken)
  }
`);

/** Whether the live feed is up, who is signed in and "Log out"; or the ways to sign in. */
export function SessionMenu() {
  const { session, sessions } = useSession();
  const [logOutResult, logOut] = useMutation(LogOutMutation);
  const [logOutProblem, setLogOutProblem] = useState<string | null>(null);

  const onLogOut = async () => {
    const refreshToken = session?.refreshToken;
    if (refreshToken) {
      const result = await logOut({ refreshToken });
      if (result.error) setLogOutProblem(`Signed out here, but the server could not end the session: ${result.error.message}`);
    }
    sessions.set(null, 'You logged out.');
    navigate('/log-in', { replace: true });
  };

  return (
    <>
      <div className="session">
        <LiveIndicator />
        {session ? (
          <>
            <Link to="/account" className="who" aria-label={`Your account: ${session.user.name} (${session.user.role.toLowerCase()})`}>
              {session.user.name} <span className="muted">({session.user.role.toLowerCase()})</span>
            </Link>
            <button type="button" className="secondary" onClick={() => void onLogOut()} disabled={logOutResult.fetching}>
              Log out
            </button>
          </>
        ) : (
          <>
            <Link to="/log-in">Log in</Link>
            <Link to="/sign-up">Sign up</Link>
          </>
        )}
      </div>
      {logOutProblem && <ErrorMessage error={logOutProblem} />}
    </>
  );
}
