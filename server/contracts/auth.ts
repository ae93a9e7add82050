import { z } from 'zod';
import { ROLES, dateTime, text } from './common.js';

export const MIN_PASSWORD_LENGTH = 10;

/** A new password: long enough to resist guessing, short enough to bound the KDF's work. */
export const newPassword = text().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1000);

const role = z.enum(ROLES);
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


/** `POST /api/auth/device`: the device token from an admin's QR code. */
export const deviceSignInInput = z.strictObject({ token: text().min(1, 'is required').max(200) });

/** `POST /api/setup`: the first admin, with the one-time token the server printed at its first start. */
export const setupInput = z.strictObject({
  token: text().min(1, 'is required').max(200),
  email,
  displayName: text().trim().min(1, 'is required').max(200),
  password: newPassword,
});

/** The signed-in account, as signing in (and setup) answer it. */
export const sessionUserResponse = z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), role });
export type SessionUserDto = z.output<typeof sessionUserResponse>;

/** `GET /api/auth/me`: who the request is from; null for the public. */
export const meResponse = z.object({
  user: sessionUserResponse.extend({ via: z.enum(['session', 'token']).describe('A session cookie, or an API token (Authorization: Bearer)') }).nullable(),
});
export type MeDto = z.output<typeof meResponse>;

/** `GET /api/setup`. */
export const setupStatusResponse = z.object({ needed: z.boolean().describe('True until the first admin exists') });
export type SetupStatusDto = z.output<typeof setupStatusResponse>;

/** An account as admins manage it. */
export const userResponse = z.object({
  id: z.uuid(), email: z.string(), displayName: z.string(), role, disabled: z.boolean(), createdAt: dateTime,
});
export type UserDto = z.output<typeof userResponse>;
export const userListResponse = z.object({ items: z.array(userResponse) });

/** An API token as listed (never its secret). */
export const tokenResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  userId: z.uuid().describe('The account the token acts as'),
  user: z.object({ email: z.string(), role, displayName: z.string() }),
  createdAt: dateTime,
  revokedAt: dateTime.nullable(),
  lastUsedAt: dateTime.nullable(),
});
export type TokenDto = z.output<typeof tokenResponse>;
export const tokenListResponse = z.object({ items: z.array(tokenResponse) });
export type TokenListDto = z.output<typeof tokenListResponse>;

/** `POST /api/admin/tokens`: the secret, shown this once. */
export const newTokenResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  token: z.string().describe('The secret: send it as `Authorization: Bearer …`; it is stored hashed and never shown again'),
  signInUrl: z.url().describe("Opened on a phone (the admin page's QR code), it signs the upload app in; the token is in the fragment"),
  note: z.string(),
});
export type NewTokenDto = z.output<typeof newTokenResponse>;
