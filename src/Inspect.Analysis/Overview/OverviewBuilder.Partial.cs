namespace Inspect.Analysis.Overview;

/// <summary>A tile's total so far, while the analysing pass is still reading.</summary>
public sealed record PartialTileTotal(OverviewTile Tile, double Total);

public sealed partial class OverviewBuilder
{
    /// <summary>
    /// The tiles' totals over the samples closed so far, for showing a big capture's overview while it is read. It
    /// changes nothing (the final <see cref="Build"/> is unaffected) and must be called on the thread adding the events.
    /// Tiles that would be hidden when zero are left out while they are zero.
    /// </summary>
    public IReadOnlyList<PartialTileTotal> PartialTotals()
    {
        var totals = new List<PartialTileTotal>();
        void Add(OverviewTile tile, List<double> values, double? distinct)
        {
            var total = distinct ?? values.Sum();
            if (!(tile.Excludable && total == 0))
            {
                totals.Add(new PartialTileTotal(tile, total));
            }
        }

        for (var i = 0; i < OverviewCatalog.Fixed.Count; i++)
        {
            var tile = OverviewCatalog.Fixed[i];
            if (tile == OverviewCatalog.Containers && (_options.FilterText ?? "").Contains("container", StringComparison.Ordinal))
            {
                continue;
            }

            Add(tile, _fixedSeries[i], DistinctTotal(tile));
        }

        foreach (var (name, (_, values)) in _dockerSeries.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            Add(OverviewCatalog.DockerTile(name), values, null);
        }

        for (var i = 0; i < ServicePorts.Protocols.Count; i++)
        {
            var (protocol, ports) = ServicePorts.Protocols[i];
            Add(OverviewCatalog.ProtocolTile(protocol, ports), _protocolSeries[i], null);
        }

        return totals;
    }
}
