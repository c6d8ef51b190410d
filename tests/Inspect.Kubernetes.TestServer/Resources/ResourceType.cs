using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Resources;

/// <summary>One served resource: where it lives in the URL space and how it behaves.</summary>
public sealed record ResourceType
{
    /// <summary>API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>Served version.</summary>
    public required string Version { get; init; }

    /// <summary>Kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Lower-case plural (URL segment).</summary>
    public required string Plural { get; init; }

    /// <summary>Lower-case singular.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>True for namespaced resources.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>Short names for kubectl.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories for kubectl (<c>kubectl get all</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Served verbs.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>True when <c>/status</c> is a subresource: the main endpoint ignores status, <c>/status</c> changes
    /// only status.</summary>
    public bool StatusSubresource { get; init; }

    /// <summary>True for custom resources (structural schema, generation, strict rv on update).</summary>
    public bool Custom { get; init; }

    /// <summary>The openAPIV3Schema of a custom resource.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>additionalPrinterColumns of a custom resource.</summary>
    public JsonArray? PrinterColumns { get; init; }

    /// <summary>Fields usable in field selectors besides metadata.name and metadata.namespace.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    /// <summary>True when updates without metadata.resourceVersion are allowed (unconditional updates).</summary>
    public bool AllowUnconditionalUpdate { get; init; } = true;

    /// <summary>True when spec changes bump metadata.generation.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>True when the resource is only ever created (reviews), never stored.</summary>
    public bool CreateOnly { get; init; }

    /// <summary><c>group/version</c>, or <c>v1</c> for core.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The storage key, version-independent: <c>plural.group</c>.</summary>
    public string Key => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>How errors name the resource: <c>captures.inspect.dev</c> or <c>pods</c>.</summary>
    public string QualifiedName => Key;
}
