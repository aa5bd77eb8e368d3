#!/usr/bin/env python3
"""Server-side histograms over one run: the server's /prometheus read before and after the run, the
difference of each histogram's buckets turned into percentiles (bucket upper bounds).
    bench/server-histograms.py BEFORE.txt AFTER.txt METRIC[:TAG[=VALUE]] ...
METRIC is a histogram's name without _bucket (e.g. switchboard_event_loop_lag_seconds); with :TAG one
line per value of that label (e.g. switchboard_stream_start_seconds:stage), with :TAG=VALUE only that
value (e.g. http_server_requests_seconds:uri=/webhooks/twilio/voice); other labels are summed."""
import re, sys

def buckets(path, metric, tag, only):
    out = {}
    try:
        text = open(path).read()
    except OSError:
        return out
    line = re.compile('^' + re.escape(metric) + r'_bucket\{(?P<labels>[^}]*)\} (?P<value>\S+)')
    for row in text.splitlines():
        m = line.match(row)
        if not m: continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group('labels')))
        key = labels.get(tag, '') if tag else ''
        if only is not None and key != only: continue
        le = float('inf') if labels['le'] == '+Inf' else float(labels['le'])
        group = out.setdefault(key, {})
        group[le] = group.get(le, 0) + float(m.group('value'))
    return out

def percentile(cumulative, p):
    total = cumulative[-1][1]
    if total <= 0: return None
    rank = p / 100 * total
    for le, count in cumulative:
        if count >= rank: return le
    return float('inf')

def fmt(s):
    if s is None: return '–'
    if s == float('inf'): return '> last bucket'
    if s < 0.001:
        return f'{s*1e6:.0f} µs'
    return f'{s*1000:.1f} ms' if s < 1 else f'{s:.2f} s'

for spec in sys.argv[3:]:
    metric, _, rest = spec.partition(':')
    tag, _, only = rest.partition('=')
    before = buckets(sys.argv[1], metric, tag, only or None)
    after = buckets(sys.argv[2], metric, tag, only or None)
    for key in sorted(after):
        edges = sorted(after[key])
        cumulative = [(le, after[key][le] - before.get(key, {}).get(le, 0)) for le in edges]
        n = int(cumulative[-1][1])
        if n == 0: continue
        name = metric + (f' {tag}={key}' if tag else '')
        print(f'  server: {name:<60} n={n:>6}  p50 <= {fmt(percentile(cumulative, 50))}  '
              f'p99 <= {fmt(percentile(cumulative, 99))}  max <= {fmt(percentile(cumulative, 100))}')
