using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;

namespace Inspect.Kubernetes.TestServer.Storage;

/// <summary>The server's etcd: objects by resource, namespace and name, one global resourceVersion counter, a
/// bounded history of changes for watches, and compaction (which makes older versions answer 410 Gone).
/// Callers hold <see cref="Gate"/> around read-modify-write sequences.</summary>
public sealed class ObjectStore(int historyLimit)
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredEvent> _history = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private long _rv = 100;
    private long _compactedRv;

    /// <summary>The lock around every read-modify-write.</summary>
    public object Gate { get; } = new();

    /// <summary>The newest committed resourceVersion.</summary>
    public long CurrentRv
    {
        get
        {
            lock (Gate)
            {
                return _rv;
            }
        }
    }

    /// <summary>Versions at or below this one are gone from the history.</summary>
    public long CompactedRv
    {
        get
        {
            lock (Gate)
            {
                return _compactedRv;
            }
        }
    }

    /// <summary>A copy of the stored object, or null.</summary>
    public JsonObject? Get(string key, string? ns, string name)
    {
        lock (Gate)
        {
            return _objects.TryGetValue(key, out var byName) && byName.TryGetValue(Id(ns, name), out var o) ? Json.Clone(o) : null;
        }
    }

    /// <summary>Copies of the stored objects of a resource (in one namespace, or all), in name order, with the
    /// resourceVersion of the snapshot.</summary>
    public (List<JsonObject> Items, long Rv) List(string key, string? ns)
    {
        lock (Gate)
        {
            var items = _objects.TryGetValue(key, out var byName)
                ? byName.Values.Where(o => ns is null || Json.Str(o, "metadata", "namespace") == ns).Select(Json.Clone).ToList()
                : [];
            return (items, _rv);
        }
    }

    /// <summary>Stores an object at a new resourceVersion (set in its metadata) and tells the watchers.</summary>
    public JsonObject Put(string key, JsonObject obj, bool created, JsonObject? previous)
    {
        lock (Gate)
        {
            obj = Json.Normalize(obj);
            var metadata = Json.Obj(obj, "metadata");
            metadata["resourceVersion"] = (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var ns = Json.Str(metadata, "namespace");
            var name = Json.Str(metadata, "name")!;
            if (!_objects.TryGetValue(key, out var byName))
            {
                _objects[key] = byName = new(StringComparer.Ordinal);
            }

            byName[Id(ns, name)] = Json.Clone(obj);
            Record(new StoredEvent(_rv, created ? "ADDED" : "MODIFIED", key, ns, Json.Clone(obj), previous));
            return obj;
        }
    }

    /// <summary>Removes an object; its DELETED event carries the last state (or <paramref name="finalState"/>, e.g.
    /// without the finalizer whose removal deleted it) at a new resourceVersion.</summary>
    public JsonObject? Remove(string key, string? ns, string name, JsonObject? finalState = null)
    {
        lock (Gate)
        {
            if (!_objects.TryGetValue(key, out var byName) || !byName.Remove(Id(ns, name), out var stored))
            {
                return null;
            }

            var obj = finalState is null ? stored : Json.Clone(finalState);

            Json.Obj(obj, "metadata")["resourceVersion"] = (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Record(new StoredEvent(_rv, "DELETED", key, ns, Json.Clone(obj), null));
            return obj;
        }
    }

    /// <summary>Drops the whole history, as etcd compaction does: watches from any older version get 410 Gone.</summary>
    public void Compact()
    {
        lock (Gate)
        {
            _history.Clear();
            _compactedRv = _rv;
        }
    }

    /// <summary>Starts a watch. With <paramref name="sinceRv"/> the changes after it are replayed first (410 Gone when
    /// they were compacted away); without it every current object arrives as ADDED first.</summary>
    public WatchSubscription Subscribe(string key, string? ns, Func<JsonObject, bool> filter, long? sinceRv)
    {
        lock (Gate)
        {
            if (sinceRv is { } since && since < _compactedRv)
            {
                throw ApiException.Expired(since, _compactedRv + 1);
            }

            var subscription = new WatchSubscription(key, ns, filter, Unsubscribe);
            if (sinceRv is { } from)
            {
                foreach (var e in _history.Where(e => e.Rv > from))
                {
                    subscription.Offer(e);
                }
            }
            else if (_objects.TryGetValue(key, out var byName))
            {
                foreach (var o in byName.Values.Where(o => ns is null || Json.Str(o, "metadata", "namespace") == ns))
                {
                    subscription.OfferInitial(o);
                }
            }

            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>The version a bookmark may report for a watcher: the current one, when the watcher has been sent
    /// everything; null while events are still queued for it.</summary>
    public long? BookmarkRv(WatchSubscription subscription)
    {
        lock (Gate)
        {
            return subscription.Idle ? _rv : null;
        }
    }

    private void Record(StoredEvent e)
    {
        _history.AddLast(e);
        while (_history.Count > historyLimit)
        {
            _compactedRv = _history.First!.Value.Rv;
            _history.RemoveFirst();
        }

        foreach (var s in _subscriptions)
        {
            s.Offer(e);
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (Gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private static string Id(string? ns, string name) => ns is null ? name : ns + "/" + name;
}
