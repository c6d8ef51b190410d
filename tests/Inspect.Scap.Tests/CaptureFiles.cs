using Inspect.Scap.Reading;

namespace Inspect.Scap.Tests;

/// <summary>Reads a whole capture into comparable values: one string per metadata record, one per event.</summary>
internal static class CaptureFiles
{
    public static CaptureContent ReadAll(Stream stream)
    {
        using var reader = new ScapReader(stream, leaveOpen: true);
        return ReadAll(reader);
    }

    public static CaptureContent ReadAll(string path)
    {
        using var reader = ScapReader.Open(path);
        return ReadAll(reader);
    }

    private static CaptureContent ReadAll(ScapReader reader)
    {
        var metadata = new List<string>();
        var events = new List<string>();
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            switch (kind)
            {
                case ScapRecordKind.Event:
                    var e = reader.Event;
                    events.Add($"{e.Timestamp} {e.ThreadId} {e.Type} {e.Cpu} {e.DumpFlags} {e.ParamCount} {Convert.ToHexString(e.RawLengths)} {Convert.ToHexString(e.RawValues)}");
                    break;
                case ScapRecordKind.SectionHeader:
                    metadata.Add($"section {reader.Section!.Major}");
                    break;
                case ScapRecordKind.MachineInfo:
                    metadata.Add(reader.Machine!.ToString());
                    break;
                case ScapRecordKind.ProcessList:
                    // The writer leaves out the newer tail's pid-namespace start and tty, which sysdig 0.29.3 would
                    // misread as loginuid (FORMAT.md §1.9); everything else must survive.
                    metadata.AddRange(reader.Threads.Select(t => $"{t with { HasNewLayoutTail = false, PidNsInitStartTs = 0, Tty = 0 }} args={Convert.ToHexString(t.Args)} env={Convert.ToHexString(t.Env)} cg={Convert.ToHexString(t.Cgroups)}"));
                    break;
                case ScapRecordKind.FdList:
                    metadata.Add($"fds of {reader.Fds!.Tid}");
                    metadata.AddRange(reader.Fds.Entries.Select(f => f.ToString()));
                    break;
                case ScapRecordKind.InterfaceList:
                    metadata.AddRange(reader.Interfaces.Select(i => i.ToString()));
                    break;
                case ScapRecordKind.UserList:
                    metadata.AddRange(reader.Users!.Users.Select(u => u.ToString()));
                    metadata.AddRange(reader.Users.Groups.Select(g => g.ToString()));
                    break;
            }
        }

        return new CaptureContent(metadata, events);
    }
}

internal sealed record CaptureContent(IReadOnlyList<string> Metadata, IReadOnlyList<string> Events);
