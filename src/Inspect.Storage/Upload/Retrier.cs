using System.Net.Sockets;
using Inspect.Storage.S3;
using Minio.Exceptions;

namespace Inspect.Storage.Upload;

/// <summary>Runs a storage call until it succeeds, waiting with backoff after each failure that may pass (network, 5xx, throttling).</summary>
internal sealed class Retrier(RetryPolicy policy, Action<string>? log)
{
    /// <summary>Set while the last call failed and is being retried: the store looks unreachable.</summary>
    public bool Failing { get; private set; }

    public string? LastError { get; private set; }

    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await call(cancel).ConfigureAwait(false);
                if (Failing)
                {
                    log?.Invoke($"storage reachable again: {what} succeeded");
                }

                Failing = false;
                return result;
            }
            catch (Exception e) when (IsTransient(e, cancel))
            {
                Failing = true;
                LastError = $"{what}: {e.Message}";
                var delay = policy.Delay(attempt);
                log?.Invoke($"storage unreachable ({LastError}); retrying in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LastError = $"{what}: {e.Message}";
                throw;
            }
        }
    }

    public Task RunAsync(string what, Func<CancellationToken, Task> call, CancellationToken cancel) =>
        RunAsync(what, async c => { await call(c).ConfigureAwait(false); return true; }, cancel);

    private static bool IsTransient(Exception e, CancellationToken cancel) => e switch
    {
        S3RequestException s3 => s3.IsTransient,
        HttpRequestException or IOException or SocketException => true,

        // HttpClient's own timeout surfaces as a cancellation that is not ours.
        OperationCanceledException => !cancel.IsCancellationRequested,
        ConnectionException or InternalClientException => true,
        MinioException { InnerException: { } inner } => IsTransient(inner, cancel),
        _ => false,
    };
}
