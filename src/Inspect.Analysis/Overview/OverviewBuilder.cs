using System.Globalization;
using Inspect.Analysis.State;

namespace Inspect.Analysis.Overview;

/// <summary>
/// Computes Sysdig Inspect's overview in one streaming pass, as an <see cref="EventPipeline"/> consumer: give the
/// pipeline's <see cref="EventPipeline.Clock"/> to <see cref="Tick"/> and its sink to <see cref="Add"/>, then call
/// <see cref="Build"/>. Memory is a few counters per tile and sample, plus the distinct keys of the tiles that count
/// distinct things (files, connections, processes, containers, ports).
/// </summary>
/// <remarks>
/// The span is cut into <see cref="OverviewOptions.BaseSamples"/> - 1 intervals of floor(duration / 399) ns starting at
/// the first event, exactly as the wsysdig_summary chisel's precise interval timer does, so every sample holds the
/// same events as the chisel's; the last sample runs to the end of the capture.
/// </remarks>
public sealed partial class OverviewBuilder
{
    private const int ProgressEverySamples = OverviewOptions.BaseSamples / 100 * 3;

    private static readonly Dictionary<string, int> ProtocolIndex =
        ServicePorts.Protocols.Select((p, i) => (p.Protocol, i)).ToDictionary(p => p.Protocol, p => p.i, StringComparer.Ordinal);

    private readonly StateEngine _engine;
    private readonly OverviewOptions _options;
    private readonly ThreadTableView _threads;
    private readonly ulong _interval;
    private readonly IntervalCounters _current = new();

    private readonly List<ulong> _times = [];
    private readonly List<double>[] _fixedSeries = [.. OverviewCatalog.Fixed.Select(_ => new List<double>())];
    private readonly List<double>[] _protocolSeries = [.. ServicePorts.Protocols.Select(_ => new List<double>())];
    private readonly Dictionary<string, (int FirstSample, List<double> Values)> _dockerSeries = new(StringComparer.Ordinal);
    private readonly List<double> _progress = [];

    private readonly HashSet<long> _listeningPorts = [];
    private readonly HashSet<long> _allListeningPorts = [];
    private readonly HashSet<long> _allProcesses = [];
    private readonly Dictionary<string, string> _allContainers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allFilesWritten = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allSystemFilesWritten = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allConnections = new(StringComparer.Ordinal);

    private bool _started;
    private ulong _lastSampleTime;
    private ulong _firstTimestamp;
    private ulong _lastTimestamp;
    private int _intervals;

