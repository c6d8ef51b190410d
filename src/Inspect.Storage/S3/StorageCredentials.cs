namespace Inspect.Storage.S3;

/// <summary>
/// An access key pair (and an optional session token). From the environment (<c>AWS_ACCESS_KEY_ID</c>,
/// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>) or a file of <c>name = value</c> lines with the same names
/// in either case (an AWS credentials file's <c>[default]</c> section, or a Secret's keys as env-style lines).
/// <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class StorageCredentials
{
    public StorageCredentials(string accessKey, string secretKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKey);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        AccessKey = accessKey;
        SecretKey = secretKey;
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
    }

    public string AccessKey { get; }

    internal string SecretKey { get; }

    internal string? SessionToken { get; }

    /// <summary>Credentials from the environment, or null when the access key or the secret is not set.</summary>
    public static StorageCredentials? FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var access = environment("AWS_ACCESS_KEY_ID");
        var secret = environment("AWS_SECRET_ACCESS_KEY");
        return string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret) ? null : new StorageCredentials(access, secret, environment("AWS_SESSION_TOKEN"));
    }

    /// <summary>Reads a credentials file; errors name the file and line, never a value.</summary>
    public static StorageCredentials FromFile(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        string? section = null;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.Trim('[', ']').Trim();
                continue;
            }

            // Only the default profile of an AWS credentials file; a file without sections is one profile.
            if (section is not null && section != "default")
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected NAME = VALUE");
            }

            var name = line[..equals].Trim();
            name = name.StartsWith("export ", StringComparison.Ordinal) ? name[7..].Trim() : name;
            values[name] = line[(equals + 1)..].Trim().Trim('"');
        }

        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        var access = Get("aws_access_key_id");
        var secret = Get("aws_secret_access_key");
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidDataException($"{path}: needs aws_access_key_id and aws_secret_access_key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
        }

        return new StorageCredentials(access, secret, Get("aws_session_token"));
    }

    public override string ToString() => $"access key {AccessKey} (secret hidden)";
}
