using System.Globalization;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

// redact-events: the redactor alone, nanoseconds per event on read/write streams.
if (args is ["redact-events"])
{
    RedactionThroughput.Run();
    return 0;
}

// read FILE: the reader alone (every block framed, every event validated and its header read), no state.
// read-ahead FILE: the same with framing and validation on the reader's second thread.
if (args is [var verb and ("read" or "read-ahead"), var file])
{
    long events = 0, bytes = 0;
    using var capture = ScapReader.Open(file, readAhead: verb == "read-ahead");
    while (capture.Read() is var kind && kind != ScapRecordKind.End)
    {
        if (kind == ScapRecordKind.Event)
        {
            var e = capture.Event;
            events++;
            bytes += e.EncodedLength;
        }
    }

    Console.Error.WriteLine($"{events} events read, {bytes} event bytes");
    return 0;
}

// upload FILE ENDPOINT BUCKET KEY: streams FILE through the capture upload (gzip, 8 MiB parts, SHA-256) in 64 KiB
// writes, as the agent's sink does, with s3rver's credentials; prints seconds and MiB/s of capture bytes.
if (args is ["upload", var source, var endpointUrl, var bucket, var key])
{
    var endpoint = new Inspect.Storage.S3.StorageEndpoint(new Uri(endpointUrl), new Inspect.Storage.S3.StorageCredentials("S3RVER", "S3RVER"));
    var clock = System.Diagnostics.Stopwatch.StartNew();
    using var upload = Inspect.Storage.Upload.CaptureUploadStream.Start(endpoint, bucket, key, new Inspect.Storage.Upload.UploadOptions());
    using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
    {
        var block = new byte[64 << 10];
        int n;
        while ((n = input.Read(block)) > 0)
        {
            upload.Write(block.AsSpan(0, n));
        }
    }

    var result = upload.CompleteAsync().GetAwaiter().GetResult();
    var seconds = clock.Elapsed.TotalSeconds;
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(result.Complete ? "uploaded" : "FAILED " + result.Error)}: {result.CaptureBytes >> 20} MiB capture, {result.ObjectBytes >> 20} MiB object, {result.Parts} parts"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} {result.CaptureBytes / seconds / (1 << 20):0.0}"));
    return result.Complete ? 0 : 1;
}

// ui-s3 ENDPOINT BUCKET KEY CACHE_DIR: the operator's UI serving code over one capture stored in S3 (capture=bench),
// fetched into CACHE_DIR on first use; prints the address, serves until stopped.
if (args is ["ui-s3", var uiEndpoint, var uiBucket, var uiKey, var cacheDirectory])
{
    return S3UiServer.Run(uiEndpoint, uiBucket, uiKey, cacheDirectory);
}

// make-capture OUT SIZE_MB SAMPLE...: one section with the first sample's metadata, then the events of all samples
// replayed in turn, timestamps shifted so they keep increasing, until the file holds SIZE_MB of events.
if (args.Length < 3 || args[0] != "make-capture")
{
    Console.Error.WriteLine("usage: Inspect.Benchmarks read FILE | read-ahead FILE | upload FILE ENDPOINT BUCKET KEY | ui-s3 ENDPOINT BUCKET KEY CACHE_DIR | redact-events | make-capture OUT SIZE_MB SAMPLE.scap [SAMPLE.scap ...]");
    return 2;
}

var output = args[1];
var targetBytes = long.Parse(args[2], CultureInfo.InvariantCulture) << 20;
var samples = args[3..];

using var writer = ScapWriter.Create(output);
CopyMetadata(samples[0], writer);
var buffer = new byte[1 << 20];
ulong last = 0;
while (writer.BytesWritten < targetBytes)
{
    foreach (var sample in samples)
    {
        using var reader = ScapReader.Open(sample);
        ulong first = 0, sampleStart = 0;
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind != ScapRecordKind.Event)
            {
                continue;
            }

            var e = reader.Event;
            // Container metadata belongs before the events of a section, not repeated inside it.
            if (e.Type is 272 or 324)
            {
                continue;
            }

            if (first == 0)
            {
                // The capture starts at the first sample's real time; each later replay 1 us after the previous one.
                first = e.Timestamp;
                sampleStart = last == 0 ? first : last + 1_000;
            }

            // An event stamped earlier than its sample's first (another CPU's, a little behind) keeps its place in the
            // file but never moves the clock back: timestamps only increase, as in a capture sysdig writes.
            var ts = Math.Max(sampleStart + (e.Timestamp > first ? e.Timestamp - first : 0), last + 1);
            Rebased(writer, e, ts, buffer);
            last = Math.Max(last, ts);
        }
    }
}

Console.Error.WriteLine($"wrote {writer.EventsWritten} events, {writer.BytesWritten >> 20} MiB to {output}");
return 0;

static void CopyMetadata(string path, ScapWriter writer)
{
    using var reader = ScapReader.Open(path);
    while (reader.Read() is var kind && kind is not (ScapRecordKind.End or ScapRecordKind.Event))
    {
        writer.WriteRecord(reader, kind);
    }
}

// Writes the event with a new timestamp (the header's first eight bytes) and everything else unchanged.
static void Rebased(ScapWriter writer, ScapEvent e, ulong timestamp, byte[] buffer)
{
    var encoded = buffer.AsSpan(0, e.EncodedLength);
    System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(encoded, timestamp);
    System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(encoded[8..], e.ThreadId);
    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(encoded[16..], (uint)e.EncodedLength);
    System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(encoded[20..], e.Type);
    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(encoded[22..], (uint)e.ParamCount);
    e.RawLengths.CopyTo(encoded[26..]);
    e.RawValues.CopyTo(encoded[(26 + e.RawLengths.Length)..]);
    writer.WriteEvent(encoded, e.Cpu, e.DumpFlags);
}