    public OverviewBuilder(StateEngine engine, OverviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Samples is < 1 or > OverviewOptions.BaseSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Samples, $"samples must be 1 to {OverviewOptions.BaseSamples}");
        }

        _engine = engine;
        _options = options;
        _threads = new ThreadTableView(engine, options.Filter);
        _interval = IntervalFor(options.DurationNs);
    }

    /// <summary>
    /// The sample length for a span: the chisel receives the duration as Lua prints a number (14 significant digits),
    /// divides it by 399 and the timer truncates the result to whole nanoseconds.
    /// </summary>
    public static ulong IntervalFor(ulong durationNs)
    {
        var printed = double.Parse(LuaNumber.Format(durationNs), CultureInfo.InvariantCulture);
        return (ulong)(printed / (OverviewOptions.BaseSamples - 1));
    }

    /// <summary>Advances the clock to an event's time, closing the samples that ended before it.</summary>
    public void Tick(ulong timestamp)
    {
        _lastTimestamp = timestamp;
        if (!_started)
        {
            // The first event starts the clock; the listening ports known from the capture's fd tables come first.
            _started = true;
            _firstTimestamp = timestamp;
            _lastSampleTime = timestamp;
            _threads.AddServerPorts(_listeningPorts, timestamp);
            return;
        }

        if (_interval == 0 || unchecked(timestamp - _lastSampleTime) < _interval)
        {
            return;
        }

        ulong t;
        for (t = _lastSampleTime; t <= timestamp - _interval; t += _interval)
        {
            CloseInterval(t);
        }

        _lastSampleTime = t;
    }

    /// <summary>Closes the last sample at the end of the span and returns the overview.</summary>
    public OverviewResult Build()
    {
        // The chisel's final sample does not look at the thread or container tables again: they read as zero there.
        AddSample(_lastTimestamp, processes: 0, containers: 0);
        var tiles = new List<TileResult>();
        for (var i = 0; i < OverviewCatalog.Fixed.Count; i++)
        {
            var tile = OverviewCatalog.Fixed[i];
            if (tile == OverviewCatalog.Containers && (_options.FilterText ?? "").Contains("container", StringComparison.Ordinal))
            {
                continue;
            }

            AddTile(tiles, tile, _fixedSeries[i], 0, DistinctTotal(tile));
        }

        foreach (var (name, (first, values)) in _dockerSeries.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            AddTile(tiles, OverviewCatalog.DockerTile(name), values, first, null);
        }

        for (var i = 0; i < ServicePorts.Protocols.Count; i++)
        {
            var (protocol, ports) = ServicePorts.Protocols[i];
            AddTile(tiles, OverviewCatalog.ProtocolTile(protocol, ports), _protocolSeries[i], 0, null);
        }

        var present = tiles.Select(t => t.Tile.Category).ToHashSet(StringComparer.Ordinal);
        var categories = OverviewCategories.All
            .Where(c => c.Id is "general" or "file" or "network" or "security" or "performance" || present.Contains(c.Id))
            .ToList();
        return new OverviewResult(tiles, categories, _allContainers, _firstTimestamp, _lastTimestamp, _options.DurationNs, _progress);
    }

    private double? DistinctTotal(OverviewTile tile) =>
        tile == OverviewCatalog.Processes ? _allProcesses.Count
        : tile == OverviewCatalog.Containers ? _allContainers.Count
        : tile == OverviewCatalog.AccessedFiles ? _allFiles.Count
        : tile == OverviewCatalog.ModifiedFiles ? _allFilesWritten.Count
        : tile == OverviewCatalog.ModifiedSystemFiles ? _allSystemFilesWritten.Count
        : tile == OverviewCatalog.ActiveConnections ? _allConnections.Count
        : tile == OverviewCatalog.ListeningPorts ? _allListeningPorts.Count
        : null;

    private void AddTile(List<TileResult> tiles, OverviewTile tile, List<double> values, int firstSample, double? distinctTotal)
    {
        var timeline = new List<TimelinePoint>(values.Count);
        var sum = 0.0;
        var max = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            timeline.Add(new TimelinePoint(_times[firstSample + i], values[i]));
            sum += values[i];
            max = Math.Max(max, values[i]);
        }

        var total = distinctTotal ?? sum;
        if (tile.Excludable && total == 0)
        {
            return;
        }

        if (_options.Samples != OverviewOptions.BaseSamples)
        {
            (var coarse, max) = TimelineSampler.Subsample(timeline, _options.Samples, tile.Aggregation);
            timeline = [.. coarse];
        }

        tiles.Add(new TileResult(tile, total, max, timeline));
    }

    private void CloseInterval(ulong time)
    {
        var pids = new HashSet<long>();
        _threads.AddRunningProcesses(pids, _lastTimestamp);
        _allProcesses.UnionWith(pids);
        foreach (var (id, container) in _engine.Containers.Containers)
        {
            _allContainers[id] = container.Name;
        }

        AddSample(time, pids.Count, _engine.Containers.Containers.Count);
        if (_intervals % ProgressEverySamples == 0 && _options.ReadProgress is { } progress)
        {
            _progress.Add(Math.Min(progress(), 99.99));
        }

        _intervals++;
    }

    private void AddSample(ulong time, int processes, int containers)
    {
        var c = _current;
        c.Values[TileIndex.Processes] = processes;
        c.Values[TileIndex.Containers] = containers;
        c.Values[TileIndex.ListeningPorts] = _listeningPorts.Count;
        _allListeningPorts.UnionWith(_listeningPorts);
        _allFiles.UnionWith(c.Files);
        _allFilesWritten.UnionWith(c.FilesWritten);
        _allSystemFilesWritten.UnionWith(c.SystemFilesWritten);
        _allConnections.UnionWith(c.Connections);

        _times.Add(time);
        for (var i = 0; i < c.Values.Length; i++)
        {
            _fixedSeries[i].Add(c.Values[i]);
        }

        for (var i = 0; i < c.ProtocolBytes.Length; i++)
        {
            _protocolSeries[i].Add(c.ProtocolBytes[i]);
        }

        foreach (var (name, count) in c.DockerEvents)
        {
            if (!_dockerSeries.TryGetValue(name, out var series))
            {
                series = (_times.Count - 1, []);
                _dockerSeries.Add(name, series);
            }

            series.Values.Add(count);
        }

        c.Reset();
    }
}
