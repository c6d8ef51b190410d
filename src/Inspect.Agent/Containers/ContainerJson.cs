using System.Text;
using System.Text.Json;

namespace Inspect.Agent.Containers;

/// <summary>
/// The JSON of a container metadata event (type 324), shaped like the one live sysdig writes:
/// <c>{"container":{"id":…,"full_id":…,"type":…,"name":…,"labels":{…},…}}</c>. sysdig reads <c>k8s.pod.name</c>,
/// <c>k8s.ns.name</c> and <c>k8s.pod.id</c> offline from the <c>io.kubernetes.pod.*</c> labels.
/// </summary>
public static class ContainerJson
{
    public const string PodNameLabel = "io.kubernetes.pod.name";
    public const string PodNamespaceLabel = "io.kubernetes.pod.namespace";
    public const string PodUidLabel = "io.kubernetes.pod.uid";
    public const string ContainerNameLabel = "io.kubernetes.container.name";

    /// <summary>Lookup state "successful": the metadata is final, readers need not wait for more.</summary>
    private const int LookupSuccessful = 1;

    public static string Build(ContainerCgroup container, PodMetadata? pod)
    {
        ArgumentNullException.ThrowIfNull(container);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("container");
            json.WriteString("id", container.Id);
            json.WriteString("full_id", container.FullId);
            json.WriteNumber("type", (int)container.Engine);
            json.WriteString("name", pod?.ContainerName ?? container.Id);
            json.WriteString("image", pod?.Image ?? "");
            json.WriteBoolean("privileged", false);
            json.WriteBoolean("is_pod_sandbox", false);
            json.WriteNumber("lookup_state", LookupSuccessful);
            json.WriteStartObject("labels");
            foreach (var (key, value) in Labels(pod))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static SortedDictionary<string, string> Labels(PodMetadata? pod)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (pod is null)
        {
            return labels;
        }

        foreach (var (key, value) in pod.Labels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        labels[PodUidLabel] = pod.Uid;
        AddIfKnown(labels, PodNameLabel, pod.Name);
        AddIfKnown(labels, PodNamespaceLabel, pod.Namespace);
        AddIfKnown(labels, ContainerNameLabel, pod.ContainerName);
        return labels;
    }

    private static void AddIfKnown(SortedDictionary<string, string> labels, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            labels[key] = value;
        }
    }
}
