namespace Inspect.Analysis.Overview;

/// <summary>
/// Well-known server ports and the application protocol the overview's "Network Apps" tiles attribute their bytes to
/// (the wsysdig_summary chisel's services table).
/// </summary>
public static class ServicePorts
{
    private static readonly Dictionary<int, string> ByPort = Build();

    /// <summary>Every protocol with its ports, ordered by protocol name.</summary>
    public static IReadOnlyList<(string Protocol, IReadOnlyList<int> Ports)> Protocols { get; } =
        [.. ByPort.GroupBy(p => p.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (IReadOnlyList<int>)[.. g.Select(p => p.Key).Order()]))];

    /// <summary>The protocol served on <paramref name="port"/>, or null.</summary>
    public static string? Protocol(long port) => port is >= 0 and <= ushort.MaxValue ? ByPort.GetValueOrDefault((int)port) : null;

    private static Dictionary<int, string> Build()
    {
        var map = new Dictionary<int, string>
        {
            [80] = "HTTP",
            [8080] = "HTTP",
            [443] = "HTTPs",
            [22] = "SSH",
            [53] = "DNS",
            [6666] = "Sysdig Agent",
            [6667] = "Sysdig Agent",
            [6443] = "Sysdig Agent",
            [2379] = "etcd",
            [22379] = "etcd",
            [3306] = "mysql",
            [5432] = "postgres",
            [6379] = "redis",
            [5984] = "couchdb",
            [9880] = "fluentd",
            [8125] = "statsd",
            [4730] = "gearman",
            [50070] = "hadoop",
            [8020] = "hadoop",
            [9000] = "hadoop",
            [60000] = "hbase",
            [60010] = "hbase",
            [60020] = "hbase",
            [60030] = "hbase",
            [2181] = "kafka",
            [1978] = "Kyoto Tycoon",
            [11211] = "memcached",
            [27017] = "mongodb",
            [27018] = "mongodb",
            [27019] = "mongodb",
            [28017] = "mongodb",
            [5672] = "rabbitmq",
            [8087] = "riak",
            [8098] = "riak",
            [8983] = "solr",
            [5555] = "voltdb",
        };

        // Elasticsearch listens anywhere in a range of ports.
        for (var port = 9200; port <= 9400; port++)
        {
            map[port] = "elasticsearch";
        }

        return map;
    }
}
