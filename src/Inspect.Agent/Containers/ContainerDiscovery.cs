using System.Text;

namespace Inspect.Agent.Containers;

/// <summary>
/// Remembers which containers a capture has described already and recognises new ones, from /proc cgroup paths at
/// start and from the cgroups parameter of clone and execve events during the capture. Called on the event path, so
/// the common case (the same cgroups as the previous process event) costs one span comparison and no allocation.
/// </summary>
public sealed class ContainerDiscovery
{
    private readonly HashSet<string> _seenCgroupLists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _knownContainers = new(StringComparer.Ordinal);
    private byte[] _lastCgroupList = [];

    /// <summary>Containers described so far.</summary>
    public int Count => _knownContainers.Count;

    /// <summary>The containers among <paramref name="cgroupPaths"/> not seen before.</summary>
    public List<ContainerCgroup> Observe(IEnumerable<string> cgroupPaths)
    {
        ArgumentNullException.ThrowIfNull(cgroupPaths);
        var found = new List<ContainerCgroup>();
        foreach (var path in cgroupPaths)
        {
            if (CgroupContainerParser.Parse(path) is { } container && _knownContainers.Add(container.FullId))
            {
                found.Add(container);
            }
        }

        return found;
    }

    /// <summary>
    /// The new containers in a cgroups event parameter (<c>subsys=path</c> strings, each NUL-terminated), or null when
    /// there are none.
    /// </summary>
    public List<ContainerCgroup>? ObserveCgroupList(ReadOnlySpan<byte> cgroupList)
    {
        if (cgroupList.SequenceEqual(_lastCgroupList))
        {
            return null;
        }

        _lastCgroupList = cgroupList.ToArray();
        var text = Encoding.UTF8.GetString(cgroupList);
        if (!_seenCgroupLists.Add(text))
        {
            return null;
        }

        var found = Observe(PathsOf(text));
        return found.Count == 0 ? null : found;
    }

    private static IEnumerable<string> PathsOf(string cgroupList)
    {
        foreach (var entry in cgroupList.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0 ? entry : entry[(equals + 1)..];
        }
    }
}
