from lib import *
import sys
results = []
def show(name, r):
    st, ct, b = r
    flag = "" if (st < 500 and (st < 400 or "problem+json" in ct)) else "   <<<<<"
    print("%-60s %s %-40s %s%s" % (name[:60], st, ct[:40], b[:110].decode(errors="replace").replace("\n"," "), flag))

base = {"CallSid": "CA" + "1"*32, "AccountSid": ACCOUNT, "From": "+15551230001", "To": "+15005550006", "CallStatus": "ringing", "Direction": "inbound"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
for path in ["/webhooks/twilio/voice", "/webhooks/twilio/status", "/webhooks/twilio/relay-action", "/webhooks/twilio/sms", "/webhooks/twilio/sms-status"]:
    show(path + " unsigned", post(path, form(base), FORM))
    show(path + " forged", post(path, form(base), dict(FORM, **{"X-Twilio-Signature": "AAAAAAAAAAAAAAAAAAAAAAAAAAA="})))
    show(path + " wrong-url sig", post(path, form(base), dict(FORM, **{"X-Twilio-Signature": sign(PUBLIC + "/other", base)})))
    show(path + " empty sig", post(path, form(base), dict(FORM, **{"X-Twilio-Signature": ""})))
    show(path + " garbage sig", post(path, form(base), dict(FORM, **{"X-Twilio-Signature": "%%%\u00e9"})))
    show(path + " bad percent", post(path, b"To=%zz&From=%", FORM))
    show(path + " bad percent signed?", post(path, b"To=%zz&From=%", dict(FORM, **{"X-Twilio-Signature": sign(PUBLIC+path, {})})))
    show(path + " invalid utf8", post(path, b"To=\xff\xfe&From=%ff", FORM))
    show(path + " GET", post(path, b"", {}, method="GET"))
    show(path + " PUT", post(path, form(base), FORM, method="PUT"))
    show(path + " json", post(path, b'{"CallSid":"x"}', {"Content-Type": "application/json"}))
    show(path + " no ctype", post(path, form(base), {}))
    show(path + " text/plain", post(path, form(base), {"Content-Type": "text/plain"}))
    show(path + " multipart", post(path, b"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n", {"Content-Type": "multipart/form-data; boundary=x"}))
    show(path + " empty body", post(path, b"", FORM))
    show(path + " dup keys", post(path, b"To=a&To=b&CallSid=c&CallSid=d", FORM))
    show(path + " key only", post(path, b"To&From&=x&&&", FORM))
    show(path + " 11MB", post(path, b"A=" + b"x"*(11*1024*1024), FORM))
    show(path + " 1MB value", post(path, form(dict(base, Body="x"*(1024*1024))), FORM))
    show(path + " 100k params", post(path, b"&".join(b"k%d=v" % i for i in range(100000)), FORM))
    for variant in [path + "/", path.replace("/webhooks", "//webhooks"), path.replace("twilio/", "twilio/./"), path.upper(), path + ";x=1", path + "%2F", path.replace("twilio/", "twilio%2F"), path[:-1] + "%" + "%02X" % ord(path[-1]), path + "?a=1&a=2", path + "#frag", path.replace("twilio", "x/../twilio")]:
        show(variant + " (signed over it)", signed_post(variant, base))
    print()

show("/webhooks", post("/webhooks", b"", FORM))
show("/webhooks/x", post("/webhooks/x", b"", FORM))
show("/webhooks/twilio", post("/webhooks/twilio", b"", FORM))
show("/webhooks/twilio/stream GET no upgrade", post("/webhooks/twilio/stream/a/b", b"", {}, method="GET"))
show("/webhooks/twilio/relay GET no upgrade", post("/webhooks/twilio/relay", b"", {}, method="GET"))
show("/webhooks/twilio/relay POST", post("/webhooks/twilio/relay", b"", FORM))
show("/webhooks/twilio/stream POST", post("/webhooks/twilio/stream/a/b", b"", FORM))
show("OPTIONS voice", post("/webhooks/twilio/voice", b"", {"Origin": "http://evil", "Access-Control-Request-Method": "POST"}, method="OPTIONS"))
show("HEAD voice", post("/webhooks/twilio/voice", b"", {}, method="HEAD"))
show("TRACE voice", post("/webhooks/twilio/voice", b"", {}, method="TRACE"))
