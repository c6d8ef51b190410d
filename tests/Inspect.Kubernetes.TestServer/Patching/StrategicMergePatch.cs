using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Patching;

/// <summary>Strategic merge patch for the built-in types, simplified: objects merge like a JSON merge patch; lists of
/// objects that all carry <c>name</c> (containers, env, volumes, ports) or <c>type</c> (conditions) merge by that key;
/// other lists replace; the <c>$patch</c>, <c>$setElementOrder/</c>, <c>$retainKeys</c> and
/// <c>$deleteFromPrimitiveList/</c> directives are honoured or dropped. Without the Go structs' patch tags this
/// cannot be exact; it covers what <c>kubectl apply</c> and <c>kubectl patch</c> send for the resources served here.</summary>
public static class StrategicMergePatch
{
    private static readonly string[] MergeKeys = ["name", "type", "containerPort", "mountPath", "ip"];

    /// <summary>The target with the patch applied (the target is not changed).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        if (Json.Str(patchObject, "$patch") == "replace")
        {
            var replaced = (JsonObject)patchObject.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key is "$retainKeys" or "$patch")
            {
                continue;
            }

            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    result[field] = new JsonArray([.. list.Where(i => !remove.Any(r => JsonNode.DeepEquals(i, r))).Select(i => i?.DeepClone())]);
                }

                continue;
            }

            if (value is null || (value is JsonObject o && Json.Str(o, "$patch") == "delete"))
            {
                result.Remove(key);
            }
            else if (value is JsonArray patchList && result[key] is JsonArray current && MergeKey(current, patchList) is { } mergeKey)
            {
                result[key] = MergeLists(current, patchList, mergeKey);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }

    private static string? MergeKey(JsonArray current, JsonArray patch)
    {
        var items = current.Concat(patch).ToList();
        if (items.Count == 0 || !items.All(i => i is JsonObject))
        {
            return null;
        }

        return MergeKeys.FirstOrDefault(k => items.All(i => i is JsonObject o && (o.ContainsKey(k) || Json.Str(o, "$patch") is not null)));
    }

    private static JsonArray MergeLists(JsonArray current, JsonArray patch, string key)
    {
        var result = current.Select(i => i!.DeepClone()).Cast<JsonObject>().ToList();
        foreach (var item in patch.Cast<JsonObject>())
        {
            var id = item[key];
            var index = result.FindIndex(r => JsonNode.DeepEquals(r[key], id));
            if (Json.Str(item, "$patch") == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                result[index] = (JsonObject)Apply(result[index], item)!;
            }
            else
            {
                result.Add((JsonObject)Apply(null, item)!);
            }
        }

        return new JsonArray([.. result]);
    }
}
