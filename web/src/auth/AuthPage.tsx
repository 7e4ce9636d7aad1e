import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql, useFragment } from '../graphql/generated';
import { navigate } from '../router';
import { isStaff, SessionPayloadFragment } from './session';
import { useSession } from './SessionProvider';

const LogInMutation = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      ...SessionPayload
    }
  }
`);

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ...SessionPayload
    }
  }
`);

/** Log in, or sign up (the first account ever is the shop's ADMIN; everyone after is a customer). */
export function AuthPage({ mode }: { mode: 'log-in' | 'sign-up' }) {
  const { sessions } = useSession();
  const [logInResult, logIn] = useMutation(LogInMutation);
  const [signUpResult, signUp] = useMutation(SignUpMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const result = mode === 'log-in' ? logInResult : signUpResult;
  const ended = sessions.endedBecause;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload =
      mode === 'log-in'
        ? (await logIn({ email, password })).data?.logIn
        : (await signUp({ input: { email, password, name } })).data?.signUp;
    if (!payload) return;
    // useFragment is the client preset's unmasking function: a plain function, not a React hook.
    const session = useFragment(SessionPayloadFragment, payload);
    sessions.set(session);
    navigate(isStaff(session.user) ? '/products' : '/shop', { replace: true });
  };

  return (
    <section className="auth card" aria-labelledby="auth-title">
      <h1 id="auth-title">{mode === 'log-in' ? 'Log in' : 'Sign up'}</h1>
      {ended && <p role="status" className="notice">{ended}</p>}
      <form onSubmit={submit}>
        {mode === 'sign-up' && (
          <label>
            Name
            <input name="name" autoComplete="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === 'log-in' ? 'current-password' : 'new-password'}
            required
            minLength={mode === 'sign-up' ? 10 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={mode === 'sign-up' ? 'password-rule' : undefined}
          />
        </label>
        {mode === 'sign-up' && (
          <p id="password-rule" className="muted">
            At least 10 characters, with at least two of: letters, digits, other characters.
          </p>
        )}
        <ErrorMessage error={result.error} />
        <button type="submit" disabled={result.fetching}>
          {mode === 'log-in' ? 'Log in' : 'Sign up'}
        </button>
        {result.fetching && <Progress label={mode === 'log-in' ? 'Logging in…' : 'Creating your account…'} />}
      </form>
      <p>
        {mode === 'log-in' ? (
          <>
            New here? <a href="/sign-up" onClick={(e) => (e.preventDefault(), navigate('/sign-up'))}>Sign up</a>
          </>
        ) : (
          <>
            Have an account? <a href="/log-in" onClick={(e) => (e.preventDefault(), navigate('/log-in'))}>Log in</a>
          </>
        )}
      </p>
    </section>
  );
}
