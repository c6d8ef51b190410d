using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge key by key, null deletes, everything else replaces.</summary>
public static class JsonMergePatch
{
    /// <summary>The target with the patch applied (the target is not changed).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }
}
