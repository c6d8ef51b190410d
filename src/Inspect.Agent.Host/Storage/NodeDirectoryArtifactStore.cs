using System.IO.Compression;
using System.Security.Cryptography;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Storage;

/// <summary>
/// Stores a capture in a directory on the node, gzip-compressed under its artifact key with its JSON summary beside
/// it, checksums the bytes as it writes them, then reads the file back (<see cref="NodeFileVerifier"/>): the operator
/// cannot reach the node's disk, so this agent is the one that says the file is there and sound. A file that does
/// not read back as written fails the store (the recording stays in the spool).
/// The operator has already resolved the path under its base directory (absolute paths and <c>..</c> refused); the
/// agent checks again that it stays under that directory before writing.
/// </summary>
public sealed class NodeDirectoryArtifactStore(TimeProvider clock) : IArtifactStore
{
    public string Name => "node-directory";

    public bool Accepts(ArtifactOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.LocationCase == ArtifactOutput.LocationOneofCase.NodeDirectory;
    }

    public async Task<StoredArtifact> StoreAsync(SpooledCapture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var output = capture.Request.Output.NodeDirectory;
        var directory = Path.GetFullPath(output.Directory);
        var target = Path.GetFullPath(output.ArtifactPath);
        if (!Path.IsPathRooted(output.Directory) || !target.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"artifact path {output.ArtifactPath} is not under the node directory {output.Directory}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Write beside the target and rename, so a reader never sees a half-written artifact under the final name.
        var partial = target + ".partial";
        string written;
        await using (var source = File.OpenRead(capture.SpoolPath))
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            // SHA-256 of the compressed bytes on their way to the disk: what the read-back must find.
            using var sha = SHA256.Create();
            await using (var hashing = new CryptoStream(file, sha, CryptoStreamMode.Write, leaveOpen: true))
            await using (var gzip = new GZipStream(hashing, CompressionLevel.Fastest, leaveOpen: true))
            {
                await source.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
            }

            written = "sha256:" + Convert.ToHexStringLower(sha.Hash!);
        }

        File.Move(partial, target, overwrite: true);
        if (capture.SummaryJson is not null && output.SummaryPath.Length > 0)
        {
            var summary = Path.GetFullPath(output.SummaryPath);
            if (!summary.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"summary path {output.SummaryPath} is not under the node directory {output.Directory}");
            }

            await File.WriteAllTextAsync(summary + ".partial", capture.SummaryJson, cancellationToken).ConfigureAwait(false);
            File.Move(summary + ".partial", summary, overwrite: true);
        }

        var check = NodeFileVerifier.Check(target, written, capture.NodeName, clock.GetUtcNow());
        if (!check.Verified)
        {
            throw new InvalidOperationException($"the stored file did not check out: {check.Verification.Detail}");
        }

        return new StoredArtifact($"file://{capture.NodeName}{target}", written, new FileInfo(target).Length, Verification: check.Verification);
    }
}
