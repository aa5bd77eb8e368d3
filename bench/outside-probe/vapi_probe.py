from lib import *
# Tenant A: the demo tenant; tenant B: opened here by sign-up. Each gets a Vapi webhook secret.
def call_api(method, path, body, token=None):
    c = http.client.HTTPConnection(HOST, PORT, timeout=20)
    h = {"Content-Type": "application/json"}
    if token: h["Authorization"] = "Bearer " + token
    c.request(method, path, body=json.dumps(body), headers=h)
    r = c.getresponse(); return r.status, json.loads(r.read() or b"null")
SA, SB = "probe-secret-A-" + uuid.uuid4().hex, "probe-secret-B-" + uuid.uuid4().hex
A = json.loads(base64.urlsafe_b64decode(JWT.split(".")[1] + "=="))["tenant"]
call_api("PUT", "/api/v1/connections/vapi", {"apiKey": "k-probe", "webhookSecret": SA}, JWT)
st, signup = call_api("POST", "/api/v1/signup", {"email": "b-%s@probe.local" % uuid.uuid4().hex[:8], "password": "Passw0rd-long-enough!", "tenantName": "Tenant B"})
B, JB = signup["tenantId"], signup["access_token"]
call_api("PUT", "/api/v1/connections/vapi", {"apiKey": "k-probe-b", "webhookSecret": SB}, JB)
def vp(path, body, secret=None, ctype="application/json", extra=None):
    h = {"Content-Type": ctype}
    if secret: h["X-Vapi-Secret"] = secret
    h.update(extra or {})
    return post(path, body if isinstance(body, bytes) else json.dumps(body).encode(), h)
def show(name, r):
    st, ct, b = r
    flag = "" if (st < 500 and (st < 400 or "problem+json" in ct)) else "   <<<<<"
    print("%-50s %s %-26s %s%s" % (name[:50], st, ct[:26], b[:150].decode(errors="replace"), flag))
def msg(type_, callid, **kw):
    m = {"type": type_, "timestamp": int(time.time()*1000), "call": {"id": callid, "type": "inboundPhoneCall", "phoneCallProviderId": "CA"+uuid.uuid4().hex}}
    m.update(kw); return {"message": m}
