from lib import *
import sys
def start_msg(sid, callid, tenant, **kw):
    m = {"event":"start","sequenceNumber":"1","streamSid":"MZ"+"1"*32,"start":{"streamSid":"MZ"+"1"*32,"accountSid":ACCOUNT,"callSid":sid,"tracks":["inbound"],"customParameters":{"tenant":tenant,"call":callid},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}
    m["start"].update(kw); return json.dumps(m)
def media(payload, ts="20", chunk="1"): return json.dumps({"event":"media","sequenceNumber":"2","streamSid":"MZ"+"1"*32,"media":{"track":"inbound","chunk":chunk,"timestamp":ts,"payload":payload}})
SIL = base64.b64encode(b"\xff"*160).decode()
def case(name, builder, do_start=True):
    sid, callid, tenant, url, target = call_and_socket(STREAM_NUMBER)
    s, st, head = ws_connect(target, sign(url))
    if st != 101: print(name, "handshake", st); return
    send_text(s, json.dumps({"event":"connected","protocol":"Call","version":"1.0.0"}))
    if do_start: send_text(s, start_msg(sid, callid, tenant)); 
    got0 = read_frames(s, 1.5)
    for f in builder(sid, callid, tenant):
        try: s.sendall(f if isinstance(f, bytes) else frame(1, f.encode()))
        except Exception as e: print("  send failed", e)
    got = read_frames(s, 1.5)
    closes = [(op, struct.unpack('!H', p[:2])[0] if len(p) >= 2 else None) for op, p in got0 + got if op in (8, 'eof')]
    alive = None
    if not closes:
        for i in range(10): send_text(s, media(SIL, str(1000+i*20)))
        send_text(s, json.dumps({"event":"dtmf","streamSid":"MZ"+"1"*32,"dtmf":{"track":"inbound_track","digit":"1"}}))
        got2 = read_frames(s, 2)
        alive = sum(1 for op, p in got2 if op == 1)
        send_text(s, json.dumps({"event":"stop","sequenceNumber":"99","streamSid":"MZ"+"1"*32,"stop":{"accountSid":ACCOUNT,"callSid":sid}}))
        read_frames(s, 0.5)
    s.close(); time.sleep(0.4)
    t, _ = timeline(callid)
    ev = [(k, (d or {}).get('message') or (d or {}).get('code') or (d or {}).get('digit') or '') for k, d in t if k not in ('webhook.received','twiml.returned','stream.connected','stream.started','model.connecting','model.connected','agent.greeted','caller.said','agent.said')]
    print("%-34s closes=%s out=%s %s" % (name, closes, alive, ev[:7]))

cases = {
 "baseline": lambda s,c,t: [],
 "binary frame": lambda s,c,t: [frame(2, media(SIL).encode())],
 "invalid utf8": lambda s,c,t: [frame(1, b'{"event":"media","media":{"payload":"\xff\xfe"}}')],
 "not json": lambda s,c,t: ["garbage"],
 "deep nesting": lambda s,c,t: ['{"event":"mark","x":' + '['*20000 + ']'*20000 + '}'],
 "huge number ts": lambda s,c,t: [json.dumps({"event":"media","media":{"track":"inbound","timestamp":10**40,"payload":SIL}})],
 "1e308 ts": lambda s,c,t: ['{"event":"media","media":{"track":"inbound","timestamp":1e308,"payload":"%s"}}' % SIL],
 "neg ts": lambda s,c,t: [media(SIL, "-99999999999")],
 "ts 9e18": lambda s,c,t: [media(SIL, "9000000000000000000")],
 "payload number": lambda s,c,t: [json.dumps({"event":"media","media":{"payload":5,"timestamp":"1"}})],
 "payload not b64": lambda s,c,t: [media("!!!not base64!!!")],
 "payload 7 bytes": lambda s,c,t: [media(base64.b64encode(b"\x00"*7).decode())],
 "payload 0 bytes": lambda s,c,t: [media("")],
 "payload 40KB": lambda s,c,t: [media(base64.b64encode(b"\x7f"*40000).decode())],
 "payload unpadded": lambda s,c,t: [media(SIL.rstrip("="))],
 "payload url-safe": lambda s,c,t: [media(base64.urlsafe_b64encode(bytes(range(160))).decode())],
 "media obj missing": lambda s,c,t: ['{"event":"media"}'],
 "media is string": lambda s,c,t: ['{"event":"media","media":"x"}'],
 "event number": lambda s,c,t: ['{"event":5}'],
 "unknown event": lambda s,c,t: ['{"event":"hack"}'],
 "mark name number": lambda s,c,t: [json.dumps({"event":"mark","mark":{"name":5}})],
 "mark unknown name": lambda s,c,t: [json.dumps({"event":"mark","mark":{"name":"zzz"}})],
 "mark no obj": lambda s,c,t: ['{"event":"mark"}'],
 "dtmf x": lambda s,c,t: [json.dumps({"event":"dtmf","dtmf":{"digit":"x"}})],
 "dtmf number": lambda s,c,t: [json.dumps({"event":"dtmf","dtmf":{"digit":5}})],
 "dtmf 55": lambda s,c,t: [json.dumps({"event":"dtmf","dtmf":{"digit":"55"}})],
 "second start": lambda s,c,t: [start_msg(s, c, t)],
 "second start other call": lambda s,c,t: [start_msg("CA"+"9"*32, c, t)],
 "stop types": lambda s,c,t: ['{"event":"stop","stop":5}'],
 "over cap fragmented": lambda s,c,t: [frame(1, b"x"*60000, fin=False)] + [frame(0, b"x"*60000, fin=False) for _ in range(3)] + [frame(0, b"x", fin=True)],
}
before = {
 "media before start": lambda s,c,t: [media(SIL)]*5 + [start_msg(s,c,t)],
 "start other callSid": lambda s,c,t: [start_msg("CA"+"9"*32, c, t)],
 "start other tenant params": lambda s,c,t: [start_msg(s, str(uuid.uuid4()), str(uuid.uuid4()))],
 "start no start obj": lambda s,c,t: ['{"event":"start"}'],
 "start callSid number": lambda s,c,t: [json.dumps({"event":"start","start":{"streamSid":"MZ1","callSid":5}})],
 "start customParameters str": lambda s,c,t: [json.dumps({"event":"start","start":{"streamSid":"MZ1","callSid":s,"customParameters":"x"}})],
 "start streamSid huge": lambda s,c,t: [json.dumps({"event":"start","start":{"streamSid":"MZ"+"1"*50000,"callSid":s}})],
 "stop before start": lambda s,c,t: ['{"event":"stop"}'],
 "dtmf before start": lambda s,c,t: [json.dumps({"event":"dtmf","dtmf":{"digit":"1"}})],
}
only = sys.argv[1:]
for name, b in cases.items():
    if only and name not in only: continue
    try: case(name, b)
    except Exception as e: print("%-34s EXC %r" % (name, e))
for name, b in before.items():
    if only and name not in only: continue
    try: case(name, b, do_start=False)
    except Exception as e: print("%-34s EXC %r" % (name, e))
