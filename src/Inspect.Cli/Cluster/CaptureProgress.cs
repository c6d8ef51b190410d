using System.Globalization;
using Inspect.Crds.Capture;

namespace Inspect.Cli.Cluster;

/// <summary>Follows a Capture until it reaches a terminal phase (<c>create --wait</c>) or is gone (<c>delete
/// --wait</c>), printing a line on stderr each time its progress changes.</summary>
internal sealed class CaptureProgress(ClusterCaptures captures, string ns, string name, TextWriter stderr)
{
    /// <summary>How often the Capture is read again.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public static bool IsTerminal(CapturePhase? phase) => phase is CapturePhase.Succeeded or CapturePhase.PartiallySucceeded or CapturePhase.Failed;

    /// <summary>The Capture in its terminal phase; a <see cref="ClusterException"/> when it is deleted or the
    /// deadline passes first.</summary>
    public async Task<V1Alpha1Capture> UntilFinishedAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        string? last = null;
        while (true)
        {
            var capture = await captures.FindAsync(ns, name, cancellationToken).ConfigureAwait(false)
                ?? throw new ClusterException($"capture \"{name}\" in namespace \"{ns}\" was deleted before it finished");
            var line = Line(capture);
            if (line != last)
            {
                stderr.WriteLine($"inspect: {ns}/{name}: {line}");
                stderr.Flush();
                last = line;
            }

            if (IsTerminal(capture.Status?.Phase) && capture.Status?.ObservedGeneration >= capture.Metadata.Generation)
            {
                return capture;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ClusterException($"capture \"{name}\" in namespace \"{ns}\" did not finish within {timeout}: last seen {line}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns once the Capture no longer exists (its finalizer has run).</summary>
    public async Task UntilGoneAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        string? last = null;
        while (await captures.FindAsync(ns, name, cancellationToken).ConfigureAwait(false) is { } capture)
        {
            var line = "deleting: " + Line(capture);
            if (line != last)
            {
                stderr.WriteLine($"inspect: {ns}/{name}: {line}");
                stderr.Flush();
                last = line;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ClusterException($"capture \"{name}\" in namespace \"{ns}\" still exists after {timeout} (finalizers: {string.Join(", ", capture.Metadata.Finalizers ?? [])})");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One line: the phase, then each node's phase, events and bytes.</summary>
    public static string Line(V1Alpha1Capture capture)
    {
        var status = capture.Status;
        if (status?.Phase is null)
        {
            return "waiting for the operator";
        }

        var nodes = (status.Nodes ?? []).Select(n => string.Create(
            CultureInfo.InvariantCulture,
            $"{n.Node} {n.Phase} {n.Events ?? 0} events {n.Bytes ?? 0} bytes{(n.Drops > 0 ? $" {n.Drops} drops" : "")}"));
        return $"{status.Phase}{(status.Nodes is { Count: > 0 } ? "; " + string.Join("; ", nodes) : "")}";
    }
}
