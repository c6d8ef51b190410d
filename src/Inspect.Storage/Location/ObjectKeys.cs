using System.Globalization;

namespace Inspect.Storage.Location;

/// <summary>
/// Object names of a capture (issue 8): <c>[prefix/]&lt;namespace&gt;/&lt;capture&gt;/&lt;node&gt;-&lt;start&gt;.scap.gz</c>
/// and its JSON summary beside it. Client-side encrypted captures end in <c>.scap.gz.enc</c>, so nothing mistakes
/// them for gzip.
/// </summary>
public static class ObjectKeys
{
    public const string CaptureSuffix = ".scap.gz";
    public const string EncryptedSuffix = ".enc";
    public const string SummarySuffix = ".summary.json";

    /// <summary>The capture object of a cluster capture.</summary>
    public static string ForClusterCapture(string? prefix, string @namespace, string capture, string node, DateTimeOffset start, bool encrypted) =>
        Join(prefix, $"{Segment(@namespace, "namespace")}/{Segment(capture, "capture")}/{FileName(node, start, encrypted)}");

    /// <summary>The capture object of a local recording uploaded under a prefix.</summary>
    public static string ForLocalCapture(string? prefix, string node, DateTimeOffset start, bool encrypted) =>
        Join(prefix, FileName(node, start, encrypted));

    /// <summary>The summary object beside a capture object.</summary>
    public static string SummaryOf(string captureKey)
    {
        ArgumentNullException.ThrowIfNull(captureKey);
        var name = captureKey.EndsWith(EncryptedSuffix, StringComparison.Ordinal) ? captureKey[..^EncryptedSuffix.Length] : captureKey;
        name = name.EndsWith(CaptureSuffix, StringComparison.Ordinal) ? name[..^CaptureSuffix.Length] : name;
        return name + SummarySuffix;
    }

    private static string FileName(string node, DateTimeOffset start, bool encrypted) =>
        $"{Segment(node, "node")}-{start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}{CaptureSuffix}{(encrypted ? EncryptedSuffix : "")}";

    private static string Join(string? prefix, string name) =>
        string.IsNullOrEmpty(prefix) ? name : prefix.TrimEnd('/') + "/" + name;

    private static string Segment(string value, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, what);
        if (value.Contains('/', StringComparison.Ordinal) || value is "." or "..")
        {
            throw new ArgumentException($"the {what} '{value}' cannot be part of an object key");
        }

        return value;
    }
}
