using System.Globalization;
using Inspect.Analysis;
using Inspect.Analysis.Text;

namespace Inspect.Cli.Commands;

/// <summary>
/// The words every reading verb shares after its options: the capture (the first positional word, or <c>-r FILE</c>),
/// a sysdig filter (the words after it, joined), the time window (<c>--from T</c>, <c>--to T</c>), and
/// <c>--key FILE</c> for client-side encrypted captures.
/// </summary>
internal sealed class CaptureArguments(string verb, string usage)
{
    /// <summary>How the window options read, for help texts.</summary>
    public const string WindowHelp = """
          --from T, --to T   only events from T and up to T (both included). T is an RFC 3339 time with up to
                             nanoseconds (2016-08-04T16:17:56.123456789Z, or with an offset like +02:00), nanoseconds
                             since the epoch, or an offset from the capture's first event: +5s, +1.5m, +250ms, +2h
                             (units ns, us, ms, s, m, h). Events outside still update processes and fds.
        """;

    private static readonly (string Suffix, decimal Nanoseconds)[] Units =
    [
        ("ns", 1m), ("us", 1_000m), ("µs", 1_000m), ("ms", 1_000_000m), ("s", 1_000_000_000m), ("m", 60_000_000_000m), ("h", 3_600_000_000_000m),
    ];

    private readonly List<string> _filter = [];
    private TimeBound? _from;
    private TimeBound? _to;
    private bool _keyExpected;

    public string? Input { get; set; }

    /// <summary>The key-encryption key file (<c>--key FILE</c>), for captures encrypted by Inspect.</summary>
    public string? KeyFile { get; private set; }

    /// <summary>The filter expression, or null when none was given.</summary>
    public string? Filter => _filter.Count > 0 ? string.Join(' ', _filter) : null;

    /// <summary>The time window, or null when neither --from nor --to was given.</summary>
    public TimeWindow? Window => _from is null && _to is null ? null : new TimeWindow(_from, _to);

    /// <summary>Takes <c>--from</c>/<c>--to</c> and their value; false when <paramref name="arg"/> is another word.</summary>
    public bool TryTakeWindow(string arg, ArgumentCursor cursor)
    {
        switch (arg)
        {
            case "--from":
                _from = ParseTime(arg, cursor.ValueOf(arg));
                break;
            case "--to":
                _to = ParseTime(arg, cursor.ValueOf(arg));
                break;
            default:
                return false;
        }

        if (_from is { } from && _to is { } to && from.FromCaptureStart == to.FromCaptureStart && from.Nanoseconds > to.Nanoseconds)
        {
            throw new UsageException($"{verb}: --from is after --to: the window would be empty");
        }

        return true;
    }

    /// <summary>Takes a word no option matched. Until the filter starts, a word that looks like an option is an error.</summary>
    public void Add(string word)
    {
        if (_keyExpected)
        {
            KeyFile = word;
            _keyExpected = false;
            return;
        }

        if (word == "--key" && _filter.Count == 0)
        {
            _keyExpected = true;
            return;
        }

        if (word is ['-', _, ..] && _filter.Count == 0)
        {
            throw new UsageException($"{verb}: unknown option {word}");
        }

        if (Input is null)
        {
            Input = word;
        }
        else
        {
            _filter.Add(word);
        }
    }

    /// <summary>The capture's path; fails when none was given or the file does not exist.</summary>
    public string ExistingInput()
    {
        if (_keyExpected)
        {
            throw new UsageException($"{verb}: --key needs a key file");
        }

        if (Input is null)
        {
            throw new UsageException($"{verb}: which capture? usage: {usage}");
        }

        return File.Exists(Input) ? Input : throw new FileNotFoundException($"cannot open {Input}: no such file");
    }

    /// <summary>
    /// Reads a time as Inspect's timeline selection gives it: <c>+DURATION</c> from the capture's start, nanoseconds
    /// since the epoch, or RFC 3339 with up to nine fractional digits.
    /// </summary>
    public TimeBound ParseTime(string option, string value)
    {
        if (value.StartsWith('+'))
        {
            return new TimeBound(ParseOffset(option, value), FromCaptureStart: true);
        }

        if (value.Length > 0 && value.All(char.IsAsciiDigit))
        {
            return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ns)
                ? new TimeBound(ns, FromCaptureStart: false)
                : throw Bad(option, value, "the number of nanoseconds is too large");
        }

        if (!Rfc3339.TryParseNanoseconds(value, out var nanoseconds))
        {
            throw Bad(option, value, "not a time");
        }

        return nanoseconds >= 0 ? new TimeBound((ulong)nanoseconds, FromCaptureStart: false) : throw Bad(option, value, "before 1970");
    }

    private ulong ParseOffset(string option, string value)
    {
        var body = value[1..];
        foreach (var (suffix, unit) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (!body.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var number = body[..^suffix.Length];
            if (number.Length == 0 || !number.All(c => char.IsAsciiDigit(c) || c == '.') ||
                !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                break;
            }

            var ns = amount * unit;
            if (ns != decimal.Truncate(ns))
            {
                throw Bad(option, value, "finer than a nanosecond");
            }

            return ns <= ulong.MaxValue ? (ulong)ns : throw Bad(option, value, "too large");
        }

        throw Bad(option, value, "an offset is a number and a unit (ns, us, ms, s, m, h), e.g. +5s or +1.5m");
    }

    private UsageException Bad(string option, string value, string why) =>
        new($"{verb}: {option} '{value}': {why}; use an RFC 3339 time (2016-08-04T16:17:56.123456789Z), nanoseconds since the epoch, or an offset from the capture's start (+5s, +1.5m, +250ms)");
}
