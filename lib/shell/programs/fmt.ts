/**
 * fmt: GNU's paragraph filler. Words of a paragraph are broken into lines by minimising GNU's cost function (line
 * lengths against a goal of 93% of the width, raggedness between lines, bonuses for breaking after sentences and
 * punctuation, penalties for widows and orphans), so the output matches coreutils line for line. Like GNU it works
 * on bytes: a multibyte character counts as several columns.
 */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { errorText } from './lib/tool';
import { closeInput, openInput, readAllInterruptible } from './lib/input';
import { TextTool as Tool } from './lib/text-usage';

const WIDTH = 75;
const LEEWAY = 7;
const DEF_INDENT = 3;
const TABWIDTH = 8;
const MAXWORDS = 1000;
const MAXCHARS = 5000;
const MAXCOST = Number.MAX_SAFE_INTEGER;
const EOF = -1;
const SPACE = 32;
const TAB = 9;
const NL = 10;

const equiv = (n: number) => n * n;
const shortCost = (n: number) => equiv(n * 10);
const raggedCost = (n: number) => Math.trunc(shortCost(n) / 2);
const LINE_COST = equiv(70);
const widowCost = (n: number) => Math.trunc(equiv(200) / (n + 2));
const orphanCost = (n: number) => Math.trunc(equiv(150) / (n + 2));
const SENTENCE_BONUS = equiv(50);
const NOBREAK_COST = equiv(600);
const PAREN_BONUS = equiv(40);
const PUNCT_BONUS = equiv(40);
const LINE_CREDIT = equiv(3);

const isSpace = (c: number) => c === SPACE || (c >= 9 && c <= 13);
const isPunct = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const OPEN = new Set('([\'`"'.split('').map((c) => c.charCodeAt(0)));
const CLOSE = new Set(')]\'"'.split('').map((c) => c.charCodeAt(0)));
const PERIOD = new Set('.?!'.split('').map((c) => c.charCodeAt(0)));

interface Word {
  start: number; // offset in the paragraph buffer
  length: number;
  space: number;
  paren: boolean;
  period: boolean;
  punct: boolean;
  final: boolean;
  lineLength: number;
  bestCost: number;
  nextBreak: number;
}

const newWord = (): Word => ({ start: 0, length: 0, space: 0, paren: false, period: false, punct: false, final: false, lineLength: 0, bestCost: 0, nextBreak: 0 });

export interface FmtOptions {
  readonly crown: boolean;
  readonly tagged: boolean;
  readonly split: boolean;
  readonly uniform: boolean;
  readonly prefix: string;
  readonly maxWidth: number;
  readonly goalWidth: number;
}

/** One run of GNU fmt's state machine over one input (the state GNU keeps in globals, per file). */
class Formatter {
  private readonly prefix: number[];
  private readonly prefixLeadSpace: number;
  private readonly prefixFullLength: number;
  private readonly prefixLength: number;
  private pos = 0;
  private inColumn = 0;
  private outColumn = 0;
  private readonly buf: number[] = [];
  private words: Word[] = [];
  private limit = 0; // index of word_limit
  private tabs = false;
  private prefixIndent = 0;
  private firstIndent = 0;
  private otherIndent = 0;
  private nextChar = EOF;
  private nextPrefixIndent = 0;
  private lastLineLength = 0;
  readonly out: number[] = [];

  constructor(
    private readonly o: FmtOptions,
    private readonly input: Uint8Array,
  ) {
    let p = 0;
    while (o.prefix.charCodeAt(p) === SPACE) p++;
    const bytes = Array.from(new TextEncoder().encode(o.prefix.slice(p)));
    this.prefixLeadSpace = p;
    this.prefixFullLength = bytes.length;
    let e = bytes.length;
    while (e > 0 && bytes[e - 1] === SPACE) e--;
    this.prefix = bytes.slice(0, e);
    this.prefixLength = e;
  }

  private getc(): number {
    return this.pos < this.input.length ? this.input[this.pos++]! : EOF;
  }

  private word(i: number): Word {
    let w = this.words[i];
    if (w === undefined) {
      w = newWord();
      this.words[i] = w;
    }
    return w;
  }

