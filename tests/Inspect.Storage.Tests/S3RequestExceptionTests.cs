using System.Net;
using Inspect.Storage.S3;

namespace Inspect.Storage.Tests;

/// <summary>Which refusals of the store the upload retries.</summary>
public sealed class S3RequestExceptionTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, null, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown", true)]
    [InlineData(HttpStatusCode.TooManyRequests, null, true)]
    [InlineData(HttpStatusCode.NotFound, null, true)]
    [InlineData(HttpStatusCode.NotFound, "NoSuchUpload", false)]
    [InlineData(HttpStatusCode.NotFound, "NoSuchBucket", false)]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", false)]
    [InlineData(HttpStatusCode.BadRequest, "EntityTooSmall", false)]
    public void Only_refusals_that_may_pass_later_are_transient(HttpStatusCode status, string? code, bool transient) =>
        Assert.Equal(transient, new S3RequestException("upload part 3", status, code, null).IsTransient);
}
