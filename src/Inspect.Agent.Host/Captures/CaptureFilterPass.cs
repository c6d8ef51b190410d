using Inspect.Analysis.Events;
using Inspect.Analysis.Filtering;
using Inspect.Analysis.State;
using Inspect.Scap.Events;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// Applies a Capture's <c>spec.filter</c> (the sysdig filter language, compiled by the analysis engine) to a recorded
/// file: every metadata block is kept, and so is every event that changes state (clone, execve, open, close...) or is
/// internal (container and CPU-sample events), so processes and fds stay known to whoever reads the file; other events
/// are written only when they pass the filter, evaluated with the state as sysdig would have it at that point.
/// </summary>
public static class CaptureFilterPass
{
    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/>; returns the events kept and dropped.</summary>
    /// <exception cref="FilterException">The filter does not compile.</exception>
    public static (long Kept, long Dropped) Apply(string input, string output, string filter)
    {
        var predicate = FilterCompiler.Compile(filter);
        var engine = new StateEngine();
        var renderer = new ArgRenderer();
        long read = 0, kept = 0, dropped = 0;
        using var reader = new ScapReader(File.OpenRead(input));
        using var writer = ScapWriter.Create(output);
        while (true)
        {
            switch (reader.Read())
            {
                case ScapRecordKind.End:
                    return (kept, dropped);
                case ScapRecordKind.SectionHeader:
                    engine.StartSection();
                    writer.WriteSectionHeader();
                    continue;
                case ScapRecordKind.MachineInfo:
                    writer.WriteMachineInfo(reader.Machine!);
                    continue;
                case ScapRecordKind.InterfaceList:
                    engine.LoadInterfaces(reader.Interfaces);
                    writer.WriteInterfaceList(reader.Interfaces);
                    continue;
                case ScapRecordKind.UserList:
                    engine.LoadUsers(reader.Users!);
                    writer.WriteUserList(reader.Users!);
                    continue;
                case ScapRecordKind.ProcessList:
                    engine.LoadProcessList(reader.Threads);
                    writer.WriteProcessList(reader.Threads);
                    continue;
                case ScapRecordKind.FdList:
                    engine.LoadFdList(reader.Fds!);
                    writer.WriteFdList(reader.Fds!);
                    continue;
                case ScapRecordKind.Event:
                    break;
                default:
                    continue;
            }

            var evt = reader.Event;
            if (evt.Info is not { } info)
            {
                // A type the engine does not know: kept as recorded rather than silently lost.
                writer.WriteEvent(evt);
                continue;
            }

            var ctx = new EventContext(evt, info, ++read, engine, renderer);
            engine.BeginEvent(ref ctx);
            var keepForState = (info.Flags & EventFlags.ModifiesState) != 0 || info.IsInternal;
            if (!keepForState && !predicate(ref ctx))
            {
                StateEngine.MarkFilteredOut(ref ctx);
                dropped++;
                continue;
            }

            engine.Parse(ref ctx);
            StateEngine.EndEvent(ref ctx);
            writer.WriteEvent(evt);
            kept++;
        }
    }
}