  /** Formats paragraphs until the input ends; `step` runs between paragraphs (output flushing, Ctrl-C). */
  async run(step: () => Promise<void>): Promise<void> {
    this.nextChar = this.getPrefix();
    while (this.getParagraph()) {
      this.fmtParagraph();
      this.putParagraph(this.limit);
      await step();
    }
  }

  private setOtherIndent(same: boolean): void {
    const o = this.o;
    if (o.split) this.otherIndent = this.firstIndent;
    else if (o.crown) this.otherIndent = same ? this.inColumn : this.firstIndent;
    else if (o.tagged) {
      if (same && this.inColumn !== this.firstIndent) this.otherIndent = this.inColumn;
      else if (this.otherIndent === this.firstIndent) this.otherIndent = this.firstIndent === 0 ? DEF_INDENT : 0;
    } else this.otherIndent = this.firstIndent;
  }

  private getParagraph(): boolean {
    this.lastLineLength = 0;
    let c = this.nextChar;
    while (c === NL || c === EOF || this.nextPrefixIndent < this.prefixLeadSpace || this.inColumn < this.nextPrefixIndent + this.prefixFullLength) {
      c = this.copyRest(c);
      if (c === EOF) {
        this.nextChar = EOF;
        return false;
      }
      this.out.push(NL);
      c = this.getPrefix();
    }
    this.prefixIndent = this.nextPrefixIndent;
    this.firstIndent = this.inColumn;
    this.buf.length = 0;
    this.limit = 0;
    c = this.getLine(c);
    this.setOtherIndent(this.samePara(c));
    const o = this.o;
    if (o.split) {
      // one line per paragraph
    } else if (o.crown || o.tagged) {
      if (this.samePara(c) && (o.crown || this.inColumn !== this.firstIndent)) {
        do c = this.getLine(c);
        while (this.samePara(c) && this.inColumn === this.otherIndent);
      }
    } else {
      while (this.samePara(c) && this.inColumn === this.otherIndent) c = this.getLine(c);
    }
    const last = this.word(this.limit - 1);
    last.period = last.final = true;
    this.nextChar = c;
    return true;
  }

  private copyRest(c: number): number {
    this.outColumn = 0;
    if (this.inColumn > this.nextPrefixIndent || (c !== NL && c !== EOF)) {
      this.putSpace(this.nextPrefixIndent);
      for (let i = 0; this.outColumn !== this.inColumn && i < this.prefix.length; i++, this.outColumn++) this.out.push(this.prefix[i]!);
      if (c !== EOF && c !== NL) this.putSpace(this.inColumn - this.outColumn);
      if (c === EOF && this.inColumn >= this.nextPrefixIndent + this.prefixLength) this.out.push(NL);
    }
    while (c !== NL && c !== EOF) {
      this.out.push(c);
      c = this.getc();
    }
    return c;
  }

  private samePara(c: number): boolean {
    return this.nextPrefixIndent === this.prefixIndent && this.inColumn >= this.nextPrefixIndent + this.prefixFullLength && c !== NL && c !== EOF;
  }

  private getLine(c: number): number {
    do {
      const w = this.word(this.limit);
      w.start = this.buf.length;
      do {
        if (this.buf.length === MAXCHARS) {
          this.setOtherIndent(true);
          this.flushParagraph();
        }
        this.buf.push(c);
        c = this.getc();
      } while (c !== EOF && !isSpace(c));
      const cur = this.word(this.limit);
      cur.length = this.buf.length - cur.start;
      this.inColumn += cur.length;
      this.checkPunctuation(cur);
      const start = this.inColumn;
      c = this.getSpace(c);
      cur.space = this.inColumn - start;
      cur.final = c === EOF || (cur.period && (c === NL || cur.space > 1));
      if (c === NL || c === EOF || this.o.uniform) cur.space = cur.final ? 2 : 1;
      if (this.limit === MAXWORDS - 2) {
        this.setOtherIndent(true);
        this.flushParagraph();
      }
      this.limit++;
    } while (c !== NL && c !== EOF);
    return this.getPrefix();
  }

  private getPrefix(): number {
    this.inColumn = 0;
    let c = this.getSpace(this.getc());
    if (this.prefixLength === 0) {
      this.nextPrefixIndent = Math.min(this.prefixLeadSpace, this.inColumn);
      return c;
    }
    this.nextPrefixIndent = this.inColumn;
    for (const pc of this.prefix) {
      if (c !== pc) return c;
      this.inColumn++;
      c = this.getc();
    }
    return this.getSpace(c);
  }

