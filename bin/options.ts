import type { Argv } from 'yargs';
import type { Framing } from '../io/framing.js';
import { FRAMINGS } from '../io/framing.js';
import type { CodePage } from '../spec/ebcdic.js';
import { CODE_PAGES, DEFAULT_CODE_PAGE } from '../spec/ebcdic.js';
import type { Release } from '../spec/types.js';
import { LATEST_RELEASE, RELEASES } from '../spec/types.js';

// Options several commands share, with help text that says what each choice means.

export const releaseOption = {
  describe: 'z/OS release to emulate: decides the triplet count, section lengths (V1 before 3.2, V2 in 3.2) and which codes are legal',
  choices: RELEASES,
  // Without it yargs reads 3.1 as a number, which then matches no choice.
  type: 'string',
} as const;

export const codePageOption = {
  describe: 'EBCDIC code page of text fields',
  choices: CODE_PAGES,
  default: DEFAULT_CODE_PAGE,
} as const;

export const readFramingOption = {
  describe: "physical format: 'rdw' (FTP binary with SITE RDW), 'vbs' (RECFM=VBS blocks with BDWs), or 'auto' to detect",
  choices: ['auto', ...FRAMINGS] as const,
  default: 'auto' as const,
} as const;

export const subtypeChoices = [11, 12] as const;
export const DEFAULT_RELEASE = LATEST_RELEASE;

export interface ReadArgs {
  file: string;
  release?: Release;
  framing: Framing | 'auto';
  codePage: CodePage;
}

/** yargs reads a lone '-' positional as ''; no file is named '', so it is stdin. */
export const stdinDash = (file: string): string => (file === '' ? '-' : file);

/** The file argument and the options of every command that reads an SMF file. */
export function withReadOptions(y: Argv): Argv<ReadArgs> {
  return y
    .positional('file', { describe: "SMF file ('-' for stdin)", type: 'string', demandOption: true, coerce: stdinDash })
    .option('release', { ...releaseOption, describe: `${releaseOption.describe}; inferred from each record's structure when left out` })
    .option('framing', readFramingOption)
    .option('code-page', codePageOption) as unknown as Argv<ReadArgs>;
}
