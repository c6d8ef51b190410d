using Inspect.Analysis.Events;
using Inspect.Analysis.State;

namespace Inspect.Analysis.Fields;

/// <summary>The <c>container.*</c> family: the container of the event's process ("host" outside containers).</summary>
public static class ContainerFields
{
    /// <summary>Every <c>container.*</c> field: name, type, print format, description and extraction.</summary>
    public static IReadOnlyList<FieldDefinition> Table { get; } =
    [
        new("container.id", FieldType.CharBuf, FieldFormat.NotApplicable, "container id (12 hex characters), or 'host'",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.ContainerId.Length == 0 ? "host" : t.ContainerId) : FieldValue.Null),
        new("container.name", FieldType.CharBuf, FieldFormat.NotApplicable, "container name, or 'host'",
            static (ref EventContext c) => Host(ref c, "host", static i => i.Name)),
        new("container.image", FieldType.CharBuf, FieldFormat.NotApplicable, "container image, e.g. nginx:1.25",
            static (ref EventContext c) => Host(ref c, null, static i => i.Image)),
        new("container.image.id", FieldType.CharBuf, FieldFormat.NotApplicable, "container image id",
            static (ref EventContext c) => Host(ref c, null, static i => i.ImageId)),
        new("container.image.repository", FieldType.CharBuf, FieldFormat.NotApplicable, "container image repository",
            static (ref EventContext c) => Host(ref c, null, static i => i.ImageRepo)),
        new("container.image.tag", FieldType.CharBuf, FieldFormat.NotApplicable, "container image tag",
            static (ref EventContext c) => Host(ref c, null, static i => i.ImageTag)),
        new("container.image.digest", FieldType.CharBuf, FieldFormat.NotApplicable, "container image registry digest",
            static (ref EventContext c) => Host(ref c, null, static i => i.ImageDigest)),
        new("container.type", FieldType.CharBuf, FieldFormat.NotApplicable, "container engine: docker, cri, containerd, cri-o, podman, ... or 'host'",
            static (ref EventContext c) => Host(ref c, "host", static i => i.TypeName)),
        new("container.privileged", FieldType.Bool, FieldFormat.NotApplicable, "true for privileged containers",
            static (ref EventContext c) => c.Thread is { ContainerId.Length: > 0 } t && c.Engine.Containers.Find(t.ContainerId) is { } i
                ? FieldValue.Of(i.Privileged) : FieldValue.Null),
    ];

    // Outside containers: hostValue; inside: the container's value, or none when it is unknown or empty.
    private static FieldValue Host(ref EventContext c, string? hostValue, Func<ContainerInfo, string> pick)
    {
        if (c.Thread is not { } t)
        {
            return FieldValue.Null;
        }

        if (t.ContainerId.Length == 0)
        {
            return FieldValue.Of(hostValue);
        }

        var info = c.Engine.Containers.Find(t.ContainerId);
        var value = info is null ? "" : pick(info);
        return value.Length == 0 ? FieldValue.Null : FieldValue.Of(value);
    }
}
