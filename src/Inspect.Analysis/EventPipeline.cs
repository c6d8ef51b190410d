using Inspect.Analysis.Events;
using Inspect.Analysis.Filtering;
using Inspect.Analysis.State;
using Inspect.Scap.Events;
using Inspect.Scap.Reading;

namespace Inspect.Analysis;

/// <summary>Receives each event sysdig would show (numbered, state applied, filter passed).</summary>
public delegate void EventSink(ref EventContext ctx);

/// <summary>
/// Reads a capture the way sysdig 0.29 does: numbers events, applies them to the state engine, runs the filter at
/// the point sysdig runs it (before parsing, or after it for state-changing events), and hands over the events sysdig
/// would display. Internal, state-only and section-opening container events are numbered and parsed, never shown.
/// </summary>
public sealed class EventPipeline(FilterPredicate? filter = null, ArgRenderer? renderer = null)
{
    public StateEngine Engine { get; } = new();

    public ArgRenderer Renderer { get; } = renderer ?? new ArgRenderer();

    /// <summary>Events numbered so far (sysdig's count of events read).</summary>
    public long EventsRead { get; private set; }

    /// <summary>Events handed to the sink.</summary>
    public long EventsShown { get; private set; }

    /// <summary>The capture's redaction counts, once its metadata has been read; null for a capture not redacted.</summary>
    public Scap.Model.RedactionSummary? Redaction { get; private set; }

    /// <summary>Called after each record with the reader, e.g. to report progress.</summary>
    public Action<ScapReader>? Progress { get; init; }

    /// <summary>Also hand over internal events (procinfo, container metadata) that pass the filter; summaries need procinfo.</summary>
    public bool IncludeInternal { get; init; }

    /// <summary>
    /// Only events in this window are shown (and reach <see cref="Clock"/>); events outside it still update the state,
    /// so processes and fds opened before the window are known inside it.
    /// </summary>
    public TimeWindow? Window { get; init; }

    /// <summary>
    /// Called with the timestamp of every event a sysdig chisel's interval timer sees — shown or filtered out, after the
    /// state engine took it and before the sink — so timelines advance on events the filter drops.
    /// </summary>
    public Action<ulong>? Clock { get; init; }

    /// <summary>
    /// With <see cref="IncludeInternal"/>, still leave out the container events a capture opens with: sysdig's reader
    /// consumes them while opening the file, so csysdig's tables never see them.
    /// </summary>
    public bool SkipLeadingContainerEvents { get; init; }

    public void Run(ScapReader reader, EventSink sink)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sink);
        var leadingContainerEvents = true;
        while (true)
        {
            var kind = reader.Read();
            switch (kind)
            {
                case ScapRecordKind.End:
                    return;
                case ScapRecordKind.SectionHeader:
                    leadingContainerEvents = true;
                    Engine.StartSection();
                    continue;
                case ScapRecordKind.ProcessList:
                    Engine.LoadProcessList(reader.Threads);
                    continue;
                case ScapRecordKind.FdList:
                    Engine.LoadFdList(reader.Fds!);
                    continue;
                case ScapRecordKind.UserList:
                    Engine.LoadUsers(reader.Users!);
                    continue;
                case ScapRecordKind.InterfaceList:
                    Engine.LoadInterfaces(reader.Interfaces);
                    continue;
                case ScapRecordKind.RedactionSummary:
                    Redaction = reader.Redaction;
                    continue;
                case ScapRecordKind.Event:
                    break;
                default:
                    continue;
            }

            var evt = reader.Event;
            var info = evt.Info;
            if (info is null)
            {
                // sysdig 0.29 drops types newer than its table before numbering them.
                continue;
            }

            EventsRead++;
            leadingContainerEvents = leadingContainerEvents && info.Name == "container";
            var ctx = new EventContext(evt, info, EventsRead, Engine, Renderer);
            Engine.BeginEvent(ref ctx);
            if (Window is not null && !Window.Contains(evt.Timestamp, Engine.FirstEventTimestamp))
            {
                // Outside the window: parsed as if shown, so the state inside the window is right, but not handed over.
                Engine.Parse(ref ctx);
                StateEngine.EndEvent(ref ctx);
                Progress?.Invoke(reader);
                continue;
            }

            var modifiesState = (info.Flags & EventFlags.ModifiesState) != 0;
            if (filter is not null && !modifiesState && !filter(ref ctx))
            {
                StateEngine.MarkFilteredOut(ref ctx);
                if (!leadingContainerEvents)
                {
                    Clock?.Invoke(evt.Timestamp);
                }

                Progress?.Invoke(reader);
                continue;
            }

            Engine.Parse(ref ctx);
            if (!leadingContainerEvents)
            {
                Clock?.Invoke(evt.Timestamp);
            }

            var passed = filter is null || !modifiesState || filter(ref ctx);
            if (passed && !evt.IsStateOnly)
            {
                var hidden = leadingContainerEvents || info.IsInternal;
                if (!hidden || (IncludeInternal && !(leadingContainerEvents && SkipLeadingContainerEvents)))
                {
                    EventsShown++;
                    sink(ref ctx);
                }

                StateEngine.EndEvent(ref ctx);
            }

            Progress?.Invoke(reader);
        }
    }
}
