using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Inspect.Agent.Capture;
using Inspect.Storage.Encryption;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Inspect.Storage.Upload;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect record --upload s3://BUCKET/PREFIX</c>: the capture streams to object storage while it is recorded
/// (gzip, parts of bounded size, a spool on disk while the store is unreachable), as <c>PREFIX/HOST-START.scap.gz</c>
/// with a summary object beside it; optionally encrypted client-side (<c>--encrypt-key</c>) or server-side (<c>--sse</c>).
/// </summary>
internal sealed class RecordUpload
{
    public const string HelpText = """
          --upload s3://BUCKET/PREFIX   stream the capture to object storage instead of -o, as
                               PREFIX/HOST-STARTUTC.scap.gz (+ .summary.json beside it)
          --endpoint URL       the S3-compatible store (default: $AWS_ENDPOINT_URL)
          --credentials FILE   access key and secret (default: $AWS_ACCESS_KEY_ID, $AWS_SECRET_ACCESS_KEY)
          --region NAME        signing region (default: $AWS_REGION or us-east-1)
          --encrypt-key FILE   encrypt client-side (AES-256-GCM, docs/encryption.md) with this 256-bit key
          --sse KIND           server-side encryption: s3, kms:KEY-ID or c:KEY-FILE
          --part-size N        upload part size (default 8M, at least 5M)
          --spool-dir DIR      where parts wait while the store is unreachable (default: $TMPDIR/inspect-spool)
          --spool-quota N      disk the spool may use (default 1G); beyond it data is dropped and reported
        """;

    private readonly StorageArguments _storage = new("record");
    private string? _target;
    private string? _encryptKey;
    private UploadOptions _options = new();

    public bool Requested => _target is not null;

    /// <summary>Takes an upload option; false when <paramref name="option"/> is none.</summary>
    public bool TryTake(string option, ArgumentCursor cursor, Func<string, string, long> bytes)
    {
        if (_storage.TryTake(option, cursor))
        {
            return true;
        }

        switch (option)
        {
            case "--upload":
                _target = cursor.ValueOf(option);
                return true;
            case "--encrypt-key":
                _encryptKey = cursor.ValueOf(option);
                return true;
            case "--part-size":
                _options = _options with { PartSize = (int)Math.Min(int.MaxValue, bytes(option, cursor.ValueOf(option))) };
                return true;
            case "--spool-dir":
                _options = _options with { SpoolDirectory = cursor.ValueOf(option) };
                return true;
            case "--spool-quota":
                _options = _options with { SpoolQuota = bytes(option, cursor.ValueOf(option)) };
                return true;
            default:
                return false;
        }
    }

    /// <summary>Where the capture goes, for messages.</summary>
    public string Describe() => _target ?? "";

    /// <summary>Checks the options and starts the upload; the sink writes the capture into it.</summary>
    public S3CaptureSink Start(TextWriter stderr)
    {
        S3Uri target;
        try
        {
            target = S3Uri.Parse(_target!);
        }
        catch (FormatException e)
        {
            throw new UsageException($"record: --upload: {e.Message}");
        }

        var options = _options with
        {
            ClientSideKey = _encryptKey is null ? null : KeyEncryptionKey.FromFile(_encryptKey),
            ServerSide = _storage.ToServerSideEncryption(),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"record: {e.Message}");
        }

        var key = ObjectKeys.ForLocalCapture(target.Key, Dns.GetHostName(), DateTimeOffset.UtcNow, encrypted: options.ClientSideKey is not null);
        var upload = CaptureUploadStream.Start(_storage.ToEndpoint(), target.Bucket, key, options, log: line => stderr.WriteLine($"\ninspect: {line}"));
        _target = $"s3://{target.Bucket}/{key}";
        return new S3CaptureSink(upload);
    }

    /// <summary>Finishes the upload and says where the capture is and whether anything was lost; false when it did not complete.</summary>
    public static bool Complete(S3CaptureSink sink, CaptureResult capture, TextWriter stderr)
    {
        var details = new JsonObject
        {
            ["events"] = capture.Events,
            ["bytes"] = capture.Bytes,
            ["drops"] = capture.Drops,
            ["containers"] = capture.Containers,
            ["elapsedSeconds"] = capture.Elapsed.TotalSeconds,
            ["stopReason"] = capture.Reason.ToString(),
        };
        var result = sink.CompleteAsync(details).GetAwaiter().GetResult();
        if (result.Complete)
        {
            stderr.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"inspect: uploaded {result.Uri}: {result.ObjectBytes} bytes in {result.Parts} parts, SHA-256 {result.Sha256}{(result.KeyId is { } id ? $", encrypted with key {id}" : "")}"));
        }
        else
        {
            stderr.WriteLine($"inspect: upload of {result.Uri} did not complete: {result.Error}; what was not sent is kept in {result.SpoolDirectory}");
        }

        if (result.LostBytes > 0)
        {
            stderr.WriteLine($"inspect: {result.LostBytes} capture bytes ({result.LostWrites} blocks) were lost: storage was unreachable and the spool quota was full");
        }

        return result.Complete;
    }
}
