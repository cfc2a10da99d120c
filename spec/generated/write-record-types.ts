import { writeFileSync } from 'node:fs';
import { recordTypesSource } from '../record-types.js';

// Rewrites spec/generated/record-types.ts from the tables.
writeFileSync(new URL('./record-types.ts', import.meta.url), recordTypesSource());
