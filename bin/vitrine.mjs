#!/usr/bin/env node
// The `vitrine` command: TypeScript sources run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/runtime/node/cli.ts');
