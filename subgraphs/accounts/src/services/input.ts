import { z } from 'zod';
import { isUuid } from '@bodega/db';
import { characterClasses, PASSWORD_MAX_LENGTH, PASSWORD_RULE } from './passwords';

/** Emails are compared and stored trimmed and lowercased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const signUpInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'An email address has at most 254 characters.')
    .pipe(z.email('Enter a valid email address, e.g. ana@example.com.')),
  password: z
    .string()
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
    .refine((password) => password.length >= 10 && characterClasses(password) >= 2, PASSWORD_RULE),
  name: z.string().trim().min(1, 'Enter a name.').max(100, 'A name has at most 100 characters.'),
});

export const setRoleArgs = z.object({
  userId: z.string().refine(isUuid, 'Not a user id.'),
  role: z.enum(['ADMIN', 'STAFF', 'CUSTOMER']),
});

export const updateProfileInput = z.object({
  name: signUpInput.shape.name,
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH, 'Your current password is wrong.'),
  newPassword: signUpInput.shape.password,
});
