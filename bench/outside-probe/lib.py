import base64, hashlib, hmac, json, os, socket, struct, urllib.parse, http.client, time, uuid

# A running Switchboard (embedded install, demo tenant): see README.md beside this file.
HOST = os.environ.get("PROBE_HOST", "127.0.0.1")
PORT = int(os.environ.get("PROBE_PORT", "8080"))
PUBLIC = os.environ.get("SWITCHBOARD_PUBLIC_URL", "http://localhost:%d" % PORT)
DATA = os.environ.get("SWITCHBOARD_DATA_DIR", os.path.expanduser("~/.switchboard"))
TOKEN = os.environ.get("TWILIO_AUTH_TOKEN") or open(os.path.join(DATA, "twilio-auth-token")).read().strip()
ACCOUNT = "AC" + "0" * 32
RELAY_NUMBER = os.environ.get("PROBE_RELAY_NUMBER", "+15005550006")
STREAM_NUMBER = os.environ.get("PROBE_STREAM_NUMBER", "+15005550007")

def sign(url, params=None, token=TOKEN):
    s = url + "".join(k + v for k, v in sorted((params or {}).items()))
    return base64.b64encode(hmac.new(token.encode(), s.encode(), hashlib.sha1).digest()).decode()

def raw_http(raw: bytes, timeout=10):
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    try:
        s.sendall(raw)
    except (BrokenPipeError, ConnectionResetError):
        pass
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            data += chunk
            if b"\r\n\r\n" in data:
                head, _, body = data.partition(b"\r\n\r\n")
                cl = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                if cl and len(body) >= int(cl[0].split(b":")[1]): break
                if not cl and b"transfer-encoding" not in head.lower(): break
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    return data

def post(path, body: bytes, headers=None, method="POST"):
    h = {"Host": "localhost:%d" % PORT, "Content-Length": str(len(body)), "Connection": "close"}
    h.update(headers or {})
    req = ("%s %s HTTP/1.1\r\n" % (method, path)) + "".join("%s: %s\r\n" % kv for kv in h.items()) + "\r\n"
    resp = raw_http(req.encode() + body)
    head, _, b = resp.partition(b"\r\n\r\n")
    lines = head.decode(errors="replace").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else -1
    ctype = next((l.split(":", 1)[1].strip() for l in lines if l.lower().startswith("content-type:")), "")
    return status, ctype, b

def form(params):
    return urllib.parse.urlencode(params).encode()

def signed_post(path, params, url_path=None, extra=None):
    url = PUBLIC + (url_path or path)
    h = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sign(url, params)}
    h.update(extra or {})
    return post(path, form(params), h)

def new_call(to=RELAY_NUMBER, frm="+15551230001"):
    sid = "CA" + uuid.uuid4().hex
    p = {"CallSid": sid, "AccountSid": ACCOUNT, "From": frm, "To": to, "CallStatus": "ringing", "Direction": "inbound", "ApiVersion": "2010-04-01"}
    st, ct, body = signed_post("/webhooks/twilio/voice", p)
    return sid, st, body.decode(errors="replace")

# --- websockets ---
def ws_connect(target, signature=None, extra=""):
    s = socket.create_connection((HOST, PORT), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    req = ("GET %s HTTP/1.1\r\nHost: localhost:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n" % (target, PORT, key))
    if signature: req += "X-Twilio-Signature: %s\r\n" % signature
    req += extra + "\r\n"
    s.sendall(req.encode())
    head = b""
    while b"\r\n\r\n" not in head:
        c = s.recv(1)
        if not c: break
        head += c
    status = int(head.split()[1]) if len(head.split()) > 1 else -1
    return s, status, head

def frame(opcode, payload: bytes, fin=True):
    b0 = (0x80 if fin else 0) | opcode
    mask = os.urandom(4)
    n = len(payload)
    if n < 126: hdr = struct.pack("!BB", b0, 0x80 | n)
    elif n < 65536: hdr = struct.pack("!BBH", b0, 0x80 | 126, n)
    else: hdr = struct.pack("!BBQ", b0, 0x80 | 127, n)
    masked = bytes(p ^ mask[i % 4] for i, p in enumerate(payload))
    return hdr + mask + masked

def send_text(s, text): s.sendall(frame(1, text.encode() if isinstance(text, str) else text))

def read_frames(s, timeout=2.0):
    s.settimeout(timeout)
    out = []
    buf = b""
    try:
        while True:
            c = s.recv(65536)
            if not c: out.append(("eof", b"")); break
            buf += c
            while len(buf) >= 2:
                op = buf[0] & 0x0f; n = buf[1] & 0x7f; off = 2
                if n == 126:
                    if len(buf) < 4: break
                    n = struct.unpack("!H", buf[2:4])[0]; off = 4
                elif n == 127:
                    if len(buf) < 10: break
                    n = struct.unpack("!Q", buf[2:10])[0]; off = 10
                if len(buf) < off + n: break
                out.append((op, buf[off:off+n])); buf = buf[off+n:]
    except (socket.timeout, ConnectionResetError):
        pass
    return out

def login(email, password):
    c = http.client.HTTPConnection(HOST, PORT, timeout=20)
    c.request("POST", "/api/v1/auth/login", body=json.dumps({"email": email, "password": password}), headers={"Content-Type": "application/json"})
    return json.loads(c.getresponse().read())["access_token"]

JWT = os.environ.get("PROBE_JWT") or login("demo@switchboard.local", open(os.path.join(DATA, "demo-password")).read().strip())
def api(path):
    c = http.client.HTTPConnection(HOST, PORT, timeout=20)
    c.request("GET", path, headers={"Authorization": "Bearer " + JWT})
    r = c.getresponse()
    return r.status, json.loads(r.read() or b"null")

import re, html
def call_and_socket(to=RELAY_NUMBER):
    sid, st, twiml = new_call(to)
    url = html.unescape(re.search(r'url="([^"]+)"', twiml).group(1))
    callid = re.search(r'name="call" value="([^"]+)"', twiml).group(1)
    tenant = re.search(r'name="tenant" value="([^"]+)"', twiml).group(1)
    target = url.split("localhost:%d" % PORT, 1)[1]
    return sid, callid, tenant, url, target

def timeline(callid):
    st, body = api("/api/v1/calls/" + callid)
    return [(e.get("type"), e.get("data")) for e in body.get("timeline", body.get("events", []))], body
