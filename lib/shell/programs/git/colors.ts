/** git's default colors (SGR codes as git writes them, each colored run closed with `ESC[m`). */
export const RESET = '\x1b[m';
export const C = {
  green: '\x1b[32m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  bold: '\x1b[1m',
  boldCyan: '\x1b[1;36m',
  boldGreen: '\x1b[1;32m',
  boldRed: '\x1b[1;31m',
  boldYellow: '\x1b[1;33m',
  redBackground: '\x1b[41m',
} as const;

/** `text` in `color` when coloring, else as is. */
export function paint(on: boolean, color: string, text: string): string {
  return on ? `${color}${text}${RESET}` : text;
}
