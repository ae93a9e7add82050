import { z } from 'zod';
import { text } from './common.js';

export const MIN_PASSWORD_LENGTH = 10;

/** A new password: long enough to resist guessing, short enough to bound the KDF's work. */
export const newPassword = text().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1000);

const role = z.enum(['observer', 'analyst', 'admin']);
const email = z.email({ message: 'must be an email address' }).max(320).transform((s) => s.toLowerCase());

export const loginInput = z.strictObject({
  email,
  password: text().min(1, 'is required').max(1000),
});

export const createUserInput = z.strictObject({
  email,
  displayName: text().trim().min(1).max(200),
  role,
  password: newPassword.optional(),
});

export const updateUserInput = z.strictObject({
  role: role.optional(),
  displayName: text().trim().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
  password: newPassword.optional(),
});

export const createTokenInput = z.strictObject({
  name: text().trim().min(1).max(200),
  userId: z.uuid({ message: 'must be a user id' }),
});

export type UserDto = { id: string; email: string; displayName: string; role: string; disabled: boolean; createdAt: string };

/** `POST /api/auth/device`: the device token from an admin's QR code. */
export const deviceSignInInput = z.strictObject({ token: text().min(1, 'is required').max(200) });

/** `POST /api/setup`: the first admin, with the one-time token the server printed at its first start. */
export const setupInput = z.strictObject({
  token: text().min(1, 'is required').max(200),
  email,
  displayName: text().trim().min(1, 'is required').max(200),
  password: newPassword,
});
