import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runBusybox, runReal } from './testing/real-tools';

const tm = createTestMachine();
const pf = (args: string[], flavor?: 'busybox') => runCommand(tm, ['printf', ...args], flavor ? { flavor } : {});

describe('printf', () => {
  it('formats and reuses the format for extra arguments', async () => {
    expect((await pf(['%s-%d\n', 'a', '1', 'b', '2', 'c'])).stdout).toBe('a-1\nb-2\nc-0\n');
    expect((await pf(['%5.2f|%-4s|%04d|%x|%o|%e\n', '3.14159', 'ab', '7', '255', '8', '1234.5'])).stdout).toBe(' 3.14|ab  |0007|ff|10|1.234500e+03\n');
  });
  it('reports non-numeric arguments like coreutils and keeps going', async () => {
    const r = await pf(['%d|', 'x', '1.5', '3']);
    expect(r.stdout).toBe('0|1|3|');
    expect(r.stderr).toBe('printf: ‘x’: expected a numeric value\nprintf: ‘1.5’: value not completely converted\n');
    expect((await runCommand(tm, ['printf', '%d', 'y'], { env: { LANG: 'C' } })).stderr).toBe("printf: 'y': expected a numeric value\n");
    expect(r.status).toBe(1);
  });
  it('reports BusyBox wording', async () => {
    const r = await pf(['%d\n', 'x'], 'busybox');
    expect(r.stderr).toBe("printf: invalid number 'x'\n");
    expect(r.status).toBe(1);
  });
  it('errors on a missing operand and a bad conversion', async () => {
    const r = await pf([]);
    expect(r.stderr).toBe("printf: missing operand\nTry 'printf --help' for more information.\n");
    expect(r.status).toBe(1);
    const b = await pf(['a%yb']);
    expect(b.stdout).toBe('a');
    expect(b.stderr).toBe('printf: %y: invalid conversion specification\n');
  });
  it('%b interprets escapes and \\c stops everything', async () => {
    expect((await pf(['%b|%s\n', 'a\\tb', 'x\\ty'])).stdout).toBe('a\tb|x\\ty\n');
    expect((await pf(['%b%s', 'a\\cb', 'z'])).stdout).toBe('a');
  });
  it('%q quotes for the shell', async () => {
    expect((await pf(['%q\n', "a b'c"])).stdout).toBe('"a b\'c"\n');
    expect((await pf(['%q\n', 'x$y'])).stdout).toBe("'x$y'\n");
  });

  const formats = [
    ['%d %i %u %x %X %o\n', '42', '-42', '-1', '255', '255', '8'],
    ['%#x %#o %+d % d %05d %-5d| %.3d %5.3d %.0d|\n', '255', '8', '5', '5', '42', '42', '7', '7', '0'],
    ['%e %E %g %G %f %F\n', '1234.5', '0.000123', '0.0001', '1e-5', '2.5', '1e15'],
    ['%.0f %.0f %.0f %.1f %.2f %g %g %g %g\n', '0.5', '1.5', '2.5', '0.25', '1.005', '100000', '1000000', '123456789', '0.00001234'],
    ['%*d|%-*d|%.*f|%*s\n', '5', '1', '4', '2', '2', '3.14159', '-4', 'x'],
    ['%c%c|%5c|%-3c|\n', 'hello', 'w', 'a', 'b'],
    ['%10.4s|%-10s|%.1s\n', 'abcdef', 'é', 'xyz'],
    ['%i %d %d\n', '010', '0x1f', "'A"],
    ['%s\\n\\t\\\\\\101\\x42\\"\n', 'q'],
    ['%#g %g %g %#.3g %.10g\n', '1', '1e100', '-0', '3', '0.1'],
    ['%f %e %g %F\n', 'inf', '-inf', 'nan', 'inf'],
    ['%5%%s\n', 'a'],
    ['%d\n', '99999999999999999999'],
    ['%a %A %.2a %10.1a|%a|%a|%a|%.0a|%#a|%010a\n', '1', '1', '1', '3', '255', '1e10', '-2.5', '15.9', '2', '0.5'],
    ['%a %a %.1a\n', '0', '0.75', '1.96875'],
  ];
  it.each(formats)('matches coreutils printf: %j', async (...args) => {
    if (!hasTool('/usr/bin/printf')) return;
    const real = runReal(['/usr/bin/printf', ...args], { env: { LC_ALL: 'C.UTF-8' } });
    const ours = await pf(args);
    expect(ours.stdout).toBe(real.stdout);
    expect(ours.stderr).toBe(real.stderr.replace(/\/usr\/bin\/printf/g, 'printf'));
    expect(ours.status).toBe(real.status);
  });
  it.each([['%d|%s|%c|%x\n', "'a", 'x', 'yy', '255'], ['%5.1f|%-6d|%o\n', '2.25', '3', '64'], ['%b', 'a\\101\\0101\\n']])('matches BusyBox printf: %j', async (...args) => {
    if (!hasTool('busybox')) return;
    expect((await pf(args, 'busybox')).stdout).toBe(runBusybox(['printf', ...args]).stdout);
  });
  it.each([['%d|%f|%x|%c\n'], ['%d %x %f\n', '12abc', '0x1g', '1.5x'], ['%d\n', "'A", ' 7', '7 ', ''], ['%u\n', '-1', '99999999999999999999']])(
    'matches BusyBox printf on bad or missing numbers: %j',
    async (...args) => {
      if (!hasTool('busybox')) return;
      const real = runBusybox(['printf', ...args]);
      const ours = await pf(args, 'busybox');
      expect([ours.stdout, ours.stderr, ours.status]).toEqual([real.stdout, real.stderr, real.status]);
    },
  );

  it('property: %f/%e/%g/%d agree with coreutils on random numbers', async () => {
    if (!hasTool('/usr/bin/printf')) return;
    const fmts = ['%f', '%.3e', '%g', '%.2g', '%#.0f', '%+.1f', '%10.3g', '%d', '%x'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fmts), fc.oneof(fc.integer({ min: -1e11, max: 1e11 }).map((n) => n / 1000), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((d) => (Math.abs(d) < 1e-300 ? 0 : Number(d.toPrecision(12)))), fc.integer().map((n) => n / 8)), async (fmt, v) => {
        const arg = fmt === '%d' || fmt === '%x' ? String(Math.trunc(v)) : String(v);
        const real = runReal(['/usr/bin/printf', fmt, arg]);
        expect((await pf([fmt, arg])).stdout).toBe(real.stdout);
      }),
      { numRuns: 60 },
    );
  });
});
