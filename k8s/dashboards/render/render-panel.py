#!/usr/bin/env python3
"""Renders one time-series panel from Prometheus data to a PNG, with only the standard library
(Grafana is not installable here). Usage:
  render-panel.py PROMETHEUS_URL OUT.png MINUTES 'EXPR' ['EXPR' ...]
Each expression is one line colour, in order: blue, red, green, orange. The y axis runs from 0 to
the largest value seen; grey lines mark every quarter of it and every minute."""
import json, struct, sys, time, urllib.parse, urllib.request, zlib

W, H, PAD = 800, 300, 20
COLOURS = [(31, 119, 180), (214, 39, 40), (44, 160, 44), (255, 127, 14)]

def query_range(base, expr, start, end):
    url = base.rstrip('/') + '/api/v1/query_range?' + urllib.parse.urlencode({'query': expr, 'start': start, 'end': end, 'step': '2s'})
    with urllib.request.urlopen(url) as r:
        return [[(float(t), float(v)) for t, v in s['values']] for s in json.load(r)['data']['result']]

def png(path, pixels):
    raw = b''.join(b'\x00' + bytes(c for px in row for c in px) for row in pixels)
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))

def line(pixels, x0, y0, x1, y1, colour):
    steps = max(abs(x1 - x0), abs(y1 - y0), 1)
    for i in range(steps + 1):
        x, y = round(x0 + (x1 - x0) * i / steps), round(y0 + (y1 - y0) * i / steps)
        for dy in (0, 1):
            if 0 <= x < W and 0 <= y + dy < H:
                pixels[y + dy][x] = colour

def main():
    base, out, minutes, exprs = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
    end = time.time(); start = end - minutes * 60
    series = [(COLOURS[i % 4], s) for i, e in enumerate(exprs) for s in query_range(base, e, start, end)]
    top = max([v for _, s in series for _, v in s] + [1e-9])
    pixels = [[(255, 255, 255)] * W for _ in range(H)]
    X = lambda t: PAD + (t - start) / (end - start) * (W - 2 * PAD)
    Y = lambda v: H - PAD - v / top * (H - 2 * PAD)
    for q in range(5):
        line(pixels, PAD, round(Y(top * q / 4)), W - PAD, round(Y(top * q / 4)), (225, 225, 225))
    m = start
    while m <= end:
        line(pixels, round(X(m)), PAD, round(X(m)), H - PAD, (225, 225, 225)); m += 60
    for colour, s in series:
        for (t0, v0), (t1, v1) in zip(s, s[1:]):
            line(pixels, round(X(t0)), round(Y(v0)), round(X(t1)), round(Y(v1)), colour)
    png(out, pixels)

if __name__ == '__main__':
    main()
