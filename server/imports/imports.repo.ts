import type { PrismaClient } from '../generated/prisma/client.js';

export function getImport(prisma: PrismaClient, id: string) {
  return prisma.import.findUnique({ where: { id } });
}
