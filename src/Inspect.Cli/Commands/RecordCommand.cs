using System.Globalization;
using System.Runtime.InteropServices;
using Inspect.Agent.Capture;
using Inspect.Agent.Containers;
using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Interop;
using Inspect.Agent.Launch;
using Inspect.Agent.Probe;
using Inspect.Agent.Snapshot;
using Inspect.Storage.Upload;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect record -o FILE [limits] [--cgroup PATH | --pid P | -- COMMAND ARGS...]</c>: captures this machine, a
/// cgroup, a process tree, or a command started for the purpose, into a .scap file sysdig reads. Stops on Ctrl-C or
/// SIGTERM, when a limit is reached, or when the recorded command exits; the file is valid in every case.
/// </summary>
internal static class RecordCommand
{
    private const string Help = """
        usage: inspect record (-o FILE | --upload s3://BUCKET/PREFIX) [options] [--cgroup PATH | --pid PID | -- COMMAND [ARGS...]]

          -o, --output FILE    the .scap file to write
          --duration D         stop after D (e.g. 30s, 5m, 1h; a bare number is seconds)
          --max-bytes N        stop before the file exceeds N bytes (k, M, G suffixes)
          --max-events N       stop after N events
          --snaplen N          I/O payload bytes kept per call (default 80, at most 65000)
          --redact-rules FILE  add the redaction rules of FILE (YAML or JSON; see the README)
          --no-redact          keep secrets: write payloads, arguments and environments unmasked
          --cgroup PATH        record every process in a cgroup v2 directory and below it
                               (a directory, or a path relative to the cgroup v2 mount)
          --pid PID            record a process and everything it forks from now on
          -- COMMAND ARGS...   start COMMAND and record it (and its children) from its first system call;
                               the capture ends when it exits
          --ring D             flight recorder: keep the last D of events in memory and write nothing until
                               SIGUSR1 (`kill -USR1 PID`); each signal writes OUTPUT/inspect-TIME.scap with the
                               D before the signal (and --after); -o names a directory in this mode
          --after D            with --ring: also record D after each signal (default 0)
          --ring-bytes N       with --ring: memory the ring may use (default 256M); when events come faster
                               than it holds D, the oldest go early and the recording says so
        Without a target, every process of the machine is recorded. Needs root (or CAP_BPF and CAP_PERFMON).
        At the end it reports the events, bytes and drops, and the CPU time this process spent recording (in
        total and per event).
        Secrets (HTTP credentials and cookies, password=/token= pairs, --password options, AWS keys, JWTs,
        bearer tokens, PEM private keys) are masked with '*' before anything is written, unless --no-redact.

        """ + RecordUpload.HelpText;

    private const uint MaxSnaplen = 65000;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Parse(args, stdout);
        if (options is null)
        {
            return CommandLine.ExitOk;
        }

