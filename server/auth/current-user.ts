import type { Role } from '../generated/prisma/client.js';

export type { Role };

/** Who is making the request; null is the public. */
export type CurrentUser = { id: string; email: string; displayName: string; role: Role; via: 'session' | 'token' };

declare module 'express-serve-static-core' {
  interface Request {
    user?: CurrentUser | null;
  }
}

/** Analysts and admins see everything; observers their own and approved data; the public approved data. */
export const canSeeUnreviewed = (user: CurrentUser | null | undefined) => user?.role === 'analyst' || user?.role === 'admin';

/** Who an observation is credited to: the account, and the name shown beside its rows. */
export const submitterOf = (user: CurrentUser) => ({ userId: user.id, label: user.displayName });
