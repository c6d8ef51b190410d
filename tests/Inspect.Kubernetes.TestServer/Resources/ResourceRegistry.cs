using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Resources;

/// <summary>The resources the server serves: the built-ins plus every established CustomResourceDefinition.</summary>
public sealed class ResourceRegistry
{
    private readonly object _gate = new();
    private List<ResourceType> _types = [.. BuiltInResources.All];

    /// <summary>A snapshot of every served type.</summary>
    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (_gate)
            {
                return _types;
            }
        }
    }

    /// <summary>The type served at group/version/plural, or null.</summary>
    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>Group/version pairs with at least one type, core first.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions() =>
        All.Select(t => (t.Group, t.Version)).Distinct();

    /// <summary>Serves (or re-serves) every version of a CustomResourceDefinition.</summary>
    public void Register(JsonObject crd)
    {
        crd = Json.Normalize(crd);
        var spec = crd["spec"] as JsonObject ?? throw new ArgumentException("CRD without spec", nameof(crd));
        var group = Json.Str(spec, "group")!;
        var names = (JsonObject)spec["names"]!;
        var plural = Json.Str(names, "plural")!;
        var served = new List<ResourceType>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }

            served.Add(new ResourceType
            {
                Group = group,
                Version = Json.Str(version, "name")!,
                Kind = Json.Str(names, "kind")!,
                Plural = plural,
                Namespaced = Json.Str(spec, "scope") != "Cluster",
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                StatusSubresource = Json.At(version, "subresources", "status") is not null,
                Custom = true,
                Schema = Json.At(version, "schema", "openAPIV3Schema")?.DeepClone() as JsonObject,
                PrinterColumns = version["additionalPrinterColumns"]?.DeepClone() as JsonArray,
                AllowUnconditionalUpdate = false,
                TracksGeneration = true,
            });
        }

        lock (_gate)
        {
            _types = [.. _types.Where(t => !(t.Custom && t.Group == group && t.Plural == plural)), .. served];
        }
    }

    /// <summary>Stops serving a CRD's resources.</summary>
    public void Unregister(string group, string plural)
    {
        lock (_gate)
        {
            _types = [.. _types.Where(t => !(t.Custom && t.Group == group && t.Plural == plural))];
        }
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? [.. a.Select(n => n?.GetValue<string>() ?? "")] : [];
}