        try
        {
            return Record(options, stderr);
        }
        catch (ProbeException e)
        {
            stderr.WriteLine($"inspect: cannot record: {e.Message}");
            if (e.NativeLog is { } log)
            {
                stderr.WriteLine(Tail(log, lines: 20));
            }

            return CommandLine.ExitFailure;
        }
    }

    private static int Record(RecordOptions options, TextWriter stderr)
    {
        var factory = new NativeProbeFactory();
        if (factory.WhyUnsupported() is { } reason)
        {
            stderr.WriteLine($"inspect: cannot record: {reason}");
            return CommandLine.ExitFailure;
        }

        using var probe = factory.Open(new ProbeOptions());
        using var command = options.Command is { } argv ? SuspendedCommand.Start(argv) : null;
        try
        {
            var capture = command is null ? options.Capture : options.Capture with { Target = CaptureTarget.Process(command.Pid) };
            using var sink = options.Upload.Requested ? options.Upload.Start(stderr)
                : options.Ring is { } ring ? RingRecording.Start(ring, options.Output!, TimeProvider.System, stderr)
                : (ICaptureSink)ScapFileSink.Create(options.Output!);
            var output = options.Upload.Requested ? options.Upload.Describe() : options.Output!;
            var result = Capture(probe, sink, capture, output, command, stderr);
            stderr.WriteLine(Summary(result, output, command));
            stderr.WriteLine(CpuLine(result));
            stderr.WriteLine(Output.RedactionReport.Line(result.Redaction));
            return sink is S3CaptureSink upload && !RecordUpload.Complete(upload, result, stderr) ? CommandLine.ExitFailure : CommandLine.ExitOk;
        }
        catch
        {
            // A command that never got to run must not stay stopped forever.
            if (command is { HasExited: false })
            {
                command.Kill();
            }

            throw;
        }
    }

    private static CaptureResult Capture(IProbe probe, ICaptureSink sink, CaptureOptions options, string output, SuspendedCommand? command, TextWriter stderr)
    {
        // Not disposed: the command-exit continuation may still fire after the capture returned.
        var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        command?.WaitForExitAsync().ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);

        var showProgress = !Console.IsErrorRedirected;
        var clock = TimeProvider.System;
        var session = new CaptureSession(probe, new ProcSnapshotSource(clock), new CgroupLayoutPodMetadataSource(), clock)
        {
            Recording = () =>
            {
                stderr.WriteLine($"inspect: recording {Describe(options.Target)} to {output}");
                command?.Resume();
            },
            Progress = showProgress
                ? p => stderr.Write($"\r{p.Elapsed.TotalSeconds,6:0}s  {p.Events,12:N0} events  {p.Bytes,15:N0} bytes  {p.Drops,8:N0} drops")
                : null,
        };

        var result = session.Run(sink, options, stop.Token);
        if (showProgress)
        {
            stderr.WriteLine();
        }

        return result;

        void Cancel(PosixSignalContext context)
        {
            // Handled here: the capture stops, drains and closes the file instead of the process dying mid-write.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static string Summary(CaptureResult result, string output, SuspendedCommand? command)
    {
        var why = result.Reason switch
        {
            StopReason.Duration => "duration reached",
            StopReason.MaxBytes => "byte limit reached",
            StopReason.MaxEvents => "event limit reached",
            _ when command is { HasExited: true } => $"command exited with code {command.ExitCode}",
            _ => "stopped",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"inspect: {result.Events} events, {result.Bytes} bytes, {result.Drops} drops, {result.Containers} containers in {result.Elapsed.TotalSeconds:0.0} s to {output} ({why})");
    }

    // What recording cost in user space: the recorder's CPU time, and per event the figure the benchmarks compare.
    private static string CpuLine(CaptureResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"inspect: recorder CPU {result.RecorderCpu.TotalSeconds:0.000} s, {result.RecorderCpuNsPerEvent:0} ns per event");

    private static string Describe(CaptureTarget target) => target switch
    {
        CaptureTarget.ProcessTree(var pid) => $"pid {pid} and its children",
        CaptureTarget.CgroupTree(var path) => $"cgroup {path}",
        _ => "every process",
    };

    private static RecordOptions? Parse(string[] args, TextWriter stdout)
    {
        var cursor = new ArgumentCursor(args);
        string? output = null;
        CaptureTarget? target = null;
        string[]? command = null;
        var capture = new CaptureOptions();
        var limits = CaptureLimits.None;
        TimeSpan? ring = null;
        var after = TimeSpan.Zero;
        long? ringBytes = null;
        var upload = new RecordUpload();
        string? rulesFile = null;
        var redact = true;
        while (cursor.HasMore)
        {
            var arg = cursor.Next();
            switch (arg)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return null;
                case "-o" or "--output":
                    output = cursor.ValueOf(arg);
                    break;
                case "--duration":
                    limits = limits with { Duration = Quantity(arg, cursor.ValueOf(arg), QuantityParser.Duration) };
                    break;
                case "--max-bytes":
                    limits = limits with { MaxBytes = Quantity(arg, cursor.ValueOf(arg), QuantityParser.Bytes) };
                    break;
                case "--max-events":
                    limits = limits with { MaxEvents = Number(arg, cursor.ValueOf(arg), min: 1, max: long.MaxValue) };
                    break;
                case "--snaplen":
                    capture = capture with { Snaplen = (uint)Number(arg, cursor.ValueOf(arg), min: 0, max: MaxSnaplen) };
                    break;
                case "--ring":
                    ring = Quantity(arg, cursor.ValueOf(arg), QuantityParser.Duration);
                    break;
                case "--after":
                    after = Quantity(arg, cursor.ValueOf(arg), QuantityParser.Duration);
                    break;
                case "--ring-bytes":
                    ringBytes = Quantity(arg, cursor.ValueOf(arg), QuantityParser.Bytes);
                    break;
                case "--redact-rules":
                    rulesFile = cursor.ValueOf(arg);
                    break;
                case "--no-redact":
                    redact = false;
                    break;
                case "--pid":
                    target = OnlyTarget(target, command, CaptureTarget.Process((int)Number(arg, cursor.ValueOf(arg), min: 1, max: int.MaxValue)));
                    break;
                case "--cgroup":
                    target = OnlyTarget(target, command, CaptureTarget.Cgroup(ResolveCgroup(cursor.ValueOf(arg))));
                    break;
                case "--":
                    var rest = new List<string>();
                    while (cursor.HasMore)
                    {
                        rest.Add(cursor.Next());
                    }

                    command = rest.Count > 0 ? [.. rest] : throw new UsageException("-- must be followed by the command to record");
                    OnlyTarget(target, null, CaptureTarget.AllProcesses);
                    break;
                case var _ when upload.TryTake(arg, cursor, (option, value) => Quantity(option, value, QuantityParser.Bytes)):
                    break;
                default:
                    throw new UsageException($"unknown option '{arg}' for record (try `inspect record --help`)");
            }
        }

        if (output is null == !upload.Requested)
        {
            throw new UsageException("record needs one destination: -o FILE or --upload s3://BUCKET/PREFIX");
        }

        if (!redact && rulesFile is not null)
        {
            throw new UsageException("--no-redact and --redact-rules contradict each other");
        }

        var rules = redact ? RedactionArguments.Load(rulesFile) : null;
        var recorder = RingRecording.Options(ring, after, ringBytes, limits);
        if (recorder is not null && upload.Requested)
        {
            throw new UsageException("--ring writes recordings into a directory; it cannot be combined with --upload yet");
        }

        return new RecordOptions(output, upload, command, capture with { Target = target ?? CaptureTarget.AllProcesses, Limits = limits, Redaction = rules }, recorder);
    }

    private static CaptureTarget OnlyTarget(CaptureTarget? existing, string[]? command, CaptureTarget next) =>
        existing is null && command is null ? next : throw new UsageException("choose one target: --cgroup, --pid or -- COMMAND");

    private static string ResolveCgroup(string value)
    {
        try
        {
            return CgroupV2Mount.Resolve(value);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static T Quantity<T>(string option, string value, Func<string, T> parse)
    {
        try
        {
            return parse(value);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }

    private static long Number(string option, string value, long min, long max) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{option} needs a whole number from {min} to {max}, not '{value}'");

    private static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private sealed record RecordOptions(string? Output, RecordUpload Upload, string[]? Command, CaptureOptions Capture, FlightRecorderOptions? Ring);
}
