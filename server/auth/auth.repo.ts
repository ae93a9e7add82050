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

export function createSession(prisma: PrismaClient, data: { id: string; userId: string; expiresAt: Date }) {
  return prisma.session.create({ data });
}

export function deleteSession(prisma: PrismaClient, id: string) {
  return prisma.session.deleteMany({ where: { id } });
}

export function getSessionWithUser(prisma: PrismaClient, id: string) {
  return prisma.session.findUnique({ where: { id }, include: { user: true } });
}

export function getTokenWithUser(prisma: PrismaClient, tokenHash: string) {
  return prisma.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
}

export function touchToken(prisma: PrismaClient, id: string) {
  return prisma.apiToken.update({ where: { id }, data: { lastUsedAt: new Date() } });
}

export function listTokens(prisma: PrismaClient) {
  return prisma.apiToken.findMany({ orderBy: { createdAt: 'desc' }, include: { user: { select: { email: true, role: true } } } });
}

export function createToken(prisma: PrismaClient, data: { id: string; name: string; tokenHash: string; userId: string; createdById: string }) {
  return prisma.apiToken.create({ data });
}

export function revokeToken(prisma: PrismaClient, id: string) {
  return prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
}
