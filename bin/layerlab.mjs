#!/usr/bin/env node
// The headless CLI: runs cli/main.ts (TypeScript) through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
await main(process.argv.slice(2));
