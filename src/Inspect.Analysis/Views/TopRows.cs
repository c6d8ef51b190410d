namespace Inspect.Analysis.Views;

/// <summary>
/// The first rows of a sorted view without sorting all of them: a heap of the best <c>k</c> seen so far, so a view
/// with many keys (files, connections, threads) shown as its top few costs n·log k comparisons rather than n·log n.
/// </summary>
internal static class TopRows
{
    /// <summary>The <paramref name="k"/> first rows of <paramref name="rows"/> in <paramref name="order"/>, sorted.</summary>
    /// <remarks><paramref name="order"/> must be total (the view comparer breaks ties by key), so the result is exactly
    /// the first <paramref name="k"/> rows of the fully sorted list.</remarks>
    public static List<ViewRow> Select(List<ViewRow> rows, IComparer<ViewRow> order, int k)
    {
        if (k >= rows.Count)
        {
            rows.Sort(order);
            return rows;
        }

        // The heap's root is the worst of the best k kept so far: a new row either replaces it or is dropped.
        var worstFirst = Comparer<ViewRow>.Create((a, b) => order.Compare(b, a));
        var best = new PriorityQueue<ViewRow, ViewRow>(k + 1, worstFirst);
        foreach (var row in rows)
        {
            if (best.Count < k)
            {
                best.Enqueue(row, row);
            }
            else if (k > 0 && order.Compare(row, best.Peek()) < 0)
            {
                best.DequeueEnqueue(row, row);
            }
        }

        var top = new List<ViewRow>(best.Count);
        while (best.TryDequeue(out var row, out _))
        {
            top.Add(row);
        }

        top.Reverse();
        return top;
    }
}
