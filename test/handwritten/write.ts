import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HAND_BUILT, handBuiltFile } from './inputs.js';

// Writes the hand-built inputs into the corpus: `npx tsx test/handwritten/write.ts` after changing inputs.ts.
// (`golden --write` never writes them: they must not come from our encoder.)

const dir = fileURLToPath(new URL('../../conformance/corpus/cases/', import.meta.url));
for (const id of Object.keys(HAND_BUILT)) writeFileSync(`${dir}${id}.smf`, handBuiltFile(id));
process.stdout.write(`wrote ${Object.keys(HAND_BUILT).length} hand-built inputs to ${dir}\n`);
