import type { z } from 'zod';
import { badRequest, type FieldIssue } from './http-error.js';

/** Zod issues as dotted paths, with a prefix for where they came from (`query`, `items.3`). */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** Parses `input` or throws a 400 naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(toFieldIssues(result.error, prefix));
  return result.data;
}
