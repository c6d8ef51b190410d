using Inspect.Crds.Capture;

namespace Inspect.Operator;

/// <summary>The default S3-compatible output for Captures that name none, from the chart's INSPECT_STORAGE_* environment.</summary>
public static class DefaultStorage
{
    /// <summary>The configured default, or null when no bucket is set.</summary>
    public static S3Output? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var bucket = environment("INSPECT_STORAGE_BUCKET");
        if (string.IsNullOrEmpty(bucket))
        {
            return null;
        }

        return new S3Output
        {
            Bucket = bucket,
            Endpoint = NullIfEmpty(environment("INSPECT_STORAGE_ENDPOINT")),
            Region = NullIfEmpty(environment("INSPECT_STORAGE_REGION")),
            Prefix = NullIfEmpty(environment("INSPECT_STORAGE_PREFIX")),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
