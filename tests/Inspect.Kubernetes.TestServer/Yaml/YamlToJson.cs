using System.Globalization;
using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Inspect.Kubernetes.TestServer.Yaml;

/// <summary>YAML (1.2 core schema, as sigs.k8s.io/yaml reads it) to JSON nodes: plain scalars become numbers,
/// booleans or null when they look like one, quoted scalars stay strings. The server keeps its own reader rather than
/// sharing the command line's (src/Inspect.Cli/Cluster/YamlJson.cs): a shared one would hide a mistake in it from the
/// tests that send the CLI's manifests here.</summary>
public static class YamlToJson
{
    /// <summary>Every document of a multi-document stream that is not empty.</summary>
    public static List<JsonObject> ParseDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonObject>().Select(Json.Normalize)];
    }

    /// <summary>One object (JSON is YAML too); 400 when it is not one.</summary>
    public static JsonObject ParseObject(string text)
    {
        try
        {
            return ParseDocuments(text).FirstOrDefault() ?? throw ApiException.BadRequest("the YAML document is not an object");
        }
        catch (YamlException e)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", Convert(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !text.Contains(' ', StringComparison.Ordinal) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }
}
