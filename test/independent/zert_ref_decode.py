#!/usr/bin/env python3
"""Independent SMF 119 subtype 11/12 decoder for cross-checking zert-forge.

Written from the reference JSON alone (spec/reference: offsets, lengths, formats, releases), with Python's
own ipaddress and datetime and glibc iconv for EBCDIC. It shares no code or tables with zert-forge.

usage: zert_ref_decode.py RELEASE FILE.rdw [RELEASE FILE.rdw ...]
    -> one JSON object per record on stdout, its 'file' the FILE it comes from (one run for many files:
       starting Python and iconv is most of the cost)
"""
import datetime
import ipaddress
import json
import pathlib
import subprocess
import sys

REF = pathlib.Path(__file__).resolve().parents[2] / 'spec' / 'reference'
COMMON = json.loads((REF / 'smf119-common.json').read_text())
ST = {11: json.loads((REF / 'smf119-st11.json').read_text()), 12: json.loads((REF / 'smf119-st12.json').read_text())}
ORDER = ['2.3', '2.4', '2.5', '3.1', '3.2']

# glibc's IBM-1047, byte -> character
_raw = subprocess.run(['iconv', '-f', 'IBM1047', '-t', 'UTF-16BE'], input=bytes(range(256)), capture_output=True, check=True).stdout
EBCDIC = [chr(int.from_bytes(_raw[i:i + 2], 'big')) for i in range(0, 512, 2)]


def text(b):
    return ''.join(EBCDIC[x] for x in b)


def exists(f, release):
    since = f.get('since') or '2.3'
    until = f.get('until')
    r = ORDER.index(release)
    return ORDER.index(since) <= r and (until is None or r <= ORDER.index(until))


def sections_of(subtype):
    """Triplet id -> (section name, fields), in triplet order, as the reference describes them."""
    ref = ST[subtype]
    ident = COMMON['tcpipIdentificationSection']['fields']
    if subtype == 11:
        by_key = {s['key']: s for s in ref['sections']}
        order = ['ID', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']
        return [(k, ident if k == 'ID' else by_key[k].get('fields', [])) for k in order]
    secs = [s for s in ref['sections'] if s.get('triplet')]
    out = [('ID', ident)]
    for i, s in enumerate(secs[1:], start=1):
        out.append((f'S{i}', s['fields']))
    return out


def ip(b, v6):
    if v6:
        a = ipaddress.IPv6Address(bytes(b))
        return '::ffff:' + str(a.ipv4_mapped) if a.ipv4_mapped else str(a)
    return str(ipaddress.IPv4Address(bytes(b[:4])))


def packed_date(b):
    if b == b'\0\0\0\0' or b == b'\0\0\0\x0f':
        return None
    digits = b.hex()
    year = 1900 + int(digits[1]) * 100 + int(digits[2:4])
    day = int(digits[4:7])
    return (datetime.date(year, 1, 1) + datetime.timedelta(days=day - 1)).isoformat()


def hundredths(n):
    return f'{n // 360000:02d}:{n // 6000 % 60:02d}:{n // 100 % 60:02d}.{n % 100:02d}'


def cert_time(b, time_type):
    if b == bytes(15):
        return None
    s = text(b)
    if s.strip() == '':
        return ''
    if time_type == 1:
        yy = int(s[0:2])
        year = (1900 if yy >= 50 else 2000) + yy
        return f'{year:04d}-{s[2:4]}-{s[4:6]}T{s[6:8]}:{s[8:10]}:{s[10:12]}Z'
    return f'{s[0:4]}-{s[4:6]}-{s[6:8]}T{s[8:10]}:{s[10:12]}:{s[12:14]}Z'


IP_SUFFIXES = ('RIP', 'LIP', 'SrvIP', 'CltIP', 'LclEndpt', 'RmtEndpt')
TIME_NAMES = ('SMF119HDTime', 'SMF119SC_SASTime', 'SMF119SC_SAETime')


def decode_fields(fields, rec, start, available, release, v6):
    out = {}
    for f in sorted((f for f in fields if exists(f, release) and f['name'] != 'reserved'), key=lambda f: f['offset']):
        off, length, name, fmt = f['offset'], f['length'], f['name'], f['format']
        if length is None or off + length > available:
            continue
        b = rec[start + off:start + off + length]
        if name.endswith(IP_SUFFIXES):
            own_flags = out.get('SMF119SC_SAFlags', out.get('SMF119SS_SAFlags'))
            v = ip(b, v6 if own_flags is None else bool(own_flags & 0x80))
        elif name in TIME_NAMES:
            v = hundredths(int.from_bytes(b, 'big'))
        elif fmt == 'Packed':
            v = packed_date(b)
        elif name.endswith('_Time'):
            v = cert_time(b, out.get(name + '_Type', 0))
        elif name.endswith(('_Serial', '_Session_ID', '_FP')):
            n = out.get(name + '_Len', out.get(name + 'Len', 0))
            v = b[:n].hex().upper()
        elif fmt.startswith('EBCDIC'):
            v = text(b).rstrip(' ')
        elif length == 8:
            v = str(int.from_bytes(b, 'big'))
        else:
            v = int.from_bytes(b, 'big')
        out[name] = v
    return out


def decode_record(rec, release):
    subtype = int.from_bytes(rec[22:24], 'big')
    header = decode_fields(COMMON['standardHeader']['fields'], rec, 0, 24, release, False)
    trn = int.from_bytes(rec[24:26], 'big')
    result = {'subtype': subtype, 'Header': header, 'sections': {}}
    v6 = False
    for k, (tid, fields) in enumerate(sections_of(subtype)[:trn]):
        at = 28 + 8 * k
        off, length, num = int.from_bytes(rec[at:at + 4], 'big'), int.from_bytes(rec[at + 4:at + 6], 'big'), int.from_bytes(rec[at + 6:at + 8], 'big')
        occurrences = []
        is_dn = any(f['name'].endswith('_DN') for f in fields)
        pos = off
        for _ in range(num):
            if is_dn:
                entry_len = int.from_bytes(rec[pos:pos + 2], 'big')
                dn_type = int.from_bytes(rec[pos + 2:pos + 4], 'big')
                prefix = 'SMF119SC_' if subtype == 11 else 'SMF119SS_'
                occurrences.append({prefix + 'DN_Len': entry_len, prefix + 'DN_Type': dn_type, prefix + 'DN': text(rec[pos + 4:pos + entry_len])})
                pos += entry_len
            elif fields:
                occurrences.append(decode_fields(fields, rec, pos, length, release, v6))
                pos += length
        if tid == 'S1' and occurrences:
            flags = occurrences[0].get('SMF119SC_SAFlags', occurrences[0].get('SMF119SS_SAFlags', 0))
            v6 = bool(flags & 0x80)
        result['sections'][tid] = occurrences
    return result


def main():
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    for release, path in zip(args[0::2], args[1::2]):
        data = pathlib.Path(path).read_bytes()
        at = 0
        while at < len(data):
            length = int.from_bytes(data[at:at + 2], 'big')
            print(json.dumps({'file': path, **decode_record(data[at:at + length], release)}))
            at += length


if __name__ == '__main__':
    main()
