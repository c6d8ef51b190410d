using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inspect.Crds.Generator;

/// <summary>Writes a JSON tree as block-style YAML, the way kubectl and controller-gen lay manifests out: two-space
/// indents, list items under their key, plain scalars where YAML reads them back as the same string, double quotes
/// (JSON escapes, which YAML accepts) everywhere else.</summary>
public static partial class YamlWriter
{
    private static readonly JsonSerializerOptions Quoting = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "",
    };

    /// <summary>The YAML text of <paramref name="node"/> (an object), ending in a newline.</summary>
    public static string Write(JsonObject node)
    {
        var text = new StringBuilder();
        WriteObject(text, node, 0);
        return text.ToString();
    }

    private static void WriteObject(StringBuilder text, JsonObject node, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (key, value) in node)
        {
            if (!(first && firstInline))
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append(Scalar(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    private static void WriteValue(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                text.Append(" {}\n");
                break;
            case JsonObject child:
                text.Append('\n');
                WriteObject(text, child, indent + 2);
                break;
            case JsonArray { Count: 0 }:
                text.Append(" []\n");
                break;
            case JsonArray list:
                text.Append('\n');
                WriteList(text, list, indent + 2);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder text, JsonArray list, int indent)
    {
        foreach (var item in list)
        {
            text.Append(' ', indent).Append("- ");
            switch (item)
            {
                case JsonObject { Count: > 0 } child:
                    WriteObject(text, child, indent + 2, firstInline: true);
                    break;
                case JsonArray { Count: > 0 } nested:
                    text.Append('\n');
                    WriteList(text, nested, indent + 2);
                    break;
                case JsonObject:
                    text.Append("{}\n");
                    break;
                case JsonArray:
                    text.Append("[]\n");
                    break;
                default:
                    text.Append(Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Scalar(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => Scalar(value.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            var kind => throw new NotSupportedException(kind.ToString()),
        };
    }

    private static string Scalar(string text) =>
        Plain().IsMatch(text) && !Reserved.Contains(text) && !LooksNumeric(text)
            ? text
            : JsonSerializer.Serialize(text, Quoting);

    private static bool LooksNumeric(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text.StartsWith("0x", StringComparison.Ordinal);

    /// <summary>Starts with a letter, digit, '/' or '.', then no ': ', ' #', quotes or flow indicators, no trailing space.</summary>
    [GeneratedRegex("^[A-Za-z0-9/._][A-Za-z0-9 ._/()'=,+-]*(?<! )$")]
    private static partial Regex Plain();
}
