/**
 * Child-process entry for the kernel differential test: a bundle of this file, `node kernelOpsRunner.mjs <ops.json> <root>`,
 * runs the sequences in ops.json under <root> and prints the outcomes as JSON. The test starts it as another user
 * (setpriv) to compare permission checks against the kernel's.
 */

import * as nodeFs from 'node:fs';
import { type KernelOp, runOnKernel } from './kernelOps';

const [input, root] = process.argv.slice(2);
if (input === undefined || root === undefined) {
  console.error('usage: kernelOpsRunner <ops.json> <root>');
  process.exit(2);
}
const sequences = JSON.parse(nodeFs.readFileSync(input, 'utf8')) as KernelOp[][];
process.stdout.write(JSON.stringify(runOnKernel(root, sequences)));
