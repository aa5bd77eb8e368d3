from lib import *
import sys
def setup_msg(sid, callid, tenant): return json.dumps({'type':'setup','sessionId':'VX1','callSid':sid,'customParameters':{'call':callid,'tenant':tenant,'lang':'en-US'}})
def case(name, raw_frames, do_setup=True, after=True):
    sid, callid, tenant, url, target = call_and_socket()
    s, st, head = ws_connect(target, sign(url))
    if do_setup: send_text(s, setup_msg(sid, callid, tenant)); read_frames(s, 1.0)
    for f in raw_frames:
        try: s.sendall(f)
        except Exception as e: print("  send failed", e)
    got = read_frames(s, 1.5)
    closes = [(op, struct.unpack('!H', p[:2])[0] if len(p) >= 2 else None) for op, p in got if op in (8, 'eof')]
    alive = None
    if after and not closes:
        send_text(s, json.dumps({'type':'prompt','voicePrompt':'What are your opening hours?','last':True,'lang':'en-US'}))
        got2 = read_frames(s, 4)
        alive = any(op == 1 for op, p in got2)
    s.close()
    time.sleep(0.3)
    t, _ = timeline(callid)
    ev = [(k, (d or {}).get('message') or (d or {}).get('code') or '') for k, d in t if k not in ('webhook.received','twiml.returned','socket.connected','relay.setup','agent.greeted','caller.said','agent.said','turn.started','turn.finished','model.request','model.reply')]
    print("%-42s closes=%s alive=%s %s" % (name, closes, alive, ev[:6]))
    return callid

T = lambda o: frame(1, (json.dumps(o) if not isinstance(o, (bytes, str)) else o).encode() if not isinstance(o, bytes) else o)
cases = {
 "binary frame": [frame(2, b'{"type":"prompt","voicePrompt":"hi","last":true}')],
 "invalid utf8 text": [frame(1, b'{"type":"prompt","voicePrompt":"\xff\xfe","last":true}')],
 "not json": [T("hello")],
 "json array": [T("[1,2,3]")],
 "json null": [T("null")],
 "deep nesting 20000": [T('{"type":"prompt","x":' + '['*20000 + ']'*20000 + '}')],
 "deep nesting obj 5000": [T('{"type":"info","x":' + '{"a":'*5000 + '1' + '}'*5000 + '}')],
 "huge number": [T('{"type":"interrupt","utteranceUntilInterrupt":"x","durationUntilInterruptMs":' + '9'*5000 + '}')],
 "1e999 number": [T('{"type":"interrupt","utteranceUntilInterrupt":"x","durationUntilInterruptMs":1e999}')],
 "type number": [T({"type": 5})],
 "type object": [T({"type": {"a": 1}})],
 "voicePrompt number": [T({"type":"prompt","voicePrompt":5,"last":True})],
 "voicePrompt huge 60k": [T({"type":"prompt","voicePrompt":"word "*12000,"last":True})],
 "last string": [T({"type":"prompt","voicePrompt":"hi","last":"false"})],
 "lang garbage": [T({"type":"prompt","voicePrompt":"hi","last":True,"lang":"<xml>"})],
 "dtmf x": [T({"type":"dtmf","digit":"x"})],
 "dtmf number": [T({"type":"dtmf","digit":5})],
 "dtmf empty": [T({"type":"dtmf","digit":""})],
 "dtmf unicode": [T({"type":"dtmf","digit":"\u00e9"})],
 "dtmf NUL": [T({"type":"dtmf","digit":"\u0000"})],
 "interrupt types": [T({"type":"interrupt","utteranceUntilInterrupt":5,"durationUntilInterruptMs":"abc"})],
 "interrupt no fields": [T({"type":"interrupt"})],
 "second setup": [T({"type":"setup","sessionId":"VX2","customParameters":{"call":"x"}})],
 "unknown type": [T({"type":"hack"})],
 "error msg huge": [T({"type":"error","description":"e"*60000})],
 "NUL in prompt": [T({"type":"prompt","voicePrompt":"hi\u0000there","last":True})],
 "lone surrogate": [T(b'{"type":"prompt","voicePrompt":"\\ud800 hi","last":true}')],
 "ping": [frame(9, b"ping")],
 "pong unsolicited": [frame(10, b"x")],
 "fragmented ping >125": [frame(9, b"x"*200)],
 "bad opcode 3": [frame(3, b"x")],
 "rsv bits": [bytes([0xF1]) + frame(1, b'{}')[1:]],
 "unmasked": [bytes([0x81, 2]) + b"{}"],
 "continuation w/o start": [frame(0, b"{}")],
 "over cap fragmented": [frame(1, b"x"*60000, fin=False)] + [frame(0, b"x"*60000, fin=False) for _ in range(3)] + [frame(0, b"x", fin=True)],
 "single frame 70k": [frame(1, b'{"type":"info","x":"' + b"x"*70000 + b'"}')],
 "close 1000": [frame(8, struct.pack("!H", 1000))],
 "close invalid code 5": [frame(8, struct.pack("!H", 5))],
}
only = sys.argv[1:] 
for name, frames in cases.items():
    if only and name not in only: continue
    try: case(name, frames)
    except Exception as e: print("%-42s EXC %r" % (name, e))
print("before setup:")
for name, frames in {"prompt before setup": [T({"type":"prompt","voicePrompt":"hi","last":True})], "setup other call": [T({"type":"setup","customParameters":{"call":str(uuid.uuid4()),"tenant":"x"}})], "setup no params": [T({"type":"setup"})], "dtmf before setup": [T({"type":"dtmf","digit":"1"})]}.items():
    case(name, frames, do_setup=False, after=False)
