import crypto from 'node:crypto';
import { Router } from 'express';
import { isUuid } from '../http/uuid.js';
import type { PrismaClient, User } from '../generated/prisma/client.js';
import { createTokenInput, createUserInput, updateUserInput, type NewTokenDto, type TokenListDto, type UserDto } from '../contracts/auth.js';
import { conflict, notFound } from '../http/http-error.js';
import { parseOrThrow } from '../http/validate.js';
import { countActiveAdmins, createToken, createUser, listTokens, listUsers, revokeToken, updateUser } from './auth.repo.js';
import { publicOrigin } from '../http/public-origin.js';
import { hashPassword, newSecret } from './password.js';
import { adminOnly } from './require-role.js';

const toUserDto = (u: User): UserDto => ({
  id: u.id, email: u.email, displayName: u.displayName, role: u.role, disabled: u.disabledAt !== null, createdAt: u.createdAt.toISOString(),
});

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'P2002';
const isNotFound = (err: unknown) => (err as { code?: string }).code === 'P2025';

/** Users and API tokens, for admins only. Token secrets are returned once, at creation, and stored hashed. */
export function adminRouter(prisma: PrismaClient, opts: { publicUrl?: string } = {}): Router {
  const router = Router();
  router.use(adminOnly);

  router.get('/users', async (_req, res) => {
    res.json({ items: (await listUsers(prisma)).map(toUserDto) } satisfies { items: UserDto[] });
  });

  router.post('/users', async (req, res) => {
    const input = parseOrThrow(createUserInput, req.body);
    try {
      const user = await createUser(prisma, {
        id: crypto.randomUUID(), email: input.email, displayName: input.displayName, role: input.role,
        passwordHash: input.password ? await hashPassword(input.password) : null,
      });
      res.status(201).json(toUserDto(user));
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`A user with the email ${input.email} exists`);
      throw err;
    }
  });

  router.patch('/users/:id', async (req, res) => {
    const input = parseOrThrow(updateUserInput, req.body);
    if (!isUuid(req.params.id)) throw notFound(`User ${req.params.id}`);
    // Nobody could then manage accounts: the last admin stays an admin and enabled.
    const demotes = input.disabled === true || (input.role !== undefined && input.role !== 'admin');
    if (demotes && (await countActiveAdmins(prisma, req.params.id)) === 0) {
      const target = await prisma.user.findUnique({ where: { id: req.params.id }, select: { role: true } });
      if (target?.role === 'admin') throw conflict('This is the last active admin: make another admin first');
    }
    try {
      const user = await updateUser(prisma, req.params.id, {
        role: input.role,
        displayName: input.displayName,
        disabledAt: input.disabled === undefined ? undefined : input.disabled ? new Date() : null,
        passwordHash: input.password ? await hashPassword(input.password) : undefined,
      });
      if (input.disabled) await prisma.session.deleteMany({ where: { userId: user.id } });
      res.json(toUserDto(user));
    } catch (err) {
      if (isNotFound(err)) throw notFound(`User ${req.params.id}`);
      throw err;
    }
  });

  router.get('/tokens', async (_req, res) => {
    const tokens = await listTokens(prisma);
    res.json({
      items: tokens.map((t) => ({
        id: t.id, name: t.name, user: t.user, userId: t.userId, createdAt: t.createdAt.toISOString(),
        revokedAt: t.revokedAt?.toISOString() ?? null, lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      })),
    } satisfies TokenListDto);
  });

  router.post('/tokens', async (req, res) => {
    const input = parseOrThrow(createTokenInput, req.body);
    const { secret, hash } = newSecret('lp_');
    const owner = await prisma.user.findUnique({ where: { id: input.userId } });
    if (!owner) throw notFound(`User ${input.userId}`);
    const token = await createToken(prisma, { id: crypto.randomUUID(), name: input.name, tokenHash: hash, userId: owner.id, createdById: req.user!.id });
    // The QR code the admin page draws holds this link: a phone that opens it signs the upload app in. The token
    // travels in the fragment, which browsers never send to a server or write in its logs.
    const signInUrl = `${publicOrigin(req, opts.publicUrl)}/upload/#device-token=${encodeURIComponent(secret)}`;
    res.status(201).json({ id: token.id, name: token.name, token: secret, signInUrl, note: 'Shown once: store it now.' } satisfies NewTokenDto);
  });

  router.delete('/tokens/:id', async (req, res) => {
    if (!isUuid(req.params.id)) throw notFound(`Active token ${req.params.id}`);
    const { count } = await revokeToken(prisma, req.params.id);
    if (count === 0) throw notFound(`Active token ${req.params.id}`);
    res.status(204).end();
  });

  return router;
}
