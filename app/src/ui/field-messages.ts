/**
 * Shows the server's (or the form's own) message next to each named field: `fields` maps a name to an input's id.
 * Each input has an error element `<id>-error`; a field with a message is marked invalid and the first gets focus.
 */
export function fieldMessages(form: HTMLFormElement, fields: Record<string, string>) {
  return (messages: Record<string, string>) => {
    let first: HTMLElement | null = null;
    for (const [name, id] of Object.entries(fields)) {
      const input = form.querySelector<HTMLElement>(`#${id}`);
      const error = form.querySelector<HTMLElement>(`#${id}-error`);
      const text = messages[name] ?? '';
      if (error) error.textContent = text;
      if (!input) continue;
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      if (text && !first) first = input;
    }
    first?.focus();
  };
}
