using System.Text.Json;
using System.Text.Json.Nodes;
using Inspect.Crds.Common;

namespace Inspect.Cli.Cluster;

/// <summary>The Capture of <c>capture create -f FILE</c>: one YAML or JSON document of kind Capture. The API server
/// checks the rest against the CRD's schema and rules.</summary>
internal static class CaptureManifest
{
    /// <summary>The manifest and the namespace it goes to: its <c>metadata.namespace</c>, which must agree with an
    /// explicit <c>-n</c>, else <paramref name="defaultNamespace"/>.</summary>
    public static (JsonObject Manifest, string Namespace) Load(string file, TextReader stdin, string defaultNamespace, string? explicitNamespace)
    {
        var source = file == "-" ? "standard input" : file;
        string text;
        try
        {
            text = file == "-" ? stdin.ReadToEnd() : File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterException($"cannot read {source}: {e.Message}");
        }

        var documents = YamlJson.ReadDocuments(text, source);
        if (documents.Count != 1)
        {
            throw new ClusterException($"{source}: expected one Capture, found {documents.Count} documents");
        }

        var manifest = documents[0];
        var apiVersion = String(manifest, "apiVersion");
        var kind = String(manifest, "kind");
        if (kind != "Capture" || apiVersion != InspectNames.ApiVersion)
        {
            throw new ClusterException($"{source}: expected apiVersion {InspectNames.ApiVersion} and kind Capture, found {apiVersion ?? "no apiVersion"} and {kind ?? "no kind"}");
        }

        var metadata = manifest["metadata"] as JsonObject;
        if (metadata is null || String(metadata, "name") is not { Length: > 0 })
        {
            throw new ClusterException($"{source}: metadata.name is required");
        }

        var ns = defaultNamespace;
        if (String(metadata, "namespace") is { Length: > 0 } own)
        {
            if (explicitNamespace is not null && explicitNamespace != own)
            {
                throw new ClusterException($"{source}: the namespace of the object ({own}) does not match the namespace given with -n ({explicitNamespace})");
            }

            ns = own;
        }
        else
        {
            metadata["namespace"] = ns;
        }

        return (manifest, ns);
    }

    private static string? String(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
