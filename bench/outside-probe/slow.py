from lib import *
import threading
def slow_http():
    s = socket.create_connection((HOST, PORT)); t0 = time.time()
    s.sendall(b"POST /webhooks/twilio/voice HTTP/1.1\r\nHost: localhost\r\n")
    try:
        while time.time() - t0 < 480:
            time.sleep(20); s.sendall(b"X-a: b\r\n")
        print("slow headers: still open after", int(time.time()-t0), "s", flush=True)
    except Exception as e: print("slow headers: closed after", int(time.time()-t0), "s", e, flush=True)
def slow_body():
    s = socket.create_connection((HOST, PORT)); t0 = time.time()
    s.sendall(b"POST /webhooks/twilio/voice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 900000\r\n\r\n")
    try:
        while time.time() - t0 < 480:
            time.sleep(20); s.sendall(b"a")
        print("slow body: still open after", int(time.time()-t0), "s", flush=True)
    except Exception as e: print("slow body: closed after", int(time.time()-t0), "s", e, flush=True)
def idle_http():
    s = socket.create_connection((HOST, PORT)); t0 = time.time()
    s.sendall(b"POST /webhooks/twilio/voice HTTP/1.1\r\n")
    s.settimeout(500)
    try:
        d = s.recv(100); print("idle partial request: server closed after", int(time.time()-t0), "s", d[:40], flush=True)
    except Exception as e: print("idle partial: ", int(time.time()-t0), e, flush=True)
def partial_frame():
    sid, callid, tenant, url, target = call_and_socket()
    s, st, head = ws_connect(target, sign(url)); t0 = time.time()
    s.sendall(json.dumps({}).encode()[:0] + frame(1, b'{"type":"setup"}')[:3])
    s.settimeout(500)
    try:
        d = s.recv(100); print("partial ws frame: server answered after", int(time.time()-t0), "s", d[:20], flush=True)
    except Exception as e: print("partial ws frame:", int(time.time()-t0), e, flush=True)
    print("partial frame call", callid, timeline(callid)[0][-2:], flush=True)
ts = [threading.Thread(target=f) for f in (slow_http, slow_body, idle_http, partial_frame)]
[t.start() for t in ts]; [t.join() for t in ts]
