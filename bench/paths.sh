# Sourced by the benchmark scripts: sets `shared`, the folder with the sample captures and the oracles, which sits
# next to the clone or above it (a worktree is one level deeper), found the way the tests find it. Expects `root`.
shared="$root/../shared"
for candidate in "$root/.." "$root/../.." "$root/../../.."; do
  if [[ -d "$candidate/shared/scap-samples" ]]; then shared="$(cd "$candidate/shared" && pwd)"; break; fi
done