  private getSpace(c: number): number {
    for (;;) {
      if (c === SPACE) this.inColumn++;
      else if (c === TAB) {
        this.tabs = true;
        this.inColumn = (Math.trunc(this.inColumn / TABWIDTH) + 1) * TABWIDTH;
      } else return c;
      c = this.getc();
    }
  }

  private checkPunctuation(w: Word): void {
    const start = w.start;
    let finish = start + w.length - 1;
    w.paren = OPEN.has(this.buf[start]!);
    w.punct = isPunct(this.buf[finish]!);
    while (start < finish && CLOSE.has(this.buf[finish]!)) finish--;
    w.period = PERIOD.has(this.buf[finish]!);
  }

  /** The paragraph outgrew GNU's fixed buffers: print up to a cheap break near the end and keep the rest. */
  private flushParagraph(): void {
    if (this.limit === 0) {
      this.out.push(...this.buf);
      this.buf.length = 0;
      return;
    }
    this.fmtParagraph();
    let split = this.limit;
    let best = MAXCOST;
    for (let w = this.word(0).nextBreak; w !== this.limit; w = this.word(w).nextBreak) {
      const d = this.word(w).bestCost - this.word(this.word(w).nextBreak).bestCost;
      if (d < best) {
        split = w;
        best = d;
      }
      if (best <= MAXCOST - LINE_CREDIT) best += LINE_CREDIT;
    }
    this.putParagraph(split);
    const shift = this.word(split).start;
    this.buf.splice(0, shift);
    const kept = this.words.slice(split, this.limit + 1);
    for (const w of kept) w.start -= shift;
    this.words = kept;
    this.limit -= split;
  }

  private fmtParagraph(): void {
    const lim = this.word(this.limit);
    lim.bestCost = 0;
    const saved = lim.length;
    lim.length = this.o.maxWidth;
    for (let start = this.limit - 1; start >= 0; start--) {
      let best = MAXCOST;
      const s = this.word(start);
      let len = (start === 0 ? this.firstIndent : this.otherIndent) + s.length;
      let w = start;
      do {
        w++;
        const ww = this.word(w);
        let cost = this.lineCost(w, len) + ww.bestCost;
        if (start === 0 && this.lastLineLength > 0) cost += raggedCost(len - this.lastLineLength);
        if (cost < best) {
          best = cost;
          s.nextBreak = w;
          s.lineLength = len;
        }
        if (w === this.limit) break;
        len += this.word(w - 1).space + ww.length;
      } while (len < this.o.maxWidth);
      s.bestCost = best + this.baseCost(start);
    }
    lim.length = saved;
  }

  private baseCost(i: number): number {
    let cost = LINE_COST;
    const w = this.word(i);
    if (i > 0) {
      const prev = this.word(i - 1);
      if (prev.period) cost += prev.final ? -SENTENCE_BONUS : NOBREAK_COST;
      else if (prev.punct) cost -= PUNCT_BONUS;
      else if (i > 1 && this.word(i - 2).final) cost += widowCost(prev.length);
    }
    if (w.paren) cost -= PAREN_BONUS;
    else if (w.final) cost += orphanCost(w.length);
    return cost;
  }

  private lineCost(next: number, len: number): number {
    if (next === this.limit) return 0;
    const w = this.word(next);
    let cost = shortCost(this.o.goalWidth - len);
    if (w.nextBreak !== this.limit) cost += raggedCost(len - w.lineLength);
    return cost;
  }

  private putParagraph(finish: number): void {
    this.putLine(0, this.firstIndent);
    for (let w = this.word(0).nextBreak; w !== finish; w = this.word(w).nextBreak) this.putLine(w, this.otherIndent);
  }

  private putLine(i: number, indent: number): void {
    this.outColumn = 0;
    this.putSpace(this.prefixIndent);
    this.out.push(...this.prefix);
    this.outColumn += this.prefixLength;
    this.putSpace(indent - this.outColumn);
    const end = this.word(i).nextBreak - 1;
    for (; i !== end; i++) {
      this.putWord(i);
      this.putSpace(this.word(i).space);
    }
    this.putWord(i);
    this.lastLineLength = this.outColumn;
    this.out.push(NL);
  }

