import type { ITheme } from '@xterm/xterm';

/** Monospace fonts every platform has; no web font is fetched (the site must work offline). */
export const TERMINAL_FONT_FAMILY =
  '"JetBrains Mono", "Cascadia Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono CJK SC", monospace';

/** A dark theme tuned for contrast on long sessions; the ANSI palette keeps ls --color and diff output readable. */
export const TERMINAL_THEME: ITheme = {
  background: '#0b1016',
  foreground: '#d7dee8',
  cursor: '#7dd3fc',
  cursorAccent: '#0b1016',
  selectionBackground: '#7dd3fc44',
  black: '#1b232d',
  red: '#f87171',
  green: '#4ade80',
  yellow: '#facc15',
  blue: '#60a5fa',
  magenta: '#c084fc',
  cyan: '#22d3ee',
  white: '#d7dee8',
  brightBlack: '#64748b',
  brightRed: '#fca5a5',
  brightGreen: '#86efac',
  brightYellow: '#fde047',
  brightBlue: '#93c5fd',
  brightMagenta: '#d8b4fe',
  brightCyan: '#67e8f9',
  brightWhite: '#f8fafc',
};
