using System.IO.Compression;
using System.Security.Cryptography;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Storage;

/// <summary>
/// Stores a capture in a directory on the node, gzip-compressed under its artifact key with its JSON summary beside
/// it, and checksums what it wrote.
/// The operator has already resolved the path under its base directory (absolute paths and <c>..</c> refused); the
/// agent checks again that it stays under that directory before writing.
/// </summary>
public sealed class NodeDirectoryArtifactStore : IArtifactStore
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
        await using (var source = File.OpenRead(capture.SpoolPath))
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            await source.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
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

        string checksum;
        await using (var stored = File.OpenRead(target))
        {
            checksum = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(stored, cancellationToken).ConfigureAwait(false));
        }

        return new StoredArtifact($"file://{capture.NodeName}{target}", checksum, new FileInfo(target).Length);
    }
}
