namespace Inspect.Analysis.Overview;

/// <summary>
/// What one timeline sample has counted so far: a number per fixed tile, bytes per protocol, events per docker event
/// name, and the distinct keys behind the tiles that count distinct things within the sample.
/// </summary>
internal sealed class IntervalCounters
{
    public double[] Values { get; } = new double[OverviewCatalog.Fixed.Count];

    public double[] ProtocolBytes { get; } = new double[ServicePorts.Protocols.Count];

    /// <summary>Docker events by name; a name stays (at zero) once seen, as the chisel keeps its category.</summary>
    public Dictionary<string, double> DockerEvents { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FilesWritten { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SystemFilesWritten { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts <paramref name="key"/> once per sample into <paramref name="tile"/>'s value.</summary>
    public void CountDistinct(HashSet<string> set, int tile, string? key)
    {
        if (key is not null && set.Add(key))
        {
            Values[tile]++;
        }
    }

    /// <summary>Starts the next sample. Listening ports are a state, not a count: the caller keeps them.</summary>
    public void Reset()
    {
        Array.Clear(Values);
        Array.Clear(ProtocolBytes);
        foreach (var name in DockerEvents.Keys)
        {
            DockerEvents[name] = 0;
        }

        Files.Clear();
        FilesWritten.Clear();
        SystemFilesWritten.Clear();
        Connections.Clear();
    }
}
