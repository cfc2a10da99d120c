import type { SectionDef } from '../types.js';
import { HEADER_FLAGS, SUBTYPES, TI_REASON } from '../codes.js';
import { fieldBuilder } from './dsl.js';

// smf119-common: the 24-byte standard header and the 64-byte TCP/IP identification section.

const h = fieldBuilder({ source: ['IBM23-COMMONFMT', 'EZASMF-C', 'CAJARS'], confidence: 'ibm' });

export const HEADER: SectionDef = {
  key: 'Header',
  title: 'Standard SMF record header',
  since: '2.3',
  occurs: 'one',
  layoutKnown: true,
  source: ['IBM23-COMMONFMT', 'EZASMF-C', 'CAJARS', 'PACSYS-JSON11'],
  note: 'Offsets include the 4-byte RDW: SMF119HDLength and SMF119HDSegDesc are the RDW.',
  fields: [
    h.derived('SMF119HDLength', 2, { rule: 'recordLength' }, { altNames: ['SMF119LEN (pacsys)'], note: 'record length including the RDW; max 32756' }),
    h.derived('SMF119HDSegDesc', 2, { rule: 'segmentDescriptor' }, { altNames: ['SMF119SEG (pacsys)'], note: "segment descriptor, X'0000' for a complete record" }),
    h.flags('SMF119HDFlags', HEADER_FLAGS, { altNames: ['SMF119FLG (pacsys)'], default: 0x5e, note: "system indicator; X'40' subtypes used must be on; typical X'5E' (inferred), written when the record leaves it out" }),
    h.derived('SMF119HDType', 1, { rule: 'recordType' }, { altNames: ['SMF119RTY (pacsys)'], note: "record type 119 (X'77')" }),
    h.timeOfDay('SMF119HDTime', 'local', { altNames: ['SMF119TME (pacsys)'], note: 'time moved to the SMF buffer, hundredths of a second since midnight, local time' }),
    h.packedDate('SMF119HDDate', 'local', { altNames: ['SMF119DTE (pacsys)'], note: 'local date, packed 0cyydddF' }),
    h.text('SMF119HDSID', 4, { altNames: ['SMF119SID (pacsys)'], note: "SMF system id; IBM prints the offset as 14(X'D'), a typo for X'E'" }),
    h.text('SMF119HDSSI', 4, { altNames: ['SMF119SSI (pacsys)'], note: 'SMF subsystem id; the value TCP/IP writes was NOT FOUND' }),
    h.enumField('SMF119HDSubType', 2, SUBTYPES, { altNames: ['SMF119STY (pacsys)'], note: 'record subtype' }),
  ],
};

const t = fieldBuilder({ source: ['IBM23-TI'], confidence: 'ibm' });

export const IDENT: SectionDef = {
  key: 'Ident',
  title: 'TCP/IP identification section',
  triplet: 'ID',
  since: '2.3',
  occurs: 'one',
  layoutKnown: true,
  source: ['IBM23-TI', 'IBM21-TI', 'IBM23-COMMONFMT', 'PACSYS-JSON11'],
  note: "Subtypes 11 and 12 write SMF119TI_Comp 'STACK'; subtype 11 writes Reason X'08', subtype 12 X'80'/X'C0' for interval and X'08'/X'48' for event records (inferred).",
  fields: [
    t.text('SMF119TI_SYSName', 8, { note: 'system name (IEASYSxx SYSNAME)' }),
    t.text('SMF119TI_SysplexName', 8, { note: 'sysplex name (COUPLExx SYSPLEX)' }),
    t.text('SMF119TI_Stack', 8, { note: 'TCP/IP stack (job) name' }),
    t.text('SMF119TI_ReleaseID', 8, { note: 'Communications Server release identifier; exact text per release NOT FOUND' }),
    t.text('SMF119TI_Comp', 8, {
      note: "writing subcomponent, blank padded; subtypes 11 and 12 write 'STACK' (the default)",
      default: 'STACK',
      knownComplete: true,
      known: [
        { value: 'CSSMTP', meaning: 'CSSMTP client' },
        { value: 'FTPC', meaning: 'FTP client' },
        { value: 'FTPD', meaning: 'FTP daemon' },
        { value: 'FTPS', meaning: 'FTP server' },
        { value: 'IDS3270', meaning: 'VTAM 3270 intrusion detection' },
        { value: 'IKE', meaning: 'IKE daemon' },
        { value: 'IP', meaning: 'IP layer' },
        { value: 'SMCD', meaning: 'SMC-D' },
        { value: 'SMCR', meaning: 'SMC-R' },
        { value: 'STACK', meaning: 'whole TCP/IP stack (subtypes 11 and 12)' },
        { value: 'TCP', meaning: 'TCP layer' },
        { value: 'TN3270C', meaning: 'TN3270 client' },
        { value: 'TN3270S', meaning: 'TN3270 server' },
        { value: 'UDP', meaning: 'UDP layer' },
      ],
    }),
    t.text('SMF119TI_ASName', 8, { note: 'started-task qualifier or address-space name of the writer' }),
    t.text('SMF119TI_UserID', 8, { note: "user ID of the writer's security context" }),
    t.reserved(2, undefined, { note: 'IBM lists format EBCDIC; fill value not documented; written as zeros (inferred)', confidence: 'inferred' }),
    t.uint('SMF119TI_ASID', 2, { altNames: ['SMF119TI_ASID2 (EZASMF77)'], note: 'ASID of the writing address space' }),
    t.enumField('SMF119TI_Reason', 1, TI_REASON, { source: ['IBM21-TI', 'IBM25-ST11'], note: 'why the record was written' }),
    t.reserved(3, undefined, {
      source: ['PACSYS-JSON11'],
      confidence: 'vendor-copy',
      note: "reserved in the 2.3 table; a third-party decoder names byte 61 SMF119TI_RecordID (unverified)",
    }),
  ],
};
