import { escapeHtml } from '../embeds/embed-snippet.js';
import type { openApiDocument } from './openapi-document.js';

type Doc = ReturnType<typeof openApiDocument>;
type Operation = {
  summary: string; description: string; tags: string[];
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string }>;
};

/** A schema in a few words: its type, allowed values, pattern or bounds. */
function describeSchema(s: Record<string, unknown>): string {
  const parts: string[] = [];
  if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.join(', ')}`);
  else if (s.type) parts.push(String(s.type));
  if (s.pattern) parts.push(`pattern ${s.pattern}`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && Number(s.maximum) < 1e15) parts.push(`≤ ${s.maximum}`);
  if (s.maxLength !== undefined) parts.push(`≤ ${s.maxLength} chars`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join('; ') || 'any';
}

const e = (s: unknown) => escapeHtml(String(s));

/** `/api/docs`: the OpenAPI document as a page to read, made on the server, with no script at all. */
export function renderDocsPage(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as Operation;
      const params = (op.parameters ?? []).map((p) =>
        `<li><code>${e(p.name)}</code> (${e(p.in)}${p.required ? ', required' : ''}): ${e(describeSchema(p.schema))}</li>`).join('');
      const bodies = Object.entries(op.requestBody?.content ?? {}).map(([type, { schema }]) => {
        const props = Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)
          .map(([name, s]) => `<li><code>${e(name)}</code>${((schema.required ?? []) as string[]).includes(name) ? ' (required)' : ''}: ${e(describeSchema(s))}</li>`).join('');
        return `<p>Body (<code>${e(type)}</code>):</p><ul>${props}</ul>`;
      }).join('');
      const responses = Object.entries(op.responses).map(([code, r]) => `<li><code>${e(code)}</code> ${e(r.description)}</li>`).join('');
      const html = `<section id="${e(`${method}-${path}`)}"><h3><code>${e(method.toUpperCase())} ${e(path)}</code></h3>` +
        `<p>${e(op.summary)}. ${e(op.description)}</p>${params ? `<p>Parameters:</p><ul>${params}</ul>` : ''}${bodies}` +
        `<details><summary>Responses</summary><ul>${responses}</ul></details></section>`;
      const tag = op.tags[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const toc = [...byTag.keys()].map((t) => `<a href="#tag-${e(t)}">${e(t)}</a>`).join(' · ');
  const body = [...byTag].map(([tag, ops]) => `<h2 id="tag-${e(tag)}">${e(tag)}</h2>${ops.join('')}`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.info.title)}</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem}
section{border-top:1px solid #ddd;padding:.3rem 0}h3{font-size:1rem;margin:.5rem 0}code{background:#f3f3f3;padding:0 .2rem}</style></head>
<body><h1>${e(doc.info.title)}</h1><p>${e(doc.info.description)} The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>
(OpenAPI ${e(doc.openapi)}). Errors always have the shape <code>{ "error": { "code", "message", "details" } }</code>.</p>
<nav>${toc}</nav>${body}</body></html>`;
}
