/**
 * Property tests run with one fixed seed by default, so `npm test` (and CI) gives the same verdict on the same
 * commit. Exploring new inputs is a separate, deliberate act: `FC_SEED=random npx vitest run` (or a number to replay
 * one run); a failure found that way is shrunk, and the counterexample belongs in the test file as a regression.
 */
import fc from 'fast-check';

const requested = process.env.FC_SEED;
if (requested !== 'random') {
  const seed = requested === undefined || requested === '' ? 0x1a7e71ab : Number(requested);
  fc.configureGlobal({ seed });
}
