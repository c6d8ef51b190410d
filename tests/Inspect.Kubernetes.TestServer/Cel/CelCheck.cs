using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Cel;

/// <summary>One <c>x-kubernetes-validations</c> rule to evaluate with <c>self</c> bound to a value.</summary>
/// <param name="Rule">The CEL expression.</param>
/// <param name="Self">The value the rule's schema describes.</param>
/// <param name="OldSelf">The previous value on an update (transition rules), or null.</param>
public sealed record CelCheck(string Rule, JsonNode? Self, JsonNode? OldSelf = null);
