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

    /// <summary>The most an alert may follow the capture's recorded start: the start is recorded in whole seconds
    /// (Kubernetes timestamps), so an alert within the same second may carry a later time.</summary>
    public static readonly TimeSpan StartPrecision = TimeSpan.FromSeconds(1);

    /// <summary>How far back from <paramref name="startedAt"/> the capture's history reaches: <paramref name="preTrigger"/>
    /// before the alert at <paramref name="alertTime"/> when there is one. An alert earlier than the start by more than
    /// <see cref="AlertLead"/> gets that much (a ring holds no more); an alert later than the start by more than
    /// <see cref="StartPrecision"/> comes from a skewed clock, and preTrigger is counted from the start.</summary>
    public static TimeSpan HistoryBeforeStart(TimeSpan preTrigger, DateTimeOffset? alertTime, DateTimeOffset startedAt)
    {
        if (preTrigger <= TimeSpan.Zero || alertTime is not { } alert)
        {
            return preTrigger;
        }

        var lead = startedAt - alert;
        return lead < -StartPrecision ? preTrigger
            : lead > AlertLead ? preTrigger + AlertLead
            : preTrigger + lead;
    }
}
