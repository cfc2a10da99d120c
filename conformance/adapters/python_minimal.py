#!/usr/bin/env python3
"""A minimal SMF 119 parser speaking zert-forge's ndjson conformance protocol (version 1).

Standard library only. It decodes a subset on purpose - the SMF header, the TCP/IP identification section,
and for subtype 11 the common section and part of the TLS section - so that a conformance run shows what
partial coverage looks like. Subtype 12 and VBS files are skipped. Text uses Python's cp037 codec (close to
IBM-1047 for letters and digits).

    zert-forge conform --parser "python3 conformance/adapters/python_minimal.py"
"""
import base64
import datetime
import ipaddress
import json
import sys

IMPLEMENTATION = {'name': 'python-minimal', 'version': '1.0', 'language': 'Python', 'notes': 'header, identification, st11 common and part of TLS'}


class Invalid(Exception):
    pass


def u(b, off, n):
    return int.from_bytes(b[off:off + n], 'big')


def text(b, off, n):
    return b[off:off + n].decode('cp037').rstrip(' ')


def hundredths(n):
    if n >= 8640000:
        raise Invalid(f'time {n} past midnight')
    return f'{n // 360000:02d}:{n // 6000 % 60:02d}:{n // 100 % 60:02d}.{n % 100:02d}'


def packed_date(b, off):
    raw = b[off:off + 4]
    if raw in (b'\0\0\0\0', b'\0\0\0\x0f'):
        return None
    h = raw.hex()
    if h[0] != '0' or h[7] != 'f' or not h[1:7].isdigit():
        raise Invalid(f'bad packed date {h}')
    year, day = 1900 + int(h[1]) * 100 + int(h[2:4]), int(h[4:7])
    start = datetime.date(year, 1, 1)
    result = start + datetime.timedelta(days=day - 1)
    if day < 1 or result.year != year:
        raise Invalid(f'bad packed date {h}')
    return result.isoformat()


def ip(b, off, v6):
    return str(ipaddress.IPv6Address(b[off:off + 16])) if v6 else str(ipaddress.IPv4Address(b[off:off + 4]))


def header(r):
    return {
        'SMF119HDLength': u(r, 0, 2), 'SMF119HDSegDesc': u(r, 2, 2), 'SMF119HDFlags': r[4], 'SMF119HDType': r[5],
        'SMF119HDTime': hundredths(u(r, 6, 4)), 'SMF119HDDate': packed_date(r, 10), 'SMF119HDSID': text(r, 14, 4),
        'SMF119HDSSI': text(r, 18, 4), 'SMF119HDSubType': u(r, 22, 2),
    }


def ident(r, o):
    names = ['SMF119TI_SYSName', 'SMF119TI_SysplexName', 'SMF119TI_Stack', 'SMF119TI_ReleaseID', 'SMF119TI_Comp', 'SMF119TI_ASName', 'SMF119TI_UserID']
    out = {n: text(r, o + 8 * i, 8) for i, n in enumerate(names)}
    out.update({'SMF119TI_ASID': u(r, o + 58, 2), 'SMF119TI_Reason': r[o + 60]})
    return out


def common11(r, o):
    v6 = bool(r[o + 2] & 0x80)
    return {
        'SMF119SC_SAEvent_Type': r[o], 'SMF119SC_SASecProtos': r[o + 1], 'SMF119SC_SAFlags': r[o + 2], 'SMF119SC_SASecFlags': r[o + 3],
        'SMF119SC_SAIPProto': r[o + 4], 'SMF119SC_SAJobname': text(r, o + 8, 8), 'SMF119SC_SAJobID': text(r, o + 16, 8),
        'SMF119SC_SAUserID': text(r, o + 24, 8), 'SMF119SC_SASTime': hundredths(u(r, o + 32, 4)), 'SMF119SC_SASDate': packed_date(r, o + 36),
        'SMF119SC_SAETime': hundredths(u(r, o + 40, 4)), 'SMF119SC_SAEDate': packed_date(r, o + 44),
        'SMF119SC_SARIP': ip(r, o + 48, v6), 'SMF119SC_SALIP': ip(r, o + 64, v6), 'SMF119SC_SARPort': u(r, o + 80, 2),
        'SMF119SC_SALPort': u(r, o + 82, 2), 'SMF119SC_SAConnID': u(r, o + 84, 4), 'SMF119SC_SAInBytes': str(u(r, o + 88, 8)),
        'SMF119SC_SAOutBytes': str(u(r, o + 96, 8)), 'SMF119SC_SAInSegDG': str(u(r, o + 104, 8)), 'SMF119SC_SAOutSegDG': str(u(r, o + 112, 8)),
    }


def tls11(r, o):
    return {
        'SMF119SC_TLS_Prot_Ver': u(r, o, 2), 'SMF119SC_TLS_Source': r[o + 2], 'SMF119SC_TLS_Handshake_Type': r[o + 3],
        'SMF119SC_TLS_Handshake_Role': r[o + 4], 'SMF119SC_TLS_Protocol_Provider': text(r, o + 40, 16),
        'SMF119SC_TLS_Neg_Cipher': text(r, o + 56, 6), 'SMF119SC_TLS_CS_Enc_Alg': u(r, o + 62, 2),
        'SMF119SC_TLS_CS_Msg_Auth': u(r, o + 64, 2), 'SMF119SC_TLS_CS_Kex_Alg': u(r, o + 66, 2),
    }


def triplet(r, k):
    at = 28 + 8 * k
    off, length, num = u(r, at, 4), u(r, at + 4, 2), u(r, at + 6, 2)
    if num and (off < 28 or off + length * num > len(r)):
        raise Invalid(f'triplet {k} points outside the record')
    return off, length, num


def record(r):
    if len(r) < 28 or r[5] != 119:
        raise Invalid('not an SMF 119 record')
    out = {'Header': header(r)}
    off, _, num = triplet(r, 0)
    out['Ident'] = [ident(r, off)] if num else []
    off, _, num = triplet(r, 1)
    out['Common'] = [common11(r, off)] if num else []
    off, length, num = triplet(r, 3)
    out['TLS'] = [tls11(r, off + i * length) for i in range(num)]
    return out


def decode_file(data):
    records, at = [], 0
    while at < len(data):
        if len(data) - at < 4:
            raise Invalid('trailing bytes')
        n = u(data, at, 2)
        if n < 28 or at + n > len(data) or u(data, at + 2, 2) != 0:
            raise Invalid(f'bad RDW at offset {at}')
        # Only SMF type 119 subtypes 11 and 12 are zERT: other records are skipped (the manifest's "skip").
        if data[at + 5] == 119 and u(data, at + 22, 2) in (11, 12):
            records.append(record(data[at:at + n]))
        at += n
    return records


def answer(msg):
    case = msg['case']
    if case['subtype'] != 11:
        return {'skipped': {'reason': 'subtype 12 is not implemented'}}
    if case['framing'] != 'rdw':
        return {'skipped': {'reason': 'only RDW files are supported'}}
    try:
        return {'records': decode_file(base64.b64decode(case['bytes']))}
    except Invalid as e:
        return {'rejected': {'message': str(e)}}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        msg = json.loads(line)
        if msg['cmd'] == 'start':
            reply = {'version': 1, 'implementation': IMPLEMENTATION}
        elif msg['cmd'] == 'run':
            reply = {'seq': msg['seq'], **answer(msg)}
        else:
            return
        sys.stdout.write(json.dumps(reply) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
