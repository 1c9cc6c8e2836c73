/** Count arguments with GNU size suffixes (`head -c 1K`, `tail -c 2M`): b=512, K/KiB=1024, KB=1000, M, G, ... */

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 512,
  KB: 1000,
  K: 1024,
  KiB: 1024,
  MB: 1000 ** 2,
  M: 1024 ** 2,
  MiB: 1024 ** 2,
  GB: 1000 ** 3,
  G: 1024 ** 3,
  GiB: 1024 ** 3,
  TB: 1000 ** 4,
  T: 1024 ** 4,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
};

/** Parses `12`, `1K`, `2MB`; null when invalid. */
export function parseSize(s: string): number | null {
  const m = /^([0-9]+)([a-zA-Z]*)$/.exec(s);
  if (!m) return null;
  const unit = UNITS[m[2]!];
  if (unit === undefined) return null;
  return Number(m[1]) * unit;
}
