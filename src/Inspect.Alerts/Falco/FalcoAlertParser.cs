using System.Text.Json;
using Inspect.Analysis.Text;

namespace Inspect.Alerts.Falco;

/// <summary>
/// Reads the JSON body of one alert, from Falco's <c>http_output</c> or Falcosidekick's webhook. Required: <c>rule</c>,
/// <c>priority</c> and <c>time</c>; everything else is optional, unknown members are ignored (Falcosidekick adds
/// some), and each problem is reported as an <see cref="AlertRejectedException"/> naming the member.
/// </summary>
public static class FalcoAlertParser
{
    private const int MaxDepth = 16;

    /// <summary>Parses <paramref name="body"/> or throws <see cref="AlertRejectedException"/> saying what is wrong.</summary>
    public static FalcoAlert Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new AlertRejectedException(AlertRejection.MalformedJson, $"the body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AlertRejectedException(AlertRejection.MalformedJson, $"the body must be a JSON object, not {root.ValueKind}");
            }

            var rule = RequiredString(root, "rule");
            var priorityName = RequiredString(root, "priority");
            if (!FalcoPriorities.TryParse(priorityName, out var priority))
            {
                throw new AlertRejectedException(AlertRejection.InvalidField, $"\"priority\" is \"{priorityName}\", not one of Falco's priorities (Emergency ... Debug)");
            }

            var timeText = RequiredString(root, "time");
            if (!Rfc3339.TryParseNanoseconds(timeText, out var nanoseconds))
            {
                throw new AlertRejectedException(AlertRejection.InvalidField, $"\"time\" is \"{timeText}\", not an RFC 3339 time");
            }

            return new FalcoAlert
            {
                Time = Rfc3339.ToDateTimeOffset(nanoseconds),
                TimeNanoseconds = nanoseconds,
                Rule = rule,
                Priority = priority,
                Source = OptionalString(root, "source") ?? "",
                Hostname = OptionalString(root, "hostname") ?? "",
                Output = OptionalString(root, "output") ?? "",
                Uuid = OptionalString(root, "uuid") is { Length: > 0 } uuid ? uuid : null,
                Tags = Tags(root),
                OutputFields = OutputFields(root),
            };
        }
    }

    private static string RequiredString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new AlertRejectedException(AlertRejection.MissingField, $"\"{name}\" is missing; Falco alerts carry rule, priority and time");
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw new AlertRejectedException(AlertRejection.InvalidField, $"\"{name}\" must be a non-empty string");
        }

        return text;
    }

    private static string? OptionalString(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new AlertRejectedException(AlertRejection.InvalidField, $"\"{name}\" must be a string");

    private static string[] Tags(JsonElement root)
    {
        if (!root.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (tags.ValueKind != JsonValueKind.Array)
        {
            throw new AlertRejectedException(AlertRejection.InvalidField, "\"tags\" must be an array of strings");
        }

        var result = new string[tags.GetArrayLength()];
        var i = 0;
        foreach (var tag in tags.EnumerateArray())
        {
            result[i++] = tag.ValueKind == JsonValueKind.String
                ? tag.GetString()!
                : throw new AlertRejectedException(AlertRejection.InvalidField, $"\"tags\"[{i}] must be a string");
        }

        return result;
    }

    private static Dictionary<string, string?> OutputFields(JsonElement root)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!root.TryGetProperty("output_fields", out var members) || members.ValueKind == JsonValueKind.Null)
        {
            return fields;
        }

        if (members.ValueKind != JsonValueKind.Object)
        {
            throw new AlertRejectedException(AlertRejection.InvalidField, "\"output_fields\" must be an object");
        }

        foreach (var member in members.EnumerateObject())
        {
            // Falco writes numeric fields (proc.pid, evt.time) as numbers and missing values as null.
            fields[member.Name] = member.Value.ValueKind switch
            {
                JsonValueKind.String => member.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => member.Value.GetRawText(),
                _ => member.Value.GetRawText(),
            };
        }

        return fields;
    }
}
