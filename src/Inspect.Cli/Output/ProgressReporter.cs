using System.Diagnostics;
using System.Globalization;
using Inspect.Scap.Reading;

namespace Inspect.Cli.Output;

/// <summary>
/// A percentage on stderr while a long read runs, redrawn at most a few times a second and only when stderr is a
/// terminal; piped or redirected output gets nothing.
/// </summary>
internal sealed class ProgressReporter
{
    private readonly TextWriter _stderr;
    private readonly long _length;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _next;
    private bool _drawn;

    private ProgressReporter(TextWriter stderr, long length)
    {
        _stderr = stderr;
        _length = length;
    }

    /// <summary>A reporter for <paramref name="path"/>, or null when stderr is not a terminal (or is a test's writer).</summary>
    public static ProgressReporter? ForTerminal(string path, TextWriter stderr)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error))
        {
            return null;
        }

        var length = new FileInfo(path).Length;
        return length > 0 ? new ProgressReporter(stderr, length) : null;
    }

    public void Update(ScapReader reader)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now < _next)
        {
            return;
        }

        _next = now + 250;
        if (reader.IsCompressed)
        {
            return;
        }

        var pct = Math.Min(100.0, reader.RecordOffset * 100.0 / _length);
        _stderr.Write("\r" + pct.ToString("0.00", CultureInfo.InvariantCulture) + "%");
        _drawn = true;
    }

    public void Finish()
    {
        if (_drawn)
        {
            _stderr.Write("\r       \r");
        }
    }
}
