using Inspect.Analysis.Events;
using Inspect.Analysis.State;

namespace Inspect.Analysis.Fields;

/// <summary>
/// The <c>k8s.*</c> family, as sysdig resolves it offline: from the labels CRI and dockershim put on containers
/// (io.kubernetes.pod.*); pod labels come from the pod's sandbox container.
/// </summary>
public static class K8sFields
{
    /// <summary>Every <c>k8s.*</c> field: name, type, print format, description and extraction.</summary>
    public static IReadOnlyList<FieldDefinition> Table { get; } =
    [
        new("k8s.pod.name", FieldType.CharBuf, FieldFormat.NotApplicable, "Kubernetes pod name",
            static (ref EventContext c) => Label(ref c, "io.kubernetes.pod.name")),
        new("k8s.pod.id", FieldType.CharBuf, FieldFormat.NotApplicable, "Kubernetes pod uid",
            static (ref EventContext c) => Label(ref c, "io.kubernetes.pod.uid")),
        new("k8s.pod.uid", FieldType.CharBuf, FieldFormat.NotApplicable, "Kubernetes pod uid (same as k8s.pod.id)",
            static (ref EventContext c) => Label(ref c, "io.kubernetes.pod.uid")),
        new("k8s.ns.name", FieldType.CharBuf, FieldFormat.NotApplicable, "Kubernetes namespace name",
            static (ref EventContext c) => Label(ref c, "io.kubernetes.pod.namespace")),
        new("k8s.ns.id", FieldType.CharBuf, FieldFormat.NotApplicable, "Kubernetes namespace uid; sysdig 0.29 learns it only from a live API server, so captures read offline have none",
            static (ref EventContext c) => FieldValue.Null),
        new("k8s.ns.labels", FieldType.CharBuf, FieldFormat.NotApplicable, "Kubernetes namespace labels; like k8s.ns.id, only known from a live API server",
            static (ref EventContext c) => FieldValue.Null),
        new("k8s.pod.label", FieldType.CharBuf, FieldFormat.NotApplicable, "one pod label: k8s.pod.label.KEY or k8s.pod.label[KEY]",
            FieldFlags.RequiresArgument, BindPodLabel) { ArgumentSyntax = ".KEY|[KEY]" },
        new("k8s.pod.labels", FieldType.CharBuf, FieldFormat.NotApplicable, "all pod labels as key:value, comma separated",
            static (ref EventContext c) => Sandbox(ref c) is { } s ? FieldValue.Of(string.Join(", ", s.Labels
                .Where(l => !l.Key.StartsWith("annotation.", StringComparison.Ordinal) && !l.Key.StartsWith("io.kubernetes.", StringComparison.Ordinal))
                .OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => l.Value.Length == 0 ? l.Key : l.Key + ":" + l.Value))) : FieldValue.Null),
    ];

    private static FieldValue Label(ref EventContext c, string key)
    {
        var info = Container(ref c);
        return info is not null && info.Labels.TryGetValue(key, out var v) ? FieldValue.Of(v) : FieldValue.Null;
    }

    private static ContainerInfo? Container(ref EventContext c) =>
        c.Thread is { ContainerId.Length: > 0 } t && c.Engine.Containers.Find(t.ContainerId) is { Labels.Count: > 0 } info ? info : null;

    private static ContainerInfo? Sandbox(ref EventContext c)
    {
        if (Container(ref c) is not { } info || !info.Labels.TryGetValue("io.kubernetes.sandbox.id", out var sandbox))
        {
            return null;
        }

        var id = sandbox.Length > 12 ? sandbox[..12] : sandbox;
        return c.Engine.Containers.Find(id) is { Labels.Count: > 0 } s ? s : null;
    }

    private static BoundField BindPodLabel(FieldDefinition d, string? argument)
    {
        if (argument is null || argument.Length < 2)
        {
            throw new FieldException("k8s.pod.label needs a key: k8s.pod.label.KEY or k8s.pod.label[KEY]");
        }

        var key = argument.StartsWith('[') ? argument[1..^1] : argument[1..];
        return new BoundField(d, d.Name + argument, (ref EventContext c) =>
            Sandbox(ref c) is { } s && s.Labels.TryGetValue(key, out var v) ? FieldValue.Of(v) : FieldValue.Null);
    }
}