vb = str(uuid.uuid4())
show("B status in-progress (B secret)", vp("/webhooks/vapi/" + B, msg("status-update", vb, status="in-progress"), SB))
show("B transcript", vp("/webhooks/vapi/" + B, msg("transcript", vb, role="user", transcriptType="final", transcript="B's secret words"), SB))
show("A secret on B path", vp("/webhooks/vapi/" + B, msg("status-update", vb, status="ended", endedReason="hack"), SA))
show("no secret", vp("/webhooks/vapi/" + B, msg("status-update", vb, status="ended"), None))
show("bearer B wrong", vp("/webhooks/vapi/" + B, msg("status-update", vb, status="ended"), None, extra={"Authorization": "Bearer nope"}))
show("bare path A secret, no tenant clue", vp("/webhooks/vapi", msg("status-update", vb, status="ended"), SA))
m = msg("status-update", vb, status="ended"); m["message"]["call"]["metadata"] = {"tenantId": B}; m["message"]["assistant"] = {"metadata": {"tenantId": B}}
show("bare path A secret, metadata B", vp("/webhooks/vapi", m, SA))
show("A path, B's vapi call id, A secret (ended)", vp("/webhooks/vapi/" + A, msg("end-of-call-report", vb, endedReason="hack", artifact={"transcript":"x"}, analysis={}), SA))
# check B's call
c = http.client.HTTPConnection(HOST, PORT); c.request("GET", "/api/v1/calls", headers={"Authorization": "Bearer " + JB}); r = json.loads(c.getresponse().read())
print("B's calls:", json.dumps(r)[:400])
show("unknown type", vp("/webhooks/vapi/" + A, msg("hack-type", str(uuid.uuid4())), SA))
show("no message", vp("/webhooks/vapi/" + A, {"x": 1}, SA))
show("message null", vp("/webhooks/vapi/" + A, {"message": None}, SA))
show("type number", vp("/webhooks/vapi/" + A, {"message": {"type": 5}}, SA))
va = str(uuid.uuid4())
tc = msg("tool-calls", va, toolCallList=[{"id": "call_1", "type": "function", "function": {"name": "no_such_tool", "arguments": {}}}])
show("tool unknown", vp("/webhooks/vapi/" + A, tc, SA))
show("tool unknown replay", vp("/webhooks/vapi/" + A, tc, SA))
tc2 = msg("tool-calls", va, toolCallList=[{"id": "call_2", "type": "function", "function": {"name": "check_availability", "arguments": "{not json"}}])
show("tool args bad json string", vp("/webhooks/vapi/" + A, tc2, SA))
tc3 = msg("tool-calls", va, toolCallList=[{"id": "call_3", "type": "function", "function": {"name": "check_availability", "arguments": {"date": 5, "service": ["x"]}}}])
show("tool args wrong types", vp("/webhooks/vapi/" + A, tc3, SA))
tc4 = msg("tool-calls", va, toolCallList=[{"id": "call_%d" % i, "type": "function", "function": {"name": "no_such_tool", "arguments": {}}} for i in range(1000)])
show("1000 tool calls", vp("/webhooks/vapi/" + A, tc4, SA))
tc5 = msg("tool-calls", va, toolCallList=[{"id": None, "function": {"name": None}}, {}, 5, "x"])
show("tool items junk", vp("/webhooks/vapi/" + A, tc5, SA))
big = msg("transcript", va, role="user", transcriptType="final", transcript="w " * 400000)
show("transcript 800KB", vp("/webhooks/vapi/" + A, big, SA))
big2 = msg("transcript", va, role="user", transcriptType="final", transcript="w " * 600000)
show("transcript 1.2MB", vp("/webhooks/vapi/" + A, big2, SA))
ar = msg("assistant-request", str(uuid.uuid4())); ar["message"]["phoneNumber"] = {"number": "not-a-number"}; ar["message"]["call"]["phoneNumber"] = {"number": "garbage"}
show("assistant-request bad number", vp("/webhooks/vapi/" + A, ar, SA))
ar2 = msg("assistant-request", str(uuid.uuid4())); ar2["message"]["phoneNumber"] = {"number": "+15005550006"}
show("assistant-request A number on B path", vp("/webhooks/vapi/" + B, ar2, SB))
ar3 = msg("assistant-request", str(uuid.uuid4())); ar3["message"]["assistant"] = {"metadata": {"assistantId": api("/api/v1/assistants")[1][0]["id"], "tenantId": A}}
show("assistant-request metadata A asst on B path", vp("/webhooks/vapi/" + B, ar3, SB))
show("invalid utf8 body", vp("/webhooks/vapi/" + A, b'{"message":{"type":"transcript","transcript":"\xff\xfe"}}', SA))
show("deep nesting", vp("/webhooks/vapi/" + A, b'{"message":' + b'['*50000 + b']'*50000 + b'}', SA))
show("form body", vp("/webhooks/vapi/" + A, b"message=x", SA, ctype="application/x-www-form-urlencoded"))
for p in ["/webhooks/vapi/", "/webhooks/vapi/" + A + "/", "/webhooks/vapi//" + A, "/webhooks/vapi/" + A.upper(), "/webhooks/vapi/" + A + ";x", "/webhooks/vapi/%35" + A[1:], "/webhooks/vapi/" + A + "/extra", "/webhooks/vapi/" + A + "%2Fx", "/webhooks/vapi/" + A + "?tenant=" + B, "/webhooks/Vapi/" + A]:
    show(p[:50], vp(p, msg("transcript", str(uuid.uuid4()), role="user", transcriptType="final", transcript="hi"), SA))
show("GET vapi", post("/webhooks/vapi/" + A, b"", {}, method="GET"))
