using System.Text;
using Inspect.Agent.Capture;
using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Snapshot;
using Inspect.Agent.Tests.Support;
using Inspect.Redaction.Events;
using Inspect.Redaction.Rules;
using Inspect.Scap.Model;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Agent.Tests.Unit;

/// <summary>
/// A flight recording's redaction counts are those of what it holds: the ring keeps what each event had masked, and
/// the process table is counted entry by entry. The events are redacted as the session does it (the redactor masks an
/// event, then the sink gets it).
/// </summary>
public sealed class FlightRecorderRedactionTests
{
    private const ushort WriteExit = 9;
    private const ulong Second = 1_000_000_000;
    private const string ApiKey = "9f8e7d6c5b4a";
    private const string DbPassword = "s3cret!";

    [Fact]
    public async Task A_recording_counts_the_secrets_masked_in_the_events_and_process_entries_it_holds()
    {
        var clock = new ManualClock();
        // Pid 200 exits between the ring's start and the trigger; pid 300 starts in between: the recording's table has
        // 100 and 300 from the machine at the trigger and 200 from the ring's start, each with one password.
        var snapshots = new TableSource([100, 200], [100, 300]);
        var redactor = new EventRedactor(RedactionRuleSet.BuiltIn);
        using var recorder = new FlightRecorderSink(new FlightRecorderOptions(TimeSpan.FromSeconds(10), TimeSpan.Zero, 16 << 20), snapshots, clock);
        Assert.True(recorder.RedactsProcessTable(redactor));
        recorder.WriteMetadata(snapshots.Take());
        var t0 = Ns(clock.GetUtcNow());

        // One request with an API key a second for 30 s: the last 10 s are the recording's window.
        for (var i = 0; i < 30; i++)
        {
            var request = Request(t0 + ((ulong)i * Second), $"GET /{i} HTTP/1.1\r\nX-Api-Key: {ApiKey}\r\n\r\n");
            redactor.Redact(request);
            recorder.WriteEvent(request, 0);
        }

        clock.Advance(TimeSpan.FromSeconds(29.5));
        var output = new MemoryStream();
        var written = recorder.Trigger(clock.GetUtcNow(), () => new ScapFileSink(output, leaveOpen: true));
        clock.Advance(TimeSpan.FromSeconds(1)); // past the grace for late events
        recorder.Flush();
        Assert.True(written.IsCompleted, "the recording was not written");
        var recording = await written;

        var raw = Encoding.Latin1.GetString(output.ToArray());
        Assert.DoesNotContain(ApiKey, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(DbPassword, raw, StringComparison.Ordinal);
        var maskedKeys = Occurrences(raw, $"X-Api-Key: {new string('*', ApiKey.Length)}");
        var maskedPasswords = Occurrences(raw, $"DB_PASSWORD={new string('*', DbPassword.Length)}");
        Assert.Equal(recording.Events, maskedKeys);
        Assert.Equal(3, maskedPasswords);

        // The ring saw 30 keys and 2 + 0 passwords; the recording counts what it holds.
        Assert.Equal(30, redactor.Counts["http-x-api-key"]);
        Assert.InRange(maskedKeys, 9, 11);
        var counts = recording.Redaction!.Rules.ToDictionary(r => r.Rule, r => r.Count);
        Assert.Equal(maskedKeys, counts["http-x-api-key"]);
        Assert.Equal(maskedPasswords, counts["secret-pair"]);
        Assert.Equal(maskedKeys + maskedPasswords, recording.Redaction.Total);

        // The file's metadata says the same, as final counts.
        using var reader = new ScapReader(new MemoryStream(output.ToArray()));
        while (reader.Read() is var kind && kind != ScapRecordKind.End && reader.Redaction is null)
        {
        }

        Assert.Equal(recording.Redaction.Rules, reader.Redaction!.Rules);
        Assert.True(reader.Redaction.Final);
    }

    [Fact]
    public async Task A_history_asked_from_a_later_time_holds_and_counts_only_the_events_since()
    {
        var clock = new ManualClock();
        var snapshots = new TableSource([100], [100]);
        var redactor = new EventRedactor(RedactionRuleSet.BuiltIn);
        using var recorder = new FlightRecorderSink(new FlightRecorderOptions(TimeSpan.FromSeconds(60), TimeSpan.Zero, 16 << 20), snapshots, clock);
        recorder.RedactsProcessTable(redactor);
        recorder.WriteMetadata(snapshots.Take());
        var t0 = Ns(clock.GetUtcNow());
        for (var i = 0; i < 20; i++)
        {
            // Only every other request carries a key.
            var request = Request(t0 + ((ulong)i * Second), i % 2 == 0 ? $"GET / HTTP/1.1\r\nX-Api-Key: {ApiKey}\r\n\r\n" : "GET / HTTP/1.1\r\n\r\n");
            redactor.Redact(request);
            recorder.WriteEvent(request, 0);
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        var output = new MemoryStream();
        var written = recorder.Trigger(clock.GetUtcNow(), () => new ScapFileSink(output, leaveOpen: true), notBeforeNs: t0 + (15 * Second));
        clock.Advance(TimeSpan.FromSeconds(1));
        recorder.Flush();
        Assert.True(written.IsCompleted, "the recording was not written");
        var recording = await written;

        Assert.Equal(5, recording.Events); // 15 s to 19 s
        var maskedKeys = Occurrences(Encoding.Latin1.GetString(output.ToArray()), $"X-Api-Key: {new string('*', ApiKey.Length)}");
        Assert.Equal(2, maskedKeys); // 16 s and 18 s
        Assert.Equal(maskedKeys, recording.Redaction!.Rules.Single(r => r.Rule == "http-x-api-key").Count);
    }

    private static ulong Ns(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static byte[] Request(ulong timestamp, string payload)
    {
        using var builder = new ScapEventBuilder();
        var bytes = Encoding.Latin1.GetBytes(payload);
        return builder.Begin(WriteExit, timestamp, 100).Int64(bytes.Length).Bytes(bytes).Build().ToArray();
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    // The first table at the ring's start, the second at every later look; every process has a password in its environment.
    private sealed class TableSource(long[] first, long[] later) : ISystemSnapshotSource
    {
        private int _taken;

        public SystemSnapshot Take()
        {
            var pids = _taken++ == 0 ? first : later;
            var template = new FakeSnapshotSource().Take();
            return template with
            {
                Threads = [.. pids.Select(pid => new ThreadEntry { Tid = pid, Pid = pid, Comm = "app", Exe = "app", ExePath = "/app", Args = "--serve\0"u8.ToArray(), Env = Encoding.Latin1.GetBytes($"DB_PASSWORD={DbPassword}\0HOME=/\0") })],
                FdTables = [.. pids.Select(pid => new FdTable(pid, []))],
            };
        }
    }
}
