// The server names the field of each problem in a 400 (`details.fields[].path`): the edit form shows each one
// beside its own field, and whatever names no field of the form above the buttons.

export type FieldErrors<F extends string> = { byField: Partial<Record<F, string>>; other: string | null };

type Issue = { path?: unknown; message?: unknown };

export function fieldErrors<F extends string>(fields: readonly F[], details: unknown, fallback: string): FieldErrors<F> {
  const issues = (details as { fields?: Issue[] } | null | undefined)?.fields;
  if (!Array.isArray(issues) || issues.length === 0) return { byField: {}, other: fallback };
  const byField: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const message = String(issue.message ?? '');
    const field = fields.find((f) => f === issue.path);
    // Two problems with one field are both worth reading.
    if (field) byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
    else other.push(issue.path ? `${String(issue.path)}: ${message}` : message);
  }
  return { byField, other: other.length ? other.join('; ') : null };
}

/** "Title" + "is required" → "Title is required"; a message that is a sentence of its own keeps it whole. */
export function fieldMessage(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : `${label}: ${message}`;
}
