namespace Inspect.Storage.Upload;

/// <summary>Exponential backoff with jitter: <see cref="Initial"/>, doubling up to <see cref="Max"/>, each delay between half and all of it.</summary>
public sealed record RetryPolicy
{
    public TimeSpan Initial { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
