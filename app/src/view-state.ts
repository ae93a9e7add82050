import type { Baseline } from './analysis/change.js';
import { METRICS, MONTH_PATTERN, REVIEW_STATUSES } from '../../server/contracts/vocabulary.js';

export const FLOW_CHOICES = ['imports', 'exports', 'total'] as const;
export type Flow = (typeof FLOW_CHOICES)[number];

/** Everything that defines what the analyst sees; the URL holds all of it. */
export type ViewState = {
  crossing: string | null;
  /** The border analysed, `REPORTER-PARTNER` such as `US-MX`; null: the server's default border. */
  border: string | null;
  /** Which trade flow of the border's reporter the activity is read against. */
  flow: Flow;
  month: string | null;
  from: string | null;
  to: string | null;
  metric: string;
  vehicleClass: string | null;
  direction: string | null;
  method: string | null;
  status: string | null;
  baseline: Baseline;
  view: 'map' | 'table';
  lang: string | null;
  /** Map camera: zoom, latitude, longitude. */
  camera: { zoom: number; lat: number; lng: number } | null;
};

/** The metrics the filter offers, in the order the server's contract declares them. */
export const METRIC_CHOICES = METRICS;

export const DEFAULT_VIEW: ViewState = {
  crossing: null, border: null, flow: 'imports', month: null, from: null, to: null, metric: 'crossed_vehicles', vehicleClass: null,
  direction: null, method: null, status: null, baseline: 'previous', view: 'map', lang: null, camera: null,
};

const MONTH = MONTH_PATTERN;
const TOKEN = /^[\w.-]{1,100}$/;

const pick = (params: URLSearchParams, key: string, re: RegExp) => {
  const v = params.get(key);
  return v !== null && re.test(v) ? v : null;
};

/** Reads a view from a query string; anything malformed falls back to its default, never throws. */
export function parseViewState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const cam = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(p.get('map') ?? '');
  const camera = cam ? { zoom: Number(cam[1]), lat: Number(cam[2]), lng: Number(cam[3]) } : null;
  const metric = p.get('metric');
  const flow = p.get('flow');
  return {
    crossing: pick(p, 'crossing', TOKEN),
    border: pick(p, 'border', /^[A-Z]{2}-[A-Z]{2}$/),
    flow: flow && (FLOW_CHOICES as readonly string[]).includes(flow) ? (flow as Flow) : DEFAULT_VIEW.flow,
    month: pick(p, 'month', MONTH),
    from: pick(p, 'from', MONTH),
    to: pick(p, 'to', MONTH),
    metric: metric && (METRIC_CHOICES as readonly string[]).includes(metric) ? metric : DEFAULT_VIEW.metric,
    vehicleClass: pick(p, 'vehicleClass', TOKEN),
    direction: pick(p, 'direction', /^([A-Z]{2}-[A-Z]{2}|unknown)$/),
    method: pick(p, 'method', TOKEN),
    status: pick(p, 'status', new RegExp(`^(${REVIEW_STATUSES.join('|')})$`)),
    baseline: p.get('baseline') === 'trailing12' ? 'trailing12' : 'previous',
    view: p.get('view') === 'table' ? 'table' : 'map',
    lang: pick(p, 'lang', /^(en|zh|ko)$/),
    camera:
      camera && camera.zoom <= 24 && Math.abs(camera.lat) <= 90 && Math.abs(camera.lng) <= 180 ? camera : null,
  };
}

/** Writes a view as a query string, leaving defaults out so URLs stay short. */
export function serializeViewState(v: ViewState): string {
  const p = new URLSearchParams();
  const put = (key: string, value: string | null, fallback: string | null = null) => {
    if (value !== null && value !== fallback) p.set(key, value);
  };
  put('crossing', v.crossing);
  put('border', v.border);
  put('flow', v.flow, DEFAULT_VIEW.flow);
  put('month', v.month);
  put('from', v.from);
  put('to', v.to);
  put('metric', v.metric, DEFAULT_VIEW.metric);
  put('vehicleClass', v.vehicleClass);
  put('direction', v.direction);
  put('method', v.method);
  put('status', v.status);
  put('baseline', v.baseline, 'previous');
  put('view', v.view, 'map');
  put('lang', v.lang);
  if (v.camera) put('map', `${v.camera.zoom.toFixed(2)}/${v.camera.lat.toFixed(4)}/${v.camera.lng.toFixed(4)}`);
  const s = p.toString();
  return s ? `?${s}` : '';
}
