// The lengths the server allows for an embed's words (server/contracts/views.ts), copied rather than imported:
// that module builds zod schemas, which this page's bundle would then carry. limits.test.ts keeps them equal.
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;
