using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Validation;

namespace Inspect.Kubernetes.TestServer.Cel;

/// <summary>Finds every <c>x-kubernetes-validations</c> rule that applies to an object (the rule's schema has a value
/// in the object), evaluates them in one batch, and words the failures as the API server does:
/// <c>spec.targets: Invalid value: "object": exactly one of ...</c>.</summary>
public static class CelRuleCollector
{
    /// <summary>Appends an error for each failing rule.</summary>
    public static void Validate(JsonObject obj, JsonObject schema, JsonObject? old, ICelEvaluator evaluator, List<FieldError> errors)
    {
        var found = new List<(string Path, string Type, JsonObject Rule, CelCheck Check)>();
        Collect(obj, old, schema, "", found);
        if (found.Count == 0)
        {
            return;
        }

        var outcomes = evaluator.Evaluate([.. found.Select(f => f.Check)]);
        for (var i = 0; i < found.Count; i++)
        {
            var (path, type, rule, _) = found[i];
            var outcome = outcomes[i];
            if (outcome.Passed)
            {
                continue;
            }

            var field = Json.Str(rule, "fieldPath") is { } fieldPath ? path + fieldPath : path;
            var message = outcome.Error is not null
                ? $"rule evaluation error: {outcome.Error}"
                : Json.Str(rule, "message") ?? $"failed rule: {Json.Str(rule, "rule")}";
            errors.Add(FieldError.Invalid(field, type, message));
        }
    }

    private static void Collect(JsonNode? node, JsonNode? old, JsonObject schema, string path, List<(string, string, JsonObject, CelCheck)> found)
    {
        if (node is null)
        {
            return;
        }

        foreach (var rule in (schema["x-kubernetes-validations"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var text = Json.Str(rule, "rule") ?? "";
            if (text.Contains("oldSelf", StringComparison.Ordinal) && old is null)
            {
                continue;
            }

            found.Add((path, Json.Str(schema, "type") ?? "object", rule, new CelCheck(text, node, old)));
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (path.Length == 0 && key is "metadata" or "apiVersion" or "kind")
                    {
                        continue;
                    }

                    var declared = Json.At(schema, "properties", key) as JsonObject;
                    var child = declared ?? schema["additionalProperties"] as JsonObject;
                    if (child is not null)
                    {
                        var childPath = declared is not null ? SchemaWalker.Child(path, key) : SchemaWalker.Key(path, key);
                        Collect(value, (old as JsonObject)?[key], child, childPath, found);
                    }
                }

                break;
            case JsonArray a when SchemaWalker.Items(schema) is { } items:
                for (var i = 0; i < a.Count; i++)
                {
                    Collect(a[i], null, items, SchemaWalker.Index(path, i), found);
                }

                break;
        }
    }
}
