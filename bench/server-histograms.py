#!/usr/bin/env python3
"""A stream call's start, stage by stage, over one run: the server's switchboard_stream_start_seconds
histogram (its /prometheus) read before and after the run, the difference turned into percentiles.
    bench/stream-stages.py BEFORE.txt AFTER.txt"""
import re, sys

LINE = re.compile(r'^switchboard_stream_start_seconds_bucket\{(?P<labels>[^}]*)\} (?P<value>\S+)')

def buckets(path):
    out = {}
    try:
        text = open(path).read()
    except OSError:
        return out
    for line in text.splitlines():
        m = LINE.match(line)
        if not m: continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group('labels')))
        le = float('inf') if labels['le'] == '+Inf' else float(labels['le'])
        out.setdefault(labels['stage'], {})[le] = float(m.group('value'))
    return out

def percentile(cumulative, p):
    total = cumulative[-1][1]
    if total <= 0: return None
    rank = p / 100 * total
    for le, count in cumulative:
        if count >= rank: return le
    return float('inf')

before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
for stage in ('prepare', 'connect', 'configure', 'total'):
    if stage not in after: continue
    edges = sorted(after[stage])
    cumulative = [(le, after[stage][le] - before.get(stage, {}).get(le, 0)) for le in edges]
    n = int(cumulative[-1][1])
    if n == 0: continue
    fmt = lambda s: '–' if s is None else ('> last bucket' if s == float('inf') else (f'{s*1000:.0f} ms' if s < 1 else f'{s:.2f} s'))
    print(f'  server: start {stage:<9} n={n:>5}  p50 <= {fmt(percentile(cumulative, 50))}  p99 <= {fmt(percentile(cumulative, 99))}')
