using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Cel;

/// <summary>One <c>x-kubernetes-validations</c> rule to evaluate with <c>self</c> bound to a value.</summary>
/// <param name="Rule">The CEL expression.</param>
/// <param name="Self">The value the rule's schema describes.</param>
/// <param name="OldSelf">The previous value on an update (transition rules), or null.</param>
public sealed record CelCheck(string Rule, JsonNode? Self, JsonNode? OldSelf = null)
{
    /// <summary>
    /// Instead of <c>self</c>: the variables an expression sees, by name (a ValidatingAdmissionPolicy's
    /// <c>object</c> and <c>oldObject</c>, null on a create).
    /// </summary>
    public JsonObject? Variables { get; init; }

    /// <summary>An expression over <paramref name="variables"/> (a ValidatingAdmissionPolicy validation).</summary>
    public static CelCheck Over(string expression, JsonObject variables) => new(expression, null) { Variables = variables };
}
