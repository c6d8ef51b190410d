using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inspect.Kubernetes.TestServer.Validation;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>Metadata rules shared by every resource: names, timestamps, uids, finalizers.</summary>
internal static partial class ObjectMeta
{
    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>RFC 3339 with seconds, as metav1.Time serializes.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Metadata(JsonObject obj) => Json.Obj(obj, "metadata");

    public static string? Name(JsonObject obj) => Json.Str(obj, "metadata", "name");

    public static string? ResourceVersion(JsonObject obj) => Json.Str(obj, "metadata", "resourceVersion");

    public static List<string> Finalizers(JsonObject obj) =>
        Json.At(obj, "metadata", "finalizers") is JsonArray a ? [.. a.Select(f => f?.GetValue<string>() ?? "")] : [];

    public static bool Deleting(JsonObject obj) => Json.At(obj, "metadata", "deletionTimestamp") is not null;

    /// <summary>A name from generateName: the prefix plus five random lower-case alphanumerics.</summary>
    public static string Generate(string prefix)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return prefix + new string([.. Enumerable.Range(0, 5).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])]);
    }

    /// <summary>metadata.name checks of ValidateObjectMeta (DNS-1123 subdomain, at most 253 characters).</summary>
    public static void ValidateName(string? name, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else if (name.Length > 253)
        {
            errors.Add(FieldError.TooLong("metadata.name", 253));
        }
        else if (!Subdomain().IsMatch(name))
        {
            errors.Add(FieldError.Invalid("metadata.name", name, Dns1123SubdomainMessage));
        }
    }

    /// <summary>The parts of an object that make up its "spec" for generation purposes: all but metadata and status.</summary>
    public static JsonObject SpecPart(JsonObject obj)
    {
        var copy = Json.Clone(obj);
        copy.Remove("metadata");
        copy.Remove("status");
        copy.Remove("apiVersion");
        copy.Remove("kind");
        return copy;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
