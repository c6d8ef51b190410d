using System.Globalization;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;

namespace Inspect.Cli.Cluster;

/// <summary><c>inspect capture get NAME</c> as text: what was asked, the phase and conditions, each node's progress
/// and artifact, and the summary tiles the operator wrote into status.</summary>
internal static class CaptureDescription
{
    public static void Write(TextWriter output, V1Alpha1Capture capture, DateTime now)
    {
        var spec = capture.Spec;
        var status = capture.Status;
        Field(output, "Name", capture.Metadata.Name);
        Field(output, "Namespace", capture.Metadata.NamespaceProperty);
        Field(output, "Targets", Targets(spec.Targets));
        Field(output, "Limits", Limits(spec));
        if (spec.Filter is not null)
        {
            Field(output, "Filter", spec.Filter);
        }

        Field(output, "Output", Output(spec.Output));
        if (capture.Metadata.DeletionTimestamp is { } deleting)
        {
            Field(output, "Deleting", $"since {Time(deleting, now)}");
        }

        Field(output, "Phase", status?.Phase?.ToString() ?? "(not reconciled yet)");
        if (status?.StartTime is { } start)
        {
            Field(output, "Started", Time(start, now));
        }

        if (status?.CompletionTime is { } end)
        {
            Field(output, "Completed", Time(end, now));
        }

        if (status?.Events is not null || status?.Bytes is not null)
        {
            Field(output, "Recorded", string.Create(CultureInfo.InvariantCulture, $"{status.Events ?? 0} events, {status.Size ?? (status.Bytes ?? 0).ToString(CultureInfo.InvariantCulture)} bytes"));
        }

        if (status?.Conditions is { Count: > 0 } conditions)
        {
            output.WriteLine("Conditions:");
            TextTable.Write(output, ["TYPE", "STATUS", "REASON", "MESSAGE"],
                [.. conditions.Select(c => (IReadOnlyList<string>)[c.Type, c.Status.ToString(), c.Reason, c.Message ?? ""])], "  ");
        }

        if (status?.Nodes is { Count: > 0 } nodes)
        {
            output.WriteLine("Nodes:");
            TextTable.Write(output, ["NODE", "PHASE", "EVENTS", "BYTES", "DROPS", "ARTIFACT"],
                [.. nodes.Select(n => (IReadOnlyList<string>)[n.Node, n.Phase.ToString(), Number(n.Events), Number(n.Bytes), Number(n.Drops), n.ArtifactUri ?? "-"])], "  ");
            foreach (var node in nodes)
            {
                if (node.JoinedAt is { } joined)
                {
                    output.WriteLine($"  {node.Node}: joined {Time(joined, now)}, when a targeted pod appeared there");
                }

                if (node.Checksum is not null)
                {
                    output.WriteLine($"  {node.Node}: checksum {node.Checksum}");
                }

                if (node.Verified is { } verified)
                {
                    // Who read the file back, and what they found; an unset flag means nobody did (an S3 upload's
                    // checksum is that of the bytes sent).
                    var by = node.VerifiedBy?.ToString().ToLowerInvariant() ?? "unknown";
                    output.WriteLine($"  {node.Node}: {(verified ? "verified" : "NOT verified")} by the {by}: {node.Verification ?? "-"}");
                }

                if (node.Redactions is { Count: > 0 } redactions)
                {
                    output.WriteLine($"  {node.Node}: secrets masked: {string.Join(", ", redactions.Select(r => $"{r.Key} {r.Value}"))}");
                }

                if (node.Error is not null)
                {
                    output.WriteLine($"  {node.Node}: {node.Error}");
                }
            }
        }

        if (status?.Summary is { } summary)
        {
            WriteSummary(output, summary);
        }
    }

    private static void WriteSummary(TextWriter output, CaptureSummary summary)
    {
        output.WriteLine("Summary:");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {summary.Events ?? 0} events over {summary.DurationSeconds ?? 0:0.###} s"));
        List("Top processes", summary.TopProcesses);
        List("Top files", summary.TopFiles);
        List("Top connections", summary.TopConnections);
        List("Commands", summary.Execs);
        List("Errors", summary.Errors);
        if (summary.Findings is { Count: > 0 } findings)
        {
            output.WriteLine("  Findings:");
            foreach (var finding in findings)
            {
                output.WriteLine($"    {finding}");
            }
        }

        void List(string title, IList<SummaryEntry>? entries)
        {
            if (entries is not { Count: > 0 })
            {
                return;
            }

            output.WriteLine($"  {title}:");
            foreach (var entry in entries)
            {
                var figures = new List<string>();
                if (entry.Count is { } count)
                {
                    figures.Add(count.ToString(CultureInfo.InvariantCulture));
                }

                if (entry.Bytes is { } bytes)
                {
                    figures.Add(bytes.ToString(CultureInfo.InvariantCulture) + " bytes");
                }

                output.WriteLine($"    {entry.Name}{(figures.Count > 0 ? "  " + string.Join(", ", figures) : "")}");
            }
        }
    }

    private static string Targets(CaptureTargets? targets) => targets switch
    {
        null => "(none)",
        { PodSelector: { } selector } => $"pods {selector}{(targets.NamespaceSelector is { } ns ? $" in namespaces {ns}" : "")}",
        { PodNames: { } names } => $"pods {string.Join(", ", names)}",
        { NodeSelector: { } selector } => $"nodes {selector}",
        { ContainerIds: { } ids } => $"containers {string.Join(", ", ids)}",
        _ => "(none)",
    };

    private static string Limits(V1Alpha1CaptureSpec spec)
    {
        var limits = new List<string>();
        if (spec.Duration is not null)
        {
            limits.Add("duration " + spec.Duration);
        }

        if (spec.MaxBytes is { } bytes)
        {
            limits.Add(string.Create(CultureInfo.InvariantCulture, $"max {bytes} bytes"));
        }

        if (spec.MaxEvents is { } events)
        {
            limits.Add(string.Create(CultureInfo.InvariantCulture, $"max {events} events"));
        }

        limits.Add(string.Create(CultureInfo.InvariantCulture, $"snaplen {spec.Snaplen ?? 80}"));
        return string.Join(", ", limits);
    }

    private static string Output(CaptureOutput? output) => output switch
    {
        { S3: { } s3 } => $"s3://{s3.Bucket}/{s3.Prefix}{(s3.Endpoint is null ? "" : $" at {s3.Endpoint}")}",
        { NodeDirectory: { } dir } => $"node directory {dir.Path}",
        _ => "the operator's default storage",
    };

    private static string Time(DateTime time, DateTime now) =>
        $"{time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} ({HumanDuration.Format(now - time.ToUniversalTime())} ago)";

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static void Field(TextWriter output, string name, string? value) => output.WriteLine($"{name + ":",-12}{value}");
}
