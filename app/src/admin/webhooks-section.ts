import { ApiError } from '../api.js';
import { el } from '../ui/dom.js';
import {
  WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS, createWebhook, deleteWebhook, getWebhook, listDeliveries, retryDelivery, sendTest, updateWebhook,
  type CreatedWebhookDto, type WebhookDeliveryDto, type WebhookDto, type WebhookEvent,
} from './webhooks-api.js';

type Ctx = { announce: (m: string) => void; reload: (justMade?: HTMLElement) => Promise<void> };

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—');
const problem = (err: unknown) => (err instanceof ApiError ? err.message : 'Could not reach the server');

/** A new endpoint's secret, shown once, with what to do with it. */
export function newWebhookCard(made: CreatedWebhookDto): HTMLElement {
  const copy = el('button', { type: 'button' }, 'Copy the secret');
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(made.secret).then(() => (copy.textContent = 'Copied')));
  return el('div', { className: 'new-token new-webhook', role: 'region', 'aria-label': 'New webhook secret', tabindex: -1 },
    el('strong', {}, `Webhook to ${made.url} is registered.`),
    el('p', {}, 'Its signing secret: ', el('code', { className: 'webhook-secret' }, made.secret), ' ', copy),
    el('p', { className: 'muted' }, 'Shown only now. The receiver checks the X-Landport-Signature header of each delivery with it (docs/webhooks.md). If it is lost, renew it.'));
}

function newWebhookForm(ctx: Ctx): HTMLFormElement {
  const url = el('input', { type: 'url', id: 'new-webhook-url', required: true, maxlength: 2000, placeholder: 'https://example.org/hooks/landport', autocomplete: 'off' });
  const description = el('input', { type: 'text', id: 'new-webhook-description', maxlength: 500, placeholder: 'e.g. Newsroom bot', autocomplete: 'off' });
  const boxes = WEBHOOK_EVENTS.map((e) => el('input', { type: 'checkbox', name: 'events', value: e, id: `event-${e}` }));
  const events = el('fieldset', { className: 'events-field' },
    el('legend', {}, 'Events', el('span', { 'aria-hidden': 'true' }, ' *')),
    ...boxes.map((b, i) => el('label', { for: b.id }, b, ` ${WEBHOOK_EVENT_LABELS[WEBHOOK_EVENTS[i]]} `, el('code', {}, WEBHOOK_EVENTS[i]))));
  const error = el('p', { className: 'form-error', role: 'alert' });
  const form = el('form', { className: 'inline-form webhook-form', 'aria-label': 'New webhook', novalidate: true },
    el('div', { className: 'field wide' }, el('label', { for: 'new-webhook-url' }, 'URL (https, or http to 127.0.0.1)', el('span', { 'aria-hidden': 'true' }, ' *')), url),
    el('div', { className: 'field' }, el('label', { for: 'new-webhook-description' }, 'Description'), description),
    events,
    el('button', { type: 'submit', className: 'primary' }, 'Register webhook'), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value as WebhookEvent);
    if (!url.value.trim()) return void (error.textContent = 'Give the URL that receives the events.');
    if (!chosen.length) return void (error.textContent = 'Choose at least one event.');
    try {
      const made = await createWebhook({ url: url.value.trim(), events: chosen, description: description.value.trim() || undefined });
      await ctx.reload(newWebhookCard(made));
      ctx.announce(`Webhook to ${made.url} registered. Its secret is shown once.`);
    } catch (err) {
      error.textContent = problem(err);
    }
  });
  return form;
}

function deliveryRow(hook: WebhookDto, d: WebhookDeliveryDto, refresh: () => Promise<void>, ctx: Ctx): HTMLElement {
  const last = d.log.at(-1);
  const outcome = d.status === 'delivered' ? `Delivered ${when(d.deliveredAt)}`
    : d.status === 'failed' ? `Failed: ${d.lastError ?? 'no answer'}`
    : d.attempts ? `Retrying ${when(d.nextAttemptAt)} (last: ${d.lastError ?? 'no answer'})` : 'Queued';
  const retry = d.status === 'failed' ? el('button', { type: 'button' }, 'Retry') : null;
  retry?.addEventListener('click', async () => {
    try {
      await retryDelivery(hook.id, d.id);
      ctx.announce('The delivery is queued again.');
      await refresh();
    } catch (err) {
      ctx.announce(`Not retried: ${problem(err)}`);
    }
  });
  const tries = el('details', {}, el('summary', {}, `${d.attempts} ${d.attempts === 1 ? 'try' : 'tries'}`),
    el('ol', {}, ...d.log.map((a) => el('li', {}, `${when(a.startedAt)}: ${a.status ?? a.error ?? 'no answer'} in ${a.durationMs} ms`, a.responseBody ? el('code', {}, ` ${a.responseBody}`) : null))));
  return el('tr', { className: `delivery-${d.status}` },
    el('td', { 'data-label': 'Event' }, el('code', {}, d.eventType)),
    el('td', { 'data-label': 'Queued' }, when(d.createdAt)),
    el('td', { 'data-label': 'Outcome' }, outcome, last?.status ? ` · HTTP ${last.status}` : ''),
    el('td', { 'data-label': 'Tries' }, d.log.length ? tries : '0'),
    el('td', { 'data-label': 'Action' }, retry ?? ''));
}

/** How often an open log with deliveries on their way is read again. */
const LOG_REFRESH_MS = 2000;

/**
 * The last 20 deliveries of one endpoint, loaded when the admin opens them, and read again while some are on their
 * way; each read also brings the endpoint's counts (`onCounts`) up to date.
 */
