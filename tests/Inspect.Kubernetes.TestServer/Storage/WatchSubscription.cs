using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Inspect.Kubernetes.TestServer.Storage;

/// <summary>A live watch: the events of one resource (optionally one namespace) whose objects pass a filter.
/// Objects entering the filter arrive as ADDED and objects leaving it as DELETED, as the real watch cache does.</summary>
public sealed class WatchSubscription(string key, string? ns, Func<JsonObject, bool> filter, Action<WatchSubscription> unsubscribe) : IDisposable
{
    private readonly Channel<(string Type, JsonObject Object)> _channel = Channel.CreateUnbounded<(string, JsonObject)>();

    /// <summary>Events ready for the client.</summary>
    public ChannelReader<(string Type, JsonObject Object)> Events => _channel.Reader;

    /// <summary>True when nothing is waiting to be sent.</summary>
    public bool Idle => _channel.Reader.Count == 0;

    internal void Offer(StoredEvent e)
    {
        if (e.Key != key || (ns is not null && e.Namespace != ns))
        {
            return;
        }

        var now = filter(e.Object);
        var before = e.Type switch
        {
            "MODIFIED" => e.Previous is not null && filter(e.Previous),
            "DELETED" => now,
            _ => false,
        };
        var type = e.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => now ? "DELETED" : null,
            _ => (before, now) switch
            {
                (true, true) => "MODIFIED",
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                _ => null,
            },
        };
        if (type is not null)
        {
            _channel.Writer.TryWrite((type, (JsonObject)e.Object.DeepClone()));
        }
    }

    internal void OfferInitial(JsonObject item)
    {
        if (filter(item))
        {
            _channel.Writer.TryWrite(("ADDED", (JsonObject)item.DeepClone()));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
