namespace Inspect.Operator.Core.Translation;

/// <summary>
/// How much history a flight-recorder ring keeps and how much of it a capture takes. A capture that a policy created
/// for an alert starts after the alert fired (the webhook, the policy decision and the reconcile take their time), so
/// its <c>preTrigger</c> is counted back from the alert, not from the capture's start; the rings keep
/// <see cref="AlertLead"/> more than <c>preTrigger</c> for that.
/// </summary>
public static class FlightRecorderWindow
{
    /// <summary>The longest time between an alert and the start of its capture that the history still covers.</summary>
    public static readonly TimeSpan AlertLead = TimeSpan.FromSeconds(10);

    /// <summary>What a ring armed for captures with <paramref name="preTrigger"/> keeps.</summary>
    public static TimeSpan RingWindow(TimeSpan preTrigger) => preTrigger + AlertLead;

    /// <summary>How far back from <paramref name="startedAt"/> the capture's history reaches: <paramref name="preTrigger"/>
    /// before the alert at <paramref name="alertTime"/> (when there is one and it is earlier, by at most
    /// <see cref="AlertLead"/>, so a skewed clock cannot ask for more than a ring holds).</summary>
    public static TimeSpan HistoryBeforeStart(TimeSpan preTrigger, DateTimeOffset? alertTime, DateTimeOffset startedAt)
    {
        if (preTrigger <= TimeSpan.Zero || alertTime is not { } alert || alert >= startedAt)
        {
            return preTrigger;
        }

        var lead = startedAt - alert;
        return preTrigger + (lead < AlertLead ? lead : AlertLead);
    }
}
