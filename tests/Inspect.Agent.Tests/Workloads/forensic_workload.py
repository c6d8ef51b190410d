"""The scripted workload the end-to-end capture tests record.

Every step leaves a marker the tests look for in `sysdig -r` output: a file with known content written and read
back, known bytes sent over a loopback TCP connection, a child exec'd with known arguments, a rename and a delete.
Usage: forensic_workload.py DIRECTORY
"""
import os
import socket
import subprocess
import sys

FILE_PAYLOAD = b"INSPECT-FILE-PAYLOAD-0123456789"
NET_PAYLOAD = b"INSPECT-NET-PAYLOAD-abcdef"
CHILD_ARGS = ["inspect-child-arg-1", "inspect-child-arg-2"]

directory = sys.argv[1]
path = os.path.join(directory, "known.txt")

with open(path, "wb") as f:
    f.write(FILE_PAYLOAD)
with open(path, "rb") as f:
    assert f.read() == FILE_PAYLOAD

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)
port = server.getsockname()[1]
client = socket.create_connection(("127.0.0.1", port))
peer, _ = server.accept()
client.sendall(NET_PAYLOAD)
received = b""
while len(received) < len(NET_PAYLOAD):
    received += peer.recv(100)
assert received == NET_PAYLOAD
peer.close()
client.close()
server.close()

subprocess.run(["/bin/echo", *CHILD_ARGS], check=True, stdout=subprocess.DEVNULL)

renamed = path + ".renamed"
os.rename(path, renamed)
os.unlink(renamed)

print(port, flush=True)
