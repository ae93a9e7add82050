/** The embed map's colours in each theme, shared by the map and its legend so both draw alike. */
export const PALETTES = {
  light: { water: '#c9dcea', land: '#f4f1ea', border: '#8a7f74', text: '#222222', halo: '#ffffff', selected: '#111111' },
  dark: { water: '#17202a', land: '#2c3136', border: '#8c8c8c', text: '#eeeeee', halo: '#111111', selected: '#ffffff' },
};

/** A crossing with a value this month is drawn nearly opaque; one without, faint. */
export const CIRCLE_OPACITY = { value: 0.85, noValue: 0.35 };
/** The outline of the crossing the headline is about, and of every other. */
export const STROKE_WIDTH = { selected: 3, other: 1 };
