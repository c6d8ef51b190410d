using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui;

/// <summary>JSON objects in and out of the API's requests that are not queries (the Captures page's form).</summary>
public static class JsonBodies
{
    /// <summary>Answers <paramref name="body"/> with <paramref name="status"/>.</summary>
    public static async Task WriteAsync(HttpContext http, int status, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(body);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(body.ToJsonString() + "\n", http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The request's body: a JSON object of at most 64 KiB, or a 4xx <see cref="ApiException"/> saying what it is not.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        const int MaxBytes = 64 << 10;
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new ApiException(415, "send the form as a JSON object (Content-Type: application/json)");
        }

        if (http.Request.ContentLength > MaxBytes)
        {
            throw new ApiException(413, $"the form is larger than {MaxBytes} bytes");
        }

        // Read up to one byte past the limit, whatever the request says its length is.
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBytes)
            {
                throw new ApiException(413, $"the form is larger than {MaxBytes} bytes");
            }
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject ?? throw new ApiException(400, "the form must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new ApiException(400, $"the form is not valid JSON: {e.Message}");
        }
    }
}
