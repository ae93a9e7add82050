import type { PrismaClient, Role } from '../generated/prisma/client.js';

export function getUserByEmail(prisma: PrismaClient, email: string) {
  return prisma.user.findFirst({ where: { email: { equals: email, mode: 'insensitive' } } });
}

export function listUsers(prisma: PrismaClient) {
  return prisma.user.findMany({ orderBy: { email: 'asc' } });
}

export function createUser(prisma: PrismaClient, data: { id: string; email: string; displayName: string; role: Role; passwordHash: string | null }) {
  return prisma.user.create({ data });
}

export function updateUser(prisma: PrismaClient, id: string, data: { role?: Role; displayName?: string; disabledAt?: Date | null; passwordHash?: string }) {
  return prisma.user.update({ where: { id }, data });
}

export function createSession(prisma: PrismaClient, data: { id: string; userId: string; expiresAt: Date; deviceTokenId?: string | null }) {
  return prisma.session.create({ data });
}

export function deleteSession(prisma: PrismaClient, id: string) {
  return prisma.session.deleteMany({ where: { id } });
}

export function getSessionWithUser(prisma: PrismaClient, id: string) {
  return prisma.session.findUnique({ where: { id }, include: { user: true, deviceToken: { select: { revokedAt: true } } } });
}

export function getTokenWithUser(prisma: PrismaClient, tokenHash: string) {
  return prisma.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
}

export function touchToken(prisma: PrismaClient, id: string) {
  return prisma.apiToken.update({ where: { id }, data: { lastUsedAt: new Date() } });
}

export function listTokens(prisma: PrismaClient) {
  return prisma.apiToken.findMany({ orderBy: { createdAt: 'desc' }, include: { user: { select: { email: true, role: true, displayName: true } } } });
}

export function createToken(prisma: PrismaClient, data: { id: string; name: string; tokenHash: string; userId: string; createdById: string }) {
  return prisma.apiToken.create({ data });
}

/** Revokes a token and ends the sessions of the devices it signed in, in one transaction. */
export function revokeToken(prisma: PrismaClient, id: string) {
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.session.deleteMany({ where: { deviceTokenId: id } });
    return revoked;
  });
}

export function countActiveAdmins(prisma: PrismaClient, exceptUserId?: string) {
  return prisma.user.count({ where: { role: 'admin', disabledAt: null, ...(exceptUserId && { id: { not: exceptUserId } }) } });
}
