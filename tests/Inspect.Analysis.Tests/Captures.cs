using System.Text;
using Inspect.Analysis.Events;
using Inspect.Analysis.Filtering;
using Inspect.Analysis.Formatting;
using Inspect.Scap.Model;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;
using Inspect.TestSupport;

namespace Inspect.Analysis.Tests;

/// <summary>Runs formats and filters over sample captures and tiny in-memory ones.</summary>
internal static class Captures
{
    /// <summary>The lines <paramref name="format"/> prints for the events passing <paramref name="filter"/>.</summary>
    public static List<string> Lines(string sample, string format, string? filter = null)
    {
        using var reader = ScapReader.Open(RepoPaths.Sample(sample));
        return Lines(reader, format, filter);
    }

    public static List<string> Lines(ScapReader reader, string format, string? filter = null)
    {
        var output = OutputFormat.Parse(format);
        var lines = new List<string>();
        var pipeline = new EventPipeline(filter is null ? null : FilterCompiler.Compile(filter));
        pipeline.Run(reader, (ref EventContext ctx) =>
        {
            if (output.Format(ref ctx) is { } line)
            {
                lines.Add(line);
            }
        });
        return lines;
    }

    /// <summary>
    /// A capture with one thread in a Kubernetes pod container (plus its sandbox) and one open event, built in memory.
    /// </summary>
    public static ScapReader PodCapture()
    {
        var stream = new MemoryStream();
        using (var w = new ScapWriter(stream, leaveOpen: true))
        using (var b = new ScapEventBuilder())
        {
            const string app = "1111111111112222222222222222222222222222222222222222222222222222";
            const string pause = "3333333333334444444444444444444444444444444444444444444444444444";
            w.WriteSectionHeader();
            w.WriteUserList(new UserList([new UserEntry(1000, 1000, "alice", "/home/alice", "/bin/sh")], [new GroupEntry(1000, "staff")]));
            w.WriteProcessList(
            [
                new ThreadEntry { Tid = 10, Pid = 10, Ptid = 1, Comm = "api", Exe = "/app/api", Cwd = "/app", Uid = 1000, Gid = 1000, Vtid = 1, Vpid = 1,
                    Cgroups = Encoding.UTF8.GetBytes($"cpu=/kubepods/burstable/pod99/{app}\0"), Args = Encoding.UTF8.GetBytes("--port\08080\0") },
            ]);
            w.WriteFdList(new FdTable(10, []));
            Json(w, b, app, "k8s_api", "registry/api:2", $"\"io.kubernetes.pod.name\":\"api-5f\",\"io.kubernetes.pod.namespace\":\"shop\",\"io.kubernetes.pod.uid\":\"u-1\",\"io.kubernetes.sandbox.id\":\"{pause}\"");
            Json(w, b, pause, "k8s_POD", "pause:3", "\"app\":\"api\",\"team\":\"payments\",\"io.kubernetes.pod.name\":\"api-5f\"");
            b.Begin(306, 2_000, 10).Fd(-100).Path("config.yaml").UInt32(1).UInt32(0);
            w.WriteEvent(b.Build(), 0);
            b.Begin(307, 3_000, 10).Fd(3).Fd(-100).Path("config.yaml").UInt32(1).UInt32(0).UInt32(0);
            w.WriteEvent(b.Build(), 0);
        }

        stream.Position = 0;
        return new ScapReader(stream);
    }

    private static void Json(ScapWriter w, ScapEventBuilder b, string id, string name, string image, string labels)
    {
        b.Begin(324, 1_000, -1).Path($"{{\"container\":{{\"id\":\"{id[..12]}\",\"type\":6,\"name\":\"{name}\",\"image\":\"{image}\",\"labels\":{{{labels}}}}}}}");
        w.WriteEvent(b.Build(), 0);
    }
}
