"""Sends secrets over a loopback TCP connection and runs a command with a password argument.

Used by RedactionEndToEndTests: the secrets are random on every run; they are printed at the end, hex-encoded, so
that the test knows them while the capture (which records this very write to stdout) does not hold them in clear.
"""
import base64
import json
import secrets
import socket
import string
import subprocess
import threading


def rand(alphabet, n):
    return "".join(secrets.choice(alphabet) for _ in range(n))


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


bearer = rand(string.ascii_letters + string.digits, 32)
jwt = b64url({"alg": "HS256", "typ": "JWT"}) + "." + b64url({"sub": rand(string.ascii_lowercase, 12)}) + "." + rand(string.ascii_letters + string.digits + "-_", 43)
aws_key_id = "AKIA" + rand(string.ascii_uppercase + string.digits, 16)
aws_secret = rand(string.ascii_letters + string.digits + "/+", 40)
password = rand(string.ascii_letters + string.digits, 16)

request = f"GET /private HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {bearer}\r\nAccept: */*\r\n\r\n"
keys = f"jwt {jwt} key={aws_key_id} AWS_SECRET_ACCESS_KEY={aws_secret} end\n"

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)


def serve():
    conn, _ = server.accept()
    while conn.recv(4096):
        pass
    conn.close()


listener = threading.Thread(target=serve)
listener.start()
client = socket.create_connection(server.getsockname())
client.sendall(request.encode())
client.sendall(keys.encode())
client.close()
listener.join()

subprocess.run(["/bin/true", "--password", password], check=True)

found = {"bearer": bearer, "jwt": jwt, "aws_key_id": aws_key_id, "aws_secret": aws_secret, "password": password,
         "request": request, "keys": keys}
print(json.dumps({k: v.encode().hex() for k, v in found.items()}), flush=True)
