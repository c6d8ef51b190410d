using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Storage;

/// <summary>One committed change, as kept in the watch history.</summary>
/// <param name="Rv">The resourceVersion the change was committed at.</param>
/// <param name="Type">ADDED, MODIFIED or DELETED.</param>
/// <param name="Key">The resource's storage key (<c>captures.inspect.dev</c>).</param>
/// <param name="Namespace">The object's namespace, or null.</param>
/// <param name="Object">The object after the change (for DELETED: its last state, at the deletion's version).</param>
/// <param name="Previous">The object before a MODIFIED change, so selector transitions can be told.</param>
public sealed record StoredEvent(long Rv, string Type, string Key, string? Namespace, JsonObject Object, JsonObject? Previous);
