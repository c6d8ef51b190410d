using System.Net;
using System.Text.Json;

namespace Inspect.Ui.Tests;

/// <summary>A streamed answer: the progress lines, then the result or the error.</summary>
public sealed record StreamedAnswer(HttpStatusCode Status, IReadOnlyList<JsonElement> Progress, JsonElement? Result, JsonElement? Error)
{
    public JsonElement Value => Result ?? throw new InvalidOperationException($"no result ({Status}): {Error}");
}

/// <summary>Calls the API as the browser does and splits its newline-delimited answers.</summary>
public sealed class UiClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };

    public async Task<StreamedAnswer> GetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var progress = new List<JsonElement>();
        JsonElement? result = null, error = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var element = JsonDocument.Parse(line).RootElement;
            if (element.TryGetProperty("progress", out _))
            {
                progress.Add(element);
            }
            else if (element.TryGetProperty("result", out var r))
            {
                result = r;
            }
            else if (element.TryGetProperty("error", out var e))
            {
                error = e;
            }
        }

        return new StreamedAnswer(response.StatusCode, progress, result, error);
    }

    public void Dispose() => _http.Dispose();
}
