import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../auth/SessionProvider';
import { ErrorMessage } from '../components/ErrorMessage';
import { ChangePasswordMutation, UpdateMyProfileMutation } from './documents';
import { fieldProblems } from './field-problems';
import { TextField } from './TextField';

// The server's rule, checked here first so the message appears before a round trip.
const PASSWORD_RULE = 'Use at least 10 characters, with at least two of: letters, digits, other characters.';
const PASSWORD_MAX_LENGTH = 200;

export function passwordProblem(password: string): string | undefined {
  const classes = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(password)).length;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return password.length >= 10 && classes >= 2 ? undefined : PASSWORD_RULE;
}

/** The signed-in person's own account: their name, and a new password. */
export function AccountPage() {
  const { session } = useSession();
  if (!session) return null;
  return (
    <section aria-labelledby="account-heading">
      <h1 id="account-heading">Your account</h1>
      <p>
        Signed in as <strong>{session.user.email}</strong> ({session.user.role.toLowerCase()}).
      </p>
      <div className="account-forms">
        <ProfileForm />
        <PasswordForm />
      </div>
    </section>
  );
}

function ProfileForm() {
  const { session, sessions } = useSession();
  const [result, update] = useMutation(UpdateMyProfileMutation);
  const [name, setName] = useState(session?.user.name ?? '');
  const [saved, setSaved] = useState(false);
  const [localError, setLocalError] = useState<string>();
  const problems = fieldProblems(result.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!name.trim()) return setLocalError('Enter a name.');
    setLocalError(undefined);
    const outcome = await update({ input: { name: name.trim() } });
    const user = outcome.data?.updateMyProfile;
    const current = sessions.current;
    if (user && current) {
      sessions.set({ ...current, user: { ...current.user, name: user.name } });
      setName(user.name);
      setSaved(true);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="profile-title" aria-busy={result.fetching} noValidate>
      <h2 id="profile-title">Your name</h2>
      <TextField label="Name" name="name" autoComplete="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} error={localError ?? problems.byField.name} />
      <ErrorMessage error={problems.rest.length ? problems.rest.join(' ') : null} />
      <button type="submit" disabled={result.fetching}>
        {result.fetching ? 'Saving…' : 'Save name'}
      </button>
      {saved && <p role="status">Your name is saved.</p>}
    </form>
  );
}

function PasswordForm() {
  const [result, change] = useMutation(ChangePasswordMutation);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [changed, setChanged] = useState(false);
  const problems = fieldProblems(result.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const next: Record<string, string> = {};
    if (!currentPassword) next.currentPassword = 'Enter your current password.';
    const rule = passwordProblem(newPassword);
    if (rule) next.newPassword = rule;
    setLocal(next);
    if (Object.keys(next).length > 0) return;
    const outcome = await change({ input: { currentPassword, newPassword } });
    if (outcome.data?.changePassword) {
      setCurrentPassword('');
      setNewPassword('');
      setChanged(true);
    }
  };

  const errorOf = (field: string) => local[field] ?? (Object.keys(local).length ? undefined : problems.byField[field]);
  return (
    <form className="card" onSubmit={submit} aria-labelledby="password-title" aria-busy={result.fetching} noValidate>
      <h2 id="password-title">Password</h2>
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} error={errorOf('currentPassword')} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" hint={PASSWORD_RULE} value={newPassword} onChange={(e) => setNewPassword(e.target.value)} error={errorOf('newPassword')} />
      <ErrorMessage error={problems.rest.length ? problems.rest.join(' ') : null} />
      <button type="submit" disabled={result.fetching}>
        {result.fetching ? 'Changing…' : 'Change password'}
      </button>
      {changed && <p role="status">Your password is changed. You stay signed in here; every other device is signed out.</p>}
    </form>
  );
}
