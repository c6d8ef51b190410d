using Inspect.Scap.Events;
using Inspect.Scap.Writing;

namespace Inspect.Agent.Containers;

/// <summary>
/// Encodes container metadata events (CONTAINER_JSON_2_E, type 324, thread id -1, one CHARBUF of JSON) with the pod
/// metadata a <see cref="IPodMetadataSource"/> finds for the container.
/// </summary>
public sealed class ContainerEventFactory(IPodMetadataSource pods) : IDisposable
{
    private readonly ScapEventBuilder _builder = new();

    /// <summary>The encoded event; valid until the next call.</summary>
    public ReadOnlySpan<byte> Build(ContainerCgroup container, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(container);
        var json = ContainerJson.Build(container, pods.Find(container));
        return _builder.Begin(EventTable.ContainerJson2, timestampNs, -1).Path(json).Build();
    }

    public void Dispose() => _builder.Dispose();
}
