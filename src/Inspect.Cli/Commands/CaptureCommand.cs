using System.Globalization;
using Inspect.Cli.Cluster;
using Inspect.Storage.Download;
using Inspect.Storage.Encryption;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Minio.Exceptions;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect capture SUBCOMMAND</c>: <c>create</c>, <c>list</c>, <c>get</c> and <c>delete</c> work on Capture resources
/// in the cluster (<see cref="ClusterCaptureCommand"/>); <c>fetch s3://BUCKET/KEY OUT</c> downloads one
/// through the storage API and reports success only after checking its size, its SHA-256 and that it reads as a .scap.
/// </summary>
internal static class CaptureCommand
{
    private const string Help = """
        fetch s3://BUCKET/KEY OUT:
          --endpoint URL        the S3-compatible store (default: $AWS_ENDPOINT_URL)
          --credentials FILE    access key and secret (aws_access_key_id = ..., aws_secret_access_key = ...);
                                default: $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY
          --region NAME         signing region (default: $AWS_REGION or us-east-1)
          --key FILE            the key of a client-side encrypted capture (32 bytes raw, hex or base64)
          --sse c:FILE          the SSE-C key the object was stored with
        OUT is written only when the object's size and SHA-256 match what the upload recorded and the file reads as a
        valid .scap (gzip-compressed, as stored; sysdig and every inspect verb read it as it is).
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(ClusterCaptureCommand.Help + "\n\n" + Help);
            return args.Length == 0 ? CommandLine.ExitUsage : CommandLine.ExitOk;
        }

        return args[0] switch
        {
            "fetch" => Fetch(args[1..], stdout, stderr),
            "create" or "list" or "get" or "delete" => ClusterCaptureCommand.Run(args[0], args[1..], Console.In, stdout, stderr),
            _ => throw new UsageException($"capture: unknown subcommand '{args[0]}' (try `inspect capture --help`)"),
        };
    }

    private static int Fetch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var storage = new StorageArguments("capture fetch");
        var cursor = new ArgumentCursor(args);
        var positional = new List<string>();
        string? keyFile = null;
        while (cursor.HasMore)
        {
            var arg = cursor.Next();
            if (arg is "-h" or "--help")
            {
                stdout.WriteLine(Help);
                return CommandLine.ExitOk;
            }

            if (storage.TryTake(arg, cursor))
            {
                continue;
            }

            if (arg == "--key")
            {
                keyFile = cursor.ValueOf(arg);
            }
            else if (arg.StartsWith('-'))
            {
                throw new UsageException($"capture fetch: unknown option '{arg}' (try `inspect capture --help`)");
            }
            else
            {
                positional.Add(arg);
            }
        }

        if (positional.Count != 2)
        {
            throw new UsageException("capture fetch needs the object and the output file: inspect capture fetch s3://BUCKET/KEY OUT");
        }

        S3Uri source;
        try
        {
            source = S3Uri.Parse(positional[0]);
        }
        catch (FormatException e)
        {
            throw new UsageException($"capture fetch: {e.Message}");
        }

        if (source.Key.Length == 0 || source.Key.EndsWith('/'))
        {
            throw new UsageException($"capture fetch: {source} names no object (a key is needed, not a prefix)");
        }

        var key = keyFile is null ? null : KeyEncryptionKey.FromFile(keyFile);
        var fetcher = new CaptureFetcher(storage.ToEndpoint());
        FetchResult result;
        try
        {
            result = fetcher.FetchAsync(source, positional[1], key, storage.ToServerSideEncryption()).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MinioException or HttpRequestException or S3RequestException)
        {
            stderr.WriteLine($"inspect: capture fetch {source}: {e.Message}");
            return CommandLine.ExitFailure;
        }

        stderr.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"inspect: fetched {source} to {result.Path}: {result.ObjectBytes} bytes, SHA-256 {result.Sha256} as recorded, {result.Events} events read back{(result.KeyId is { } id ? $", decrypted with key {id}" : "")}"));
        if (result.LostBytes > 0)
        {
            stderr.WriteLine($"inspect: the upload of this capture reported {result.LostBytes} bytes lost while storage was unreachable");
        }

        return CommandLine.ExitOk;
    }
}
