import type { RequestHandler } from 'express';
import { HttpError } from '../http/http-error.js';
import type { Role } from './current-user.js';

/** 401 for the public, 403 for a signed-in user whose role is not among `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new HttpError(401, 'unauthenticated', 'Sign in or send an API token');
    if (!roles.includes(req.user.role)) {
      throw new HttpError(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`);
    }
    next();
  };
}

export const anyAccount = requireRole('observer', 'analyst', 'admin');
export const analystOnly = requireRole('analyst', 'admin');
export const adminOnly = requireRole('admin');
