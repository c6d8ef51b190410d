using Inspect.Storage.S3;

namespace Inspect.Cli.Commands;

/// <summary>
/// The storage options the upload and fetch verbs share: <c>--endpoint URL</c> (or <c>AWS_ENDPOINT_URL</c>),
/// <c>--credentials FILE</c> (or <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>), <c>--region</c>, <c>--sse</c>.
/// Secrets are read, never printed.
/// </summary>
internal sealed class StorageArguments(string verb)
{
    public string? Endpoint { get; private set; }

    public string? CredentialsFile { get; private set; }

    public string? Region { get; private set; }

    public string? ServerSide { get; private set; }

    /// <summary>Takes <paramref name="option"/> when it is a storage option; false otherwise.</summary>
    public bool TryTake(string option, ArgumentCursor cursor)
    {
        switch (option)
        {
            case "--endpoint":
                Endpoint = cursor.ValueOf(option);
                return true;
            case "--credentials":
                CredentialsFile = cursor.ValueOf(option);
                return true;
            case "--region":
                Region = cursor.ValueOf(option);
                return true;
            case "--sse":
                ServerSide = cursor.ValueOf(option);
                return true;
            default:
                return false;
        }
    }

    public StorageEndpoint ToEndpoint()
    {
        var url = Endpoint ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL")
            ?? throw new UsageException($"{verb}: which object store? pass --endpoint URL (or set AWS_ENDPOINT_URL)");
        Uri parsed;
        try
        {
            parsed = StorageEndpoint.ParseUrl(url);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{verb}: --endpoint: {e.Message}");
        }

        var credentials = CredentialsFile is { } file
            ? StorageCredentials.FromFile(file)
            : StorageCredentials.FromEnvironment()
              ?? throw new UsageException($"{verb}: no storage credentials: pass --credentials FILE or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        var region = Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? StorageEndpoint.DefaultRegion;
        return new StorageEndpoint(parsed, credentials, region);
    }

    public ServerSideEncryption? ToServerSideEncryption()
    {
        try
        {
            return ServerSide is { } value ? ServerSideEncryption.Parse(value) : null;
        }
        catch (FormatException e)
        {
            throw new UsageException($"{verb}: --sse: {e.Message}");
        }
    }
}
