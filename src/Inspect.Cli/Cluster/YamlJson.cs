using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Inspect.Cli.Cluster;

/// <summary>Manifests in and out: YAML read with the 1.2 core schema as kubectl reads it (plain scalars that look like
/// numbers, booleans or null become them; quoted ones stay strings), and JSON written back as YAML for <c>-o yaml</c>.</summary>
internal static class YamlJson
{
    /// <summary>The non-empty documents of a YAML (or JSON) stream; <paramref name="source"/> names it in errors.</summary>
    public static List<JsonObject> ReadDocuments(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ClusterException($"{source}: line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }

        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            switch (ToJson(document.RootNode))
            {
                case JsonObject o:
                    documents.Add(o);
                    break;
                case null:
                    break;
                default:
                    throw new ClusterException($"{source}: line {document.RootNode.Start.Line}: a document must be an object (apiVersion, kind, metadata, spec)");
            }
        }

        return documents;
    }

    /// <summary>The YAML form of a JSON value, block style, keys in their JSON order.</summary>
    public static string Write(JsonNode node)
    {
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();

        // YamlStream ends every document with "..."; kubectl's output has no document markers.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
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
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }

    private static YamlNode ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var map = new YamlMappingNode();
                foreach (var (key, value) in o)
                {
                    map.Add(new YamlScalarNode(key), ToYaml(value));
                }

                return map;
            case JsonArray a:
                var sequence = new YamlSequenceNode();
                foreach (var item in a)
                {
                    sequence.Add(ToYaml(item));
                }

                return sequence;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();

                // A string that would read back as something else (a number, a boolean, null, or YAML syntax) is quoted.
                var plain = text.Length > 0 && Scalar(new YamlScalarNode(text)) is JsonValue back && back.GetValueKind() == JsonValueKind.String
                    && !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal) && !"-?:,[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal)
                    && text.Trim() == text && !text.Contains('\n', StringComparison.Ordinal);
                return new YamlScalarNode(text) { Style = plain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };
            case null:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
            default:
                return new YamlScalarNode(node.ToJsonString()) { Style = ScalarStyle.Plain };
        }
    }
}