function deliveryLog(hook: WebhookDto, ctx: Ctx, onCounts: (h: WebhookDto) => void): { element: HTMLDetailsElement; refresh: () => Promise<void> } {
  const body = el('div', { className: 'delivery-log', 'aria-live': 'polite' });
  let again: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => {
    clearTimeout(again);
    body.setAttribute('aria-busy', 'true');
    try {
      const [items, fresh] = await Promise.all([listDeliveries(hook.id), getWebhook(hook.id)]);
      onCounts(fresh);
      if (log.open && log.isConnected && items.some((d) => d.status === 'pending')) again = setTimeout(() => void refresh(), LOG_REFRESH_MS);
      body.replaceChildren(items.length
        ? el('div', { className: 'table-wrap' }, el('table', {},
            el('caption', { className: 'muted' }, `The latest deliveries to ${hook.url}`),
            el('thead', {}, el('tr', {}, ...['Event', 'Queued', 'Outcome', 'Tries', 'Action'].map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody', {}, ...items.map((d) => deliveryRow(hook, d, refresh, ctx)))))
        : el('p', { className: 'muted' }, 'Nothing sent yet. Use “Send test” to check the receiver.'));
    } catch (err) {
      body.replaceChildren(el('p', { role: 'alert' }, `Could not load the log: ${problem(err)}`));
    } finally {
      body.removeAttribute('aria-busy');
    }
  };
  const log = el('details', { className: 'webhook-log' }, el('summary', {}, 'Delivery log'), body);
  log.addEventListener('toggle', () => {
    if (log.open) {
      body.replaceChildren(el('p', { role: 'status' }, 'Loading the deliveries…'));
      void refresh();
    } else clearTimeout(again);
  });
  return { element: log, refresh };
}

const countsLine = (h: WebhookDto) => {
  const { pending, delivered, failed } = h.deliveries;
  return `${delivered} delivered · ${pending} waiting · ${failed} failed · last delivered ${when(h.lastDeliveryAt)} · registered ${when(h.createdAt)}`;
};

function webhookCard(hook: WebhookDto, ctx: Ctx): HTMLElement {
  const act = (label: string, run: () => Promise<unknown>, done: string) => {
    const b = el('button', { type: 'button' }, label);
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await run();
        ctx.announce(done);
        await ctx.reload();
      } catch (err) {
        ctx.announce(`${label}: ${problem(err)}`);
        b.disabled = false;
      }
    });
    return b;
  };
  const remove = el('button', { type: 'button', className: 'danger' }, 'Delete');
  remove.addEventListener('click', async () => {
    if (!confirm(`Delete the webhook to ${hook.url}? Its queue and delivery log go with it.`)) return;
    try {
      await deleteWebhook(hook.id);
      ctx.announce(`Webhook to ${hook.url} deleted.`);
      await ctx.reload();
    } catch (err) {
      ctx.announce(`Not deleted: ${problem(err)}`);
    }
  });
  const counts = el('p', { className: 'muted' }, countsLine(hook));
  const log = deliveryLog(hook, ctx, (fresh) => (counts.textContent = countsLine(fresh)));
  // A test opens the log, which reads itself again until the delivery is no longer on its way.
  const test = el('button', { type: 'button' }, 'Send test');
  test.addEventListener('click', async () => {
    try {
      await sendTest(hook.id);
      ctx.announce(`A test event is on its way to ${hook.url}.`);
      if (log.element.open) await log.refresh();
      else log.element.open = true;
    } catch (err) {
      ctx.announce(`Send test: ${problem(err)}`);
    }
  });
  return el('li', { className: `webhook-card${hook.enabled ? '' : ' disabled-row'}` },
    el('p', { className: 'webhook-url' }, el('code', {}, hook.url), hook.enabled ? '' : el('span', { className: 'badge' }, 'Paused')),
    hook.description ? el('p', { className: 'muted' }, hook.description) : null,
    el('p', {}, 'Events: ', ...hook.events.flatMap((e, i) => [i ? ', ' : '', WEBHOOK_EVENT_LABELS[e]])),
    counts,
    el('div', { className: 'actions' },
      hook.enabled ? test : null,
      hook.enabled
        ? act('Pause', () => updateWebhook(hook.id, { enabled: false }), `Webhook to ${hook.url} paused: events wait until it is enabled.`)
        : act('Enable', () => updateWebhook(hook.id, { enabled: true }), `Webhook to ${hook.url} enabled.`),
      remove),
    log.element);
}

/** Webhooks: where landport POSTs signed events, with the delivery log of each. */
export function webhooksSection(hooks: WebhookDto[], ctx: Ctx, justMade: HTMLElement | null): HTMLElement {
  return el('section', { 'aria-labelledby': 'webhooks-heading' },
    el('h2', { id: 'webhooks-heading' }, 'Webhooks'),
    el('p', { className: 'muted' }, 'landport POSTs a signed JSON event to each URL when observations are approved, an import commits, an anomaly is flagged or the nowcast changes. Failed deliveries are retried for about 8 hours.'),
    el('h3', {}, 'New webhook'),
    newWebhookForm(ctx),
    el('div', { className: 'made-slot' }, justMade),
    hooks.length
      ? el('ul', { className: 'webhook-list', 'aria-label': 'Registered webhooks' }, ...hooks.map((h) => webhookCard(h, ctx)))
      : el('p', { className: 'muted' }, 'No webhooks yet.'));
}
