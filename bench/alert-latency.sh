#!/usr/bin/env bash
# Alert-to-capture latency on the real probe: one process (bench/Inspect.AlertLatency) holds the Kubernetes API test
# server, an agent host with the real probe and the operator with its Falco webhook. A workload runs in a pod-like
# cgroup that a CapturePolicy with preTrigger keeps armed; ALERTS alerts are posted one after another as Falcosidekick
# posts them, each timed until the webhook answered (the Capture exists) and until the Capture's status shows the node
# Capturing (the agent started recording and the operator wrote that back). Prints median, p95 and max. Needs root,
# a BTF kernel and `make -C native`; stays out of CI.
#
#   sudo bench/alert-latency.sh [ALERTS]     (default 20)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
alerts="${1:-20}"
if [[ $(id -u) -ne 0 ]]; then
  echo "alert-latency: needs root (the real eBPF probe)" >&2
  exit 2
fi
dotnet build "$root/bench/Inspect.AlertLatency" -c Release -v quiet -nologo >/dev/null
dotnet "$root/bench/Inspect.AlertLatency/bin/Release/net10.0/Inspect.AlertLatency.dll" "$root" "$alerts"
