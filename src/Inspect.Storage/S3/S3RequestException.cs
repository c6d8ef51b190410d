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

    /// <summary>Server errors, throttling and request timeouts may succeed when tried again; other refusals will not.</summary>
    public bool IsTransient => (int)Status >= 500 || Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
