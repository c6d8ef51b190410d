namespace Inspect.Cli.Cluster;

/// <summary>A cluster verb could not do its work (no cluster, refused, not found): one line on stderr, exit 1.</summary>
internal sealed class ClusterException(string message) : Exception(message);
