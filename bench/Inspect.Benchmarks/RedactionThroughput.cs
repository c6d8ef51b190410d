using System.Diagnostics;
using System.Globalization;
using System.Text;
using Inspect.Redaction.Events;
using Inspect.Redaction.Rules;
using Inspect.Scap.Writing;

/// <summary>
/// The redactor alone on the events the probe delivers most: read and write enter/exit pairs with 80-byte payloads,
/// zero-filled (the capture benchmark's workload), HTTP text without secrets, and HTTP text with an Authorization
/// header. Prints nanoseconds per event (enter and exit together), the recorder-side cost of redaction.
/// </summary>
internal static class RedactionThroughput
{
    private const int Rounds = 2_000_000;

    public static void Run()
    {
        var clean = "GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n";
        var secret = "GET /api HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer c2VjcmV0LXRva2VuLXZhbHVl\r\nAccept: */*\r\n\r\n";
        Measure("zero bytes", new byte[80]);
        Measure("HTTP request, no secret", Encoding.ASCII.GetBytes(clean)[..80]);
        Measure("HTTP request with Authorization", Encoding.ASCII.GetBytes(secret)[..80]);
    }

    private static void Measure(string name, byte[] payload)
    {
        using var builder = new ScapEventBuilder();
        var events = new List<byte[]>();
        foreach (var (enter, exit, fd) in new[] { ((ushort)6, (ushort)7, 3L), ((ushort)8, (ushort)9, 4L) })
        {
            events.Add(builder.Begin(enter, 1, 100).Fd(fd).UInt32(80).Build().ToArray());
            events.Add(builder.Begin(exit, 2, 100).Int64(80).Bytes(payload).Build().ToArray());
        }

        var redactor = new EventRedactor(RedactionRuleSet.BuiltIn);
        var scratch = new byte[events.Max(e => e.Length)];
        double best = double.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Rounds; i++)
            {
                foreach (var e in events)
                {
                    // A fresh copy each time, as each probe event is: masking in place must not make later rounds cheaper.
                    e.CopyTo(scratch, 0);
                    redactor.Redact(scratch.AsSpan(0, e.Length));
                }
            }

            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / ((double)Rounds * events.Count));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {best:0} |"));
    }
}
