using System.Net;

namespace Inspect.Storage.S3;

/// <summary>The object store answered a request with an error.</summary>
public sealed class S3RequestException : Exception
{
    public S3RequestException(string operation, HttpStatusCode status, string? code, string? message)
        : base($"{operation}: {(int)status} {code ?? status.ToString()}{(string.IsNullOrEmpty(message) ? "" : ": " + message)}")
    {
        Status = status;
        Code = code;
    }

    public S3RequestException()
    {
    }

    public S3RequestException(string message)
        : base(message)
    {
    }

    public S3RequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; }

    public string? Code { get; }

    /// <summary>
    /// Server errors, throttling and request timeouts may succeed when tried again; so may a 404 without S3's error
    /// document, which comes from something in front of the store's logic (a proxy, or a store still starting after an
    /// outage), not from the store saying the bucket or upload does not exist. Other refusals will not.
    /// </summary>
    public bool IsTransient =>
        (int)Status >= 500 || Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (Status == HttpStatusCode.NotFound && Code is null);
}
