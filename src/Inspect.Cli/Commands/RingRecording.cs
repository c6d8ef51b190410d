using System.Globalization;
using System.Runtime.InteropServices;
using Inspect.Agent.Capture;
using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Snapshot;
using Inspect.Redaction.Events;
using Inspect.Scap.Model;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect record --ring D [--after D] -o DIR</c>: the capture goes into a <see cref="FlightRecorderSink"/>, and
/// every SIGUSR1 writes one recording into DIR. The sink returned owns the signal handler.
/// </summary>
internal sealed class RingRecording : ICaptureSink
{
    // SIGUSR1 on Linux; PosixSignal names only the portable signals, and takes raw numbers cast to it.
    private const PosixSignal SigUsr1 = (PosixSignal)10;

    private readonly FlightRecorderSink _recorder;
    private readonly PosixSignalRegistration _signal;

    private RingRecording(FlightRecorderSink recorder, string directory, TimeProvider clock, TextWriter stderr)
    {
        _recorder = recorder;
        _signal = PosixSignalRegistration.Create(SigUsr1, context =>
        {
            context.Cancel = true;
            var at = clock.GetUtcNow();
            var path = Path.Combine(directory, $"inspect-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture)}.scap");
            _recorder.Trigger(at, () => ScapFileSink.Create(path)).ContinueWith(
                written => stderr.WriteLine(written.IsCompletedSuccessfully ? Describe(written.Result, path) : $"inspect: cannot write {path}: {written.Exception?.GetBaseException().Message}"),
                TaskScheduler.Default);
        });
    }

    public long BytesWritten => _recorder.BytesWritten;

    public bool WantsFlush => _recorder.WantsFlush;

    /// <summary>The recorder's options from the command line, or null without <c>--ring</c>.</summary>
    public static FlightRecorderOptions? Options(TimeSpan? ring, TimeSpan after, long? ringBytes, CaptureLimits limits)
    {
        if (ring is not { } before)
        {
            return after > TimeSpan.Zero || ringBytes is not null ? throw new UsageException("--after and --ring-bytes need --ring") : null;
        }

        if (before <= TimeSpan.Zero)
        {
            throw new UsageException("--ring needs a positive duration");
        }

        if (limits.MaxBytes is not null)
        {
            throw new UsageException("--max-bytes limits a file; with --ring, limit memory with --ring-bytes");
        }

        var bytes = ringBytes ?? FlightRecorderOptions.DefaultMaxBytes;
        return bytes < 4L << 20 ? throw new UsageException("--ring-bytes needs at least 4M") : new FlightRecorderOptions(before, after, bytes);
    }

    /// <summary>Creates <paramref name="directory"/> if needed and starts recording into the ring.</summary>
    public static RingRecording Start(FlightRecorderOptions options, string directory, TimeProvider clock, TextWriter stderr)
    {
        if (File.Exists(directory))
        {
            throw new UsageException($"with --ring, -o names a directory for the recordings, and {directory} is a file");
        }

        Directory.CreateDirectory(directory);
        stderr.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"inspect: flight recorder keeps the last {options.Before.TotalSeconds:0.###} s (up to {options.MaxBytes >> 20} MiB); `kill -USR1 {Environment.ProcessId}` writes a recording into {directory}"));
        return new RingRecording(new FlightRecorderSink(options, new ProcSnapshotSource(clock), clock), directory, clock, stderr);
    }

    public void WriteMetadata(SystemSnapshot snapshot) => _recorder.WriteMetadata(snapshot);

    public void WriteRedactionSummary(RedactionSummary summary) => _recorder.WriteRedactionSummary(summary);

    public bool RedactsProcessTable(EventRedactor redactor) => _recorder.RedactsProcessTable(redactor);

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu) => _recorder.WriteEvent(scapEvent, cpu);

    public void Flush() => _recorder.Flush();

    public void Dispose()
    {
        _signal.Dispose();
        _recorder.Dispose();
    }

    private static string Describe(FlightRecording recording, string path)
    {
        var seconds = (recording.ToNs - recording.FromNs) / 1e9;
        var cut = recording.CutShort
            ? string.Create(CultureInfo.InvariantCulture, $"; cut short: the ring's memory held only {seconds:0.0} s of the {(recording.ToNs - recording.RequestedFromNs) / 1e9:0.0} s asked for (raise --ring-bytes)")
            : "";
        var masked = recording.Redaction is { } redaction ? string.Create(CultureInfo.InvariantCulture, $", {redaction.Total} secrets masked") : "";
        return string.Create(CultureInfo.InvariantCulture, $"inspect: wrote {path}: {recording.Events} events over {seconds:0.0} s{masked}{cut}");
    }
}
