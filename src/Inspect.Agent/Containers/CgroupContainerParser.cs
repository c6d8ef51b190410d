using System.Text.RegularExpressions;

namespace Inspect.Agent.Containers;

/// <summary>
/// Derives a container id from a cgroup path the way libsinsp 0.29 does (scap-format.md §4): for each engine layout
/// (prefix, suffix), take the last prefix and the last suffix; the text between them must be exactly 64 hex
/// characters. Engines are tried in sysdig's order (podman, docker, cri) so the id always agrees with what sysdig
/// derives from the same file.
/// </summary>
public static partial class CgroupContainerParser
{
    private const int FullIdLength = 64;

    private static readonly (string Prefix, string Suffix, ContainerEngine Engine)[] Layouts =
    [
        ("/libpod-", ".scope", ContainerEngine.Podman),
        ("/libpod-", ".scope/container", ContainerEngine.Podman),
        ("/docker-", ".scope", ContainerEngine.Docker),
        ("/cri-containerd-", ".scope", ContainerEngine.Containerd),
        ("/crio-", ".scope", ContainerEngine.CriO),
        ("/crio-", "", ContainerEngine.CriO),
        (":cri-containerd:", "", ContainerEngine.Containerd),

        // Matches any path ending in /<64 hex>: /docker/<id> and kubelet's cgroupfs /kubepods/.../pod<uid>/<id>.
        ("/", "", ContainerEngine.Docker),
    ];

    /// <summary>The container a cgroup path belongs to, or null for host cgroups.</summary>
    public static ContainerCgroup? Parse(string cgroupPath)
    {
        ArgumentNullException.ThrowIfNull(cgroupPath);
        foreach (var (prefix, suffix, engine) in Layouts)
        {
            if (TryMatch(cgroupPath, prefix, suffix) is { } fullId)
            {
                var podUid = PodUid(cgroupPath);
                return new ContainerCgroup(fullId, Refine(engine, podUid), cgroupPath, podUid);
            }
        }

        return null;
    }

    /// <summary>
    /// The pod uid in a kubelet cgroup path: <c>pod&lt;uid&gt;</c> (cgroupfs driver) or
    /// <c>kubepods-&lt;class&gt;-pod&lt;uid_with_underscores&gt;.slice</c> (systemd driver), always returned with dashes.
    /// </summary>
    public static string? PodUid(string cgroupPath)
    {
        ArgumentNullException.ThrowIfNull(cgroupPath);
        if (!cgroupPath.Contains("kubepods", StringComparison.Ordinal))
        {
            return null;
        }

        var match = PodSegment().Match(cgroupPath);
        return match.Success ? match.Groups["uid"].Value.Replace('_', '-') : null;
    }

    private static string? TryMatch(string path, string prefix, string suffix)
    {
        var start = path.LastIndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += prefix.Length;
        var end = suffix.Length == 0 ? path.Length : path.LastIndexOf(suffix, StringComparison.Ordinal);
        if (end - start != FullIdLength)
        {
            return null;
        }

        var id = path.AsSpan(start, FullIdLength);
        return id.ContainsAnyExcept(HexDigits) ? null : id.ToString();
    }

    // The ("/", "") layout is docker's in sysdig, but under kubepods it is a CRI runtime's container.
    private static ContainerEngine Refine(ContainerEngine engine, string? podUid) =>
        engine == ContainerEngine.Docker && podUid is not null ? ContainerEngine.Cri : engine;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    [GeneratedRegex(@"pod(?<uid>[0-9a-fA-F]{8}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{12})(\.slice)?([/:]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PodSegment();
}
