namespace Inspect.Analysis.Overview;

/// <summary>
/// Makes a timeline coarser the way the chisel does: consecutive samples are grouped by ceil(count / wanted), each
/// group summed (or averaged) and stamped with its first sample's time; a last, incomplete group is dropped.
/// </summary>
public static class TimelineSampler
{
    public static (IReadOnlyList<TimelinePoint> Timeline, double Max) Subsample(IReadOnlyList<TimelinePoint> source, int wanted, TileAggregation aggregation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        var result = new List<TimelinePoint>(wanted);
        if (source.Count == 0)
        {
            return (result, 0);
        }

        var ratio = (int)Math.Ceiling((double)source.Count / wanted);
        var inGroup = 0;
        var accumulator = 0.0;
        var groupStart = source[0].Time;
        var max = 0.0;
        for (var i = 0; i < source.Count; i++)
        {
            inGroup++;
            accumulator += source[i].Value;
            if (inGroup < ratio)
            {
                continue;
            }

            if (aggregation == TileAggregation.Average)
            {
                accumulator /= inGroup;
            }

            result.Add(new TimelinePoint(groupStart, accumulator));
            max = Math.Max(max, accumulator);
            inGroup = 0;
            accumulator = 0;
            if (i + 1 < source.Count)
            {
                groupStart = source[i + 1].Time;
            }
        }

        return (result, max);
    }
}
