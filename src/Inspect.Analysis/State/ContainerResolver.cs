using System.Text.Json;

namespace Inspect.Analysis.State;

/// <summary>
/// Finds the container of a thread from its cgroups, as sysdig 0.29 does offline, and keeps the containers described
/// by the capture's container metadata events.
/// </summary>
public sealed class ContainerResolver
{
    // (prefix, suffix) layouts per engine, tried in sysdig's order; an empty suffix means "to the end".
    private static readonly (string Prefix, string Suffix)[] Podman = [("/libpod-", ".scope")];
    private static readonly (string Prefix, string Suffix)[] Docker = [("/", ""), ("/docker-", ".scope")];
    private static readonly (string Prefix, string Suffix)[] Cri =
        [("/", ""), ("/crio-", ""), ("/cri-containerd-", ".scope"), ("/crio-", ".scope"), (":cri-containerd:", "")];

    private readonly Dictionary<string, ContainerInfo> _containers = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ContainerInfo> Containers => _containers;

    public ContainerInfo? Find(string id) => id.Length == 0 ? null : _containers.GetValueOrDefault(id);

    /// <summary>Sets the thread's container id from its cgroups; docker and podman ids register a bare container.</summary>
    public void Resolve(ThreadInfo thread)
    {
        foreach (var (_, path) in thread.Cgroups)
        {
            if (Match(path, Podman) is { } podman)
            {
                Register(thread, podman, 0);
                return;
            }

            if (Match(path, Docker) is { } docker)
            {
                Register(thread, docker, 0);
                return;
            }
        }

        foreach (var (_, path) in thread.Cgroups)
        {
            if (Match(path, Cri) is { } cri)
            {
                // Without a runtime socket the CRI engine only labels the thread.
                thread.ContainerId = cri;
                return;
            }
        }

        thread.ContainerId = "";
    }

    /// <summary>Adds (or replaces) a container described by a container JSON event.</summary>
    public ContainerInfo? AddFromJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("container", out var c) || c.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (c.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in l.EnumerateObject())
                {
                    labels[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.ToString();
                }
            }

            var info = new ContainerInfo
            {
                Id = Str(c, "id"),
                FullId = Str(c, "full_id"),
                Type = c.TryGetProperty("type", out var t) && t.TryGetInt32(out var ti) ? ti : 0,
                Name = Str(c, "name"),
                Image = Str(c, "image"),
                ImageId = Str(c, "imageid"),
                ImageRepo = Str(c, "imagerepo"),
                ImageTag = Str(c, "imagetag"),
                ImageDigest = Str(c, "imagedigest"),
                Privileged = c.TryGetProperty("privileged", out var pr) && pr.ValueKind == JsonValueKind.True,
                Ip = System.Net.IPAddress.TryParse(Str(c, "ip"), out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                    ? NetAddress.From(ip).V4Value : 0,
                Labels = labels,
            };
            _containers[info.Id] = info;
            return info;
        }
        catch (JsonException)
        {
            return null;
        }

        static string Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
    }

    internal void Clear() => _containers.Clear();

    private void Register(ThreadInfo thread, string id, int type)
    {
        thread.ContainerId = id;
        if (!_containers.ContainsKey(id))
        {
            _containers[id] = new ContainerInfo { Id = id, Type = type };
        }
    }

    private static string? Match(string path, (string Prefix, string Suffix)[] layouts)
    {
        foreach (var (prefix, suffix) in layouts)
        {
            var start = path.LastIndexOf(prefix, StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            start += prefix.Length;
            int end;
            if (suffix.Length == 0)
            {
                end = path.Length;
            }
            else
            {
                end = path.LastIndexOf(suffix, StringComparison.Ordinal);
                if (end < start)
                {
                    continue;
                }
            }

            var candidate = path.AsSpan(start, end - start);
            if (candidate.Length == 64 && IsHex(candidate))
            {
                return candidate[..12].ToString();
            }
        }

        return null;
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
