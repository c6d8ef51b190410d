using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using Inspect.Agent.Host.Captures;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Storage;

/// <summary>
/// Reads a node-directory artifact back from the node's disk and checks it, for the operator, which cannot reach the
/// node's disk: its SHA-256 must be the checksum the agent reports, and the whole file must read as a .scap capture
/// (the summary computed on the way gives the headline tiles). The same check runs after writing the file and when a
/// restarted agent finds a file an earlier process stored, so status says what is on the node, not what was meant to be.
/// </summary>
public static class NodeFileVerifier
{
    /// <summary>The result of reading <paramref name="path"/> back.</summary>
    /// <param name="path">The stored (gzip-compressed) artifact.</param>
    /// <param name="expectedChecksum"><c>sha256:&lt;hex&gt;</c> the file must have.</param>
    /// <param name="node">The node, for the message.</param>
    /// <param name="now">When it was checked.</param>
    public static NodeFileCheck Check(string path, string expectedChecksum, string node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(expectedChecksum);
        if (!File.Exists(path))
        {
            return Failed($"{path} is not on node {node} anymore (removed or moved since it was stored)", now);
        }

        string actual;
        using (var file = File.OpenRead(path))
        {
            actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(file));
        }

        if (actual != expectedChecksum)
        {
            return Failed($"{path} on node {node} reads back with {actual}, not {expectedChecksum} as stored: it was changed or damaged", now);
        }

        try
        {
            var (json, tiles) = CaptureSummarizer.Summarize(path);
            var detail = $"read back from {path} by the agent on node {node}: SHA-256 as stored, and the whole file reads as a .scap capture ({tiles.Events} events)";
            return new NodeFileCheck(new ArtifactVerification { Verified = true, VerifiedAt = Timestamp.FromDateTimeOffset(now), Detail = detail }, tiles, json);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException)
        {
            return Failed($"{path} on node {node} has the stored SHA-256 but does not read as a .scap capture: {e.Message}", now);
        }
    }

    private static NodeFileCheck Failed(string detail, DateTimeOffset now) =>
        new(new ArtifactVerification { Verified = false, VerifiedAt = Timestamp.FromDateTimeOffset(now), Detail = detail }, null, null);
}

/// <summary>What reading a node-directory artifact back found.</summary>
/// <param name="Verification">Verified or not, when, and what was checked.</param>
/// <param name="Tiles">The headline tiles of the file; null when it did not check out.</param>
/// <param name="SummaryJson">The file's full summary; null when it did not check out.</param>
public sealed record NodeFileCheck(ArtifactVerification Verification, SummaryTiles? Tiles, string? SummaryJson)
{
    /// <summary>The file is what was stored, and readable.</summary>
    public bool Verified => Verification.Verified;
}
