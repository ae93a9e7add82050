import { z } from 'zod';

const role = z.enum(['observer', 'analyst', 'admin']);
const email = z.email({ message: 'must be an email address' }).max(320).transform((s) => s.toLowerCase());

export const loginInput = z.strictObject({
  email,
  password: z.string().min(1, 'is required').max(1000),
});

export const createUserInput = z.strictObject({
  email,
  displayName: z.string().trim().min(1).max(200),
  role,
  password: z.string().min(10, 'must be at least 10 characters').max(1000).optional(),
});

export const updateUserInput = z.strictObject({
  role: role.optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(10, 'must be at least 10 characters').max(1000).optional(),
});

export const createTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  userId: z.uuid({ message: 'must be a user id' }),
});

export type UserDto = { id: string; email: string; displayName: string; role: string; disabled: boolean; createdAt: string };
