import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { gFormatSize, repolistTable, transactionSummary, transactionTable, type ScolsRow } from './dnfFormat';

const SCOLS = fileURLToPath(new URL('./testing/scols.py', import.meta.url));

type Spec = { columns: Array<[string, number, number]>; rows: Array<string[] | { cells: string[]; children: string[][] }> };

/** The real libsmartcols through ctypes, or the reason it cannot run here. */
function real(spec: Spec, termWidth?: number): string | { skip: string } {
  const r = spawnSync('python3', [SCOLS, JSON.stringify(spec), ...(termWidth === undefined ? [] : [String(termWidth)])], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { skip: `python3 with libsmartcols.so.1 unavailable: ${r.error?.message ?? r.stderr.trim().split('\n').pop()}` };
  return r.stdout;
}

/** microdnf's transaction table as an oracle spec (dnf-utils.c: tree column, TRUNC repository, right size). */
function realTable(sections: ReadonlyArray<readonly [string, readonly ScolsRow[]]>, termWidth?: number): string | { skip: string } {
  return real({ columns: [['Package', 0.7, 2], ['Repository', 0.2, 1], ['Size', 0.1, 4]], rows: sections.filter(([, r]) => r.length > 0).map(([t, rows]) => ({ cells: [t], children: rows.map((r) => [r.nevra, r.repo, r.size]) })) }, termWidth);
}

describe('microdnf text layout', () => {
  test('g_format_size: bytes below 1000, then SI units with one decimal', () => {
    expect(gFormatSize(1)).toBe('1 byte');
    expect(gFormatSize(999)).toBe('999 bytes');
    expect(gFormatSize(39 * 1024)).toBe('39.9 kB');
    expect(gFormatSize(999_999)).toBe('1000.0 kB');
    expect(gFormatSize(1_000_000)).toBe('1.0 MB');
    expect(gFormatSize(6_300 * 1024)).toBe('6.5 MB');
    expect(gFormatSize(28 * 1024 * 1024)).toBe('29.4 MB');
  });

  test('Transaction Summary lines are %-15s %4d packages', () => {
    expect(transactionSummary({ install: 4 })).toBe(
      'Transaction Summary:\n Installing:        4 packages\n Reinstalling:      0 packages\n Upgrading:         0 packages\n Obsoleting:        0 packages\n Removing:          0 packages\n Downgrading:       0 packages\n',
    );
  });

  const cases: Array<[string, ReadonlyArray<readonly [string, readonly ScolsRow[]]>]> = [
    ['one section', [['Installing:', [{ nevra: 'gpm-libs-1.20.7-17.el8.x86_64', repo: 'ol8_appstream', size: '39.9 kB' }, { nevra: 'vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64', repo: 'ol8_appstream', size: '1.4 MB' }]]]],
    ['short names: headers set the widths', [['Installing:', [{ nevra: 'a-1-1.x86_64', repo: 'r', size: '1 kB' }]], ['Removing:', [{ nevra: 'bb-1-1.noarch', repo: '@System', size: '100 bytes' }]]]],
    ['a section title wider than the packages', [['Reinstalling:', [{ nevra: 'x-1-1.noarch', repo: 'ol8_baseos_latest', size: '9.0 kB' }]]]],
  ];
  for (const [name, sections] of cases) {
    test(`the table matches libsmartcols when not on a terminal: ${name}`, (ctx) => {
      const real = realTable(sections);
      if (typeof real !== 'string') {
        console.log(`skipped: ${real.skip}`);
        ctx.skip();
        return;
      }
      expect(transactionTable(sections)).toBe(real);
    });
  }

  const ol8: ReadonlyArray<readonly [string, readonly ScolsRow[]]> = [
    ['Installing:', [{ nevra: 'gpm-libs-1.20.7-17.el8.x86_64', repo: 'ol8_appstream', size: '39.9 kB' }, { nevra: 'procps-ng-3.3.15-14.0.1.el8.x86_64', repo: 'ol8_baseos_latest', size: '336.9 kB' }, { nevra: 'vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64', repo: 'ol8_appstream', size: '1.4 MB' }]],
  ];
  for (const width of [80, 120, 60, 40, 200]) {
    test(`on a terminal ${width} columns wide the table matches libsmartcols (max-out, truncation stages)`, (ctx) => {
      const real = realTable(ol8, width);
      if (typeof real !== 'string') {
        console.log(`skipped: ${real.skip}`);
        ctx.skip();
        return;
      }
      expect(transactionTable(ol8, width)).toBe(real);
    });
  }

  test('on an 80-column terminal the Repository column is cut to 15 (pinned)', () => {
    expect(transactionTable(ol8, 80).split('\n')[3]).toBe(` ${'procps-ng-3.3.15-14.0.1.el8.x86_64'.padEnd(54)} ol8_baseos_late ${'336.9 kB'.padStart(8)}`);
  });

  const repos = [
    { id: 'ol8_baseos_latest', name: 'Oracle Linux 8 BaseOS Latest (x86_64)' },
    { id: 'mysql8.0-server-minimal', name: 'MySQL 8.0 Server Minimal' },
    { id: 'ol8_appstream', name: 'Oracle Linux 8 Application Stream (x86_64)' },
    { id: 'mysql-tools-community', name: 'MySQL Tools Community' },
  ];
  for (const width of [undefined, 80, 50, 150]) {
    test(`repolist matches libsmartcols (${width === undefined ? 'no terminal' : `${width} columns`})`, (ctx) => {
      const sorted = [...repos].sort((a, b) => (a.id < b.id ? -1 : 1));
      const want = real({ columns: [['repo id', 0.4, 0], ['repo name', 0.5, 1]], rows: sorted.map((r) => [r.id, r.name]) }, width);
      if (typeof want !== 'string') {
        console.log(`skipped: ${want.skip}`);
        ctx.skip();
        return;
      }
      expect(repolistTable(repos, width)).toBe(want);
    });
  }

  test('an empty repolist prints nothing, as libsmartcols does with no lines', (ctx) => {
    const want = real({ columns: [['repo id', 0.4, 0], ['repo name', 0.5, 1]], rows: [] });
    if (typeof want !== 'string') {
      console.log(`skipped: ${want.skip}`);
      ctx.skip();
      return;
    }
    expect(repolistTable([])).toBe(want);
    expect(want).toBe('');
  });

  test('the table (pinned, as libsmartcols draws it without a terminal)', () => {
    expect(transactionTable(cases[1]![1])).toBe('Package        Repository      Size\nInstalling:                        \n a-1-1.x86_64  r               1 kB\nRemoving:                          \n bb-1-1.noarch @System    100 bytes\n');
  });
});
