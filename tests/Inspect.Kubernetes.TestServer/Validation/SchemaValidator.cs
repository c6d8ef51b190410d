using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inspect.Kubernetes.TestServer.Validation;

/// <summary>Validates a value against a structural OpenAPI v3 schema with the API server's wording (kube-openapi's
/// messages converted by apiextensions' ConvertSchemaValidationErrors): type, required, enum, minimum/maximum,
/// length, items, pattern, format, list-map keys.</summary>
internal static class SchemaValidator
{
    public static void Validate(JsonNode? node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (node is null)
        {
            return;
        }

        var type = Json.Str(schema, "type");
        if (type is not null && !HasType(node, type, schema))
        {
            errors.Add(FieldError.TypeInvalid(path, TypeName(node), $"{path} in body must be of type {type}: \"{TypeName(node)}\""));
            return;
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, node)))
        {
            errors.Add(FieldError.NotSupported(path, node, values.Select(v => Json.Str(v) ?? v?.ToJsonString() ?? "null")));
        }

        switch (node)
        {
            case JsonObject o:
                ValidateObject(o, schema, path, errors);
                break;
            case JsonArray a:
                ValidateArray(a, schema, path, errors);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                ValidateString(v.GetValue<string>(), node, schema, path, errors);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                ValidateNumber(Json.Num(v), node, schema, path, errors);
                break;
        }
    }

    private static void ValidateObject(JsonObject o, JsonObject schema, string path, List<FieldError> errors)
    {
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (!o.ContainsKey(required) || o[required] is null)
            {
                errors.Add(FieldError.Required(SchemaWalker.Child(path, required)));
            }
        }

        Count(o.Count, schema, "minProperties", "maxProperties", "properties", node: o, path, errors);
        var declared = schema["properties"] as JsonObject;
        foreach (var (key, value) in o)
        {
            if (path.Length == 0 && key is "metadata" or "apiVersion" or "kind")
            {
                continue;
            }

            if (declared?[key] is JsonObject childSchema)
            {
                Validate(value, childSchema, SchemaWalker.Child(path, key), errors);
            }
            else if (schema["additionalProperties"] is JsonObject valueSchema)
            {
                Validate(value, valueSchema, SchemaWalker.Key(path, key), errors);
            }
        }
    }

    private static void ValidateArray(JsonArray a, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["maxItems"] is { } max && a.Count > Json.Int(max))
        {
            errors.Add(FieldError.TooMany(path, a.Count, Json.Int(max)));
        }

        if (schema["minItems"] is { } min && a.Count < Json.Int(min))
        {
            errors.Add(FieldError.Invalid(path, a.Count, $"{path} in body should have at least {Json.Int(min)} items"));
        }

        if (SchemaWalker.Items(schema) is { } items)
        {
            for (var i = 0; i < a.Count; i++)
            {
                Validate(a[i], items, SchemaWalker.Index(path, i), errors);
            }
        }

        if (Json.Str(schema, "x-kubernetes-list-type") is "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < a.Count; i++)
            {
                var id = new JsonObject();
                foreach (var k in keys.Select(k => k!.GetValue<string>()))
                {
                    id[k] = Json.At(a[i], k)?.DeepClone();
                }

                if (!seen.Add(id.ToJsonString()))
                {
                    errors.Add(FieldError.Duplicate(SchemaWalker.Index(path, i), id));
                }
            }
        }
        else if (Json.Str(schema, "x-kubernetes-list-type") is "set")
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < a.Count; i++)
            {
                if (!seen.Add(Json.Text(a[i])))
                {
                    errors.Add(FieldError.Duplicate(SchemaWalker.Index(path, i), a[i]));
                }
            }
        }
    }

    private static void ValidateString(string s, JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        var length = s.EnumerateRunes().Count();
        if (schema["maxLength"] is { } max && length > Json.Int(max))
        {
            errors.Add(FieldError.TooLong(path, Json.Int(max)));
        }

        if (schema["minLength"] is { } min && length < Json.Int(min))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should be at least {Json.Int(min)} chars long"));
        }

        if (Json.Str(schema, "pattern") is { } pattern && !Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should match '{pattern}'"));
        }

        if (Json.Str(schema, "format") is "date-time" &&
            !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body must be of type date-time: \"{s}\""));
        }
    }

    private static void ValidateNumber(double d, JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["maximum"] is { } max)
        {
            var exclusive = schema["exclusiveMaximum"]?.GetValue<bool>() == true;
            if (exclusive ? d >= Json.Num(max) : d > Json.Num(max))
            {
                errors.Add(FieldError.Invalid(path, node, $"{path} in body should be less than {(exclusive ? "" : "or equal to ")}{Number(max)}"));
            }
        }

        if (schema["minimum"] is { } min)
        {
            var exclusive = schema["exclusiveMinimum"]?.GetValue<bool>() == true;
            if (exclusive ? d <= Json.Num(min) : d < Json.Num(min))
            {
                errors.Add(FieldError.Invalid(path, node, $"{path} in body should be greater than {(exclusive ? "" : "or equal to ")}{Number(min)}"));
            }
        }
    }

    private static void Count(int count, JsonObject schema, string minKey, string maxKey, string noun, JsonNode node, string path, List<FieldError> errors)
    {
        if (schema[maxKey] is { } max && count > Json.Int(max))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should have at most {Json.Int(max)} {noun}"));
        }

        if (schema[minKey] is { } min && count < Json.Int(min))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should have at least {Json.Int(min)} {noun}"));
        }
    }

    private static string Number(JsonNode n) => Json.Num(n).ToString(CultureInfo.InvariantCulture);

    private static bool HasType(JsonNode node, string type, JsonObject schema) => type switch
    {
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            || (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true && IsInteger(node)),
        "integer" => IsInteger(node) || (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true && node is JsonValue s && s.GetValueKind() == JsonValueKind.String),
        "number" => node is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
        "boolean" => node is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        _ => true,
    };

    private static bool IsInteger(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Json.Num(v) is var d && d == Math.Floor(d);

    /// <summary>The JSON type of a value, as the type errors name it.</summary>
    public static string TypeName(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => IsInteger(node) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "null",
    };
}