  private putWord(i: number): void {
    const w = this.word(i);
    for (let k = 0; k < w.length; k++) this.out.push(this.buf[w.start + k]!);
    this.outColumn += w.length;
  }

  private putSpace(space: number): void {
    const target = this.outColumn + space;
    if (this.tabs) {
      const tabTarget = Math.trunc(target / TABWIDTH) * TABWIDTH;
      if (this.outColumn + 1 < tabTarget) {
        while (this.outColumn < tabTarget) {
          this.out.push(TAB);
          this.outColumn = (Math.trunc(this.outColumn / TABWIDTH) + 1) * TABWIDTH;
        }
      }
    }
    while (this.outColumn < target) {
      this.out.push(SPACE);
      this.outColumn++;
    }
  }
}

/** GNU's width parsing (xdectoumax): digits only; too large is ERANGE. */
function parseWidth(text: string, max: number): number | 'invalid' | 'range' {
  if (!/^\s*\+?[0-9]+$/.test(text)) return 'invalid';
  const n = Number(text.trim());
  return n > max ? 'range' : n;
}

export const fmt: Program = async (ctx) => {
  const tool = new Tool(ctx);
  let args = ctx.argv.slice(1);
  let widthText: string | undefined;
  if (args[0] !== undefined && /^-[0-9]/.test(args[0])) {
    widthText = args[0].slice(1);
    args = args.slice(1);
  }
  const r = await tool.parse(
    {
      short: '0123456789cstuw:p:g:',
      long: {
        'crown-margin': { key: 'c' },
        prefix: { key: 'p', arg: 'required' },
        'split-only': { key: 's' },
        'tagged-paragraph': { key: 't' },
        'uniform-spacing': { key: 'u' },
        width: { key: 'w', arg: 'required' },
        goal: { key: 'g', arg: 'required' },
      },
    },
    args,
  );
  if (typeof r === 'number') return r;
  const digit = r.options.find((o) => /^[0-9]$/.test(o.key));
  if (digit) {
    await ctx.stderr.write(`fmt: invalid option -- ${digit.key}; -WIDTH is recognized only when it is the first\noption; use -w N instead\n`);
    return tool.usage();
  }
  widthText = r.get('w') ?? widthText;
  const goalText = r.get('g');
  let maxWidth = WIDTH;
  const bad = async (text: string, why: 'invalid' | 'range') => {
    await tool.error(`invalid width: ${tool.ql(text)}${why === 'range' ? ': Numerical result out of range' : ''}`);
    return 1;
  };
  if (widthText !== undefined) {
    const w = parseWidth(widthText, MAXCHARS / 2);
    if (typeof w !== 'number') return bad(widthText, w);
    maxWidth = w;
  }
  let goalWidth: number;
  if (goalText !== undefined) {
    const g = parseWidth(goalText, maxWidth);
    if (typeof g !== 'number') return bad(goalText, g);
    goalWidth = g;
    if (widthText === undefined) maxWidth = goalWidth + 10;
  } else goalWidth = Math.trunc((maxWidth * (2 * (100 - LEEWAY) + 1)) / 200);
  const options: FmtOptions = { crown: r.has('c'), tagged: r.has('t'), split: r.has('s'), uniform: r.has('u'), prefix: r.get('p') ?? '', maxWidth, goalWidth };
  const files = r.operands.length === 0 ? ['-'] : [...r.operands];
  for (const f of files) {
    let input: Uint8Array;
    try {
      const s = openInput(ctx, f);
      try {
        input = await readAllInterruptible(ctx, s);
      } finally {
        closeInput(ctx, s);
      }
    } catch (e) {
      // Only file errors are reported; a signal (Ctrl-C while reading) ends the program.
      if (!isFsError(e)) throw e;
      // fopen succeeds on a directory; the read then fails, and GNU fmt names no file for that.
      await tool.error(isFsError(e, 'EISDIR') ? 'read error' : `cannot open ${tool.q(f)} for reading: ${errorText(e)}`);
      continue;
    }
    const formatter = new Formatter(options, input);
    let written = 0;
    const flush = async () => {
      if (formatter.out.length > written) await ctx.stdout.write(Uint8Array.from(formatter.out.slice(written)));
      written = formatter.out.length;
      await ctx.checkpoint();
    };
    await formatter.run(flush);
    await flush();
  }
  return tool.status;
};
