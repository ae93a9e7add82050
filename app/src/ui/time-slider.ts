import { t } from '../i18n/t.js';
import { el } from './dom.js';

const PLAY_SPEEDS = [
  { ms: 1400, label: '0.5×' },
  { ms: 700, label: '1×' },
  { ms: 350, label: '2×' },
  { ms: 175, label: '4×' },
];

/**
 * The month slider with play/pause and step buttons. A native range input, so arrows,
 * Page Up/Down, Home and End work from the keyboard; Space or Enter on Play toggles.
 */
export class TimeSlider {
  private months: string[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  readonly input = el('input', { type: 'range', id: 'month-slider', min: 0, max: 0, step: 1, value: 0 });
  private readonly label = el('output', { id: 'month-label', for: 'month-slider', 'aria-live': 'polite' });
  private readonly playButton = el('button', { type: 'button', id: 'play' }, t('play'));
  /** Milliseconds a month is shown while playing. */
  private readonly speed = el('select', { id: 'play-speed', 'aria-label': t('playSpeed'), title: t('playSpeed') },
    ...PLAY_SPEEDS.map((s) => el('option', { value: String(s.ms), selected: s.ms === 700 }, s.label)));

  constructor(root: HTMLElement, private readonly onMonth: (month: string) => void) {
    this.input.setAttribute('aria-label', t('monthSlider'));
    const back = el('button', { type: 'button', 'aria-label': t('stepBack'), title: t('stepBack') }, '◀');
    const forward = el('button', { type: 'button', 'aria-label': t('stepForward'), title: t('stepForward') }, '▶');
    back.addEventListener('click', () => this.step(-1));
    forward.addEventListener('click', () => this.step(1));
    this.playButton.addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    this.input.addEventListener('input', () => this.emit());
    this.speed.addEventListener('change', () => {
      if (this.timer) {
        this.pause();
        this.play();
      }
    });
    root.replaceChildren(this.playButton, this.speed, back, this.input, forward, this.label);
  }

  setMonths(months: string[], current: string | null) {
    this.months = months;
    this.input.max = String(Math.max(0, months.length - 1));
    this.input.disabled = months.length === 0;
    const i = current ? months.indexOf(current) : -1;
    this.input.value = String(i >= 0 ? i : months.length - 1);
    this.updateLabel();
  }

  get month(): string | null {
    return this.months[Number(this.input.value)] ?? null;
  }

  step(delta: number) {
    const next = Math.min(this.months.length - 1, Math.max(0, Number(this.input.value) + delta));
    if (next === Number(this.input.value)) return;
    this.input.value = String(next);
    this.emit();
  }

  play() {
    if (Number(this.input.value) >= this.months.length - 1) this.input.value = '0';
    this.playButton.textContent = t('pause');
    this.timer = setInterval(() => {
      if (Number(this.input.value) >= this.months.length - 1) this.pause();
      else this.step(1);
    }, Number(this.speed.value));
  }

  pause() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playButton.textContent = t('play');
  }

  private updateLabel() {
    this.label.textContent = this.month ?? '—';
    this.input.setAttribute('aria-valuetext', this.month ?? '');
  }

  private emit() {
    this.updateLabel();
    if (this.month) this.onMonth(this.month);
  }
}
