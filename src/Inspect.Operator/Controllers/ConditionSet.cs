using Inspect.Crds.Common;

namespace Inspect.Operator.Controllers;

/// <summary>Sets conditions the way meta/v1 conventions ask: keyed by type, and the transition time changes only
/// when the status does.</summary>
public static class ConditionSet
{
    /// <summary>Sets <paramref name="type"/> in <paramref name="conditions"/>.</summary>
    public static void Set(IList<Condition> conditions, string type, ConditionStatus status, string reason, string message, long? generation, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            conditions.Add(new Condition { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = generation, LastTransitionTime = now });
            return;
        }

        if (existing.Status != status)
        {
            existing.LastTransitionTime = now;
        }

        existing.Status = status;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = generation;
    }

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static Condition? Find(IEnumerable<Condition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);
}
