using System.Net;
using Inspect.TestSupport;

namespace Inspect.Ui.Tests;

/// <summary>
/// The server opens only the captures under the directory it serves (or the one file it was started on): names that
/// climb out, absolute paths and symbolic links pointing outside are refused, and are not listed.
/// </summary>
public sealed class CaptureAccessTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-ui-access-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("inspect-ui-outside-").FullName;
    private UiServer? _server;
    private UiClient? _client;

    public async ValueTask InitializeAsync()
    {
        var served = Path.Combine(_dir, "served");
        Directory.CreateDirectory(Path.Combine(served, "sub"));
        File.Copy(RepoPaths.Sample("falco_cat_write.scap"), Path.Combine(served, "a.scap"));
        File.Copy(RepoPaths.Sample("libs_sample.scap"), Path.Combine(served, "sub", "b.scap"));
        File.WriteAllText(Path.Combine(served, "notes.txt"), "not a capture");
        File.Copy(RepoPaths.Sample("libs_sample.scap"), Path.Combine(_dir, "secret.scap"));
        File.Copy(RepoPaths.Sample("libs_sample.scap"), Path.Combine(_outside, "elsewhere.scap"));
        File.CreateSymbolicLink(Path.Combine(served, "link.scap"), Path.Combine(_outside, "elsewhere.scap"));
        _server = await UiServer.StartAsync(new UiOptions { Path = served, Listen = "127.0.0.1:0" });
        _client = new UiClient(_server.Address);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public async Task The_list_holds_the_captures_under_the_directory_only()
    {
        using var http = new HttpClient { BaseAddress = _server!.Address };
        var list = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/captures", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(["a.scap", "sub/b.scap"], list.GetProperty("captures").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(new FileInfo(RepoPaths.Sample("falco_cat_write.scap")).Length, list.GetProperty("captures")[0].GetProperty("size").GetInt64());
    }

    [Theory]
    [InlineData("a.scap")]
    [InlineData("sub/b.scap")]
    public async Task Captures_under_the_directory_open(string name)
    {
        var answer = await _client!.GetAsync($"/api/overview?capture={Uri.EscapeDataString(name)}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.NotNull(answer.Result);
    }

    [Theory]
    [InlineData("../secret.scap")]
    [InlineData("sub/../../secret.scap")]
    [InlineData("link.scap")]
    [InlineData("missing.scap")]
    public async Task Names_outside_the_directory_are_refused(string name)
    {
        foreach (var api in new[] { "overview", "view?view=procs&", "events", "io" })
        {
            var path = api.EndsWith('&') ? $"/api/{api}capture=" : $"/api/{api}?capture=";
            var answer = await _client!.GetAsync(path + Uri.EscapeDataString(name));
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Contains("not served", answer.Error!.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_absolute_path_is_refused_even_inside_the_directory()
    {
        var answer = await _client!.GetAsync("/api/overview?capture=" + Uri.EscapeDataString(Path.Combine(_dir, "served", "a.scap")));
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        var passwd = await _client.GetAsync("/api/overview?capture=%2Fetc%2Fpasswd");
        Assert.Equal(HttpStatusCode.NotFound, passwd.Status);
    }

    [Fact]
    public async Task Served_on_one_file_the_server_opens_that_file_only()
    {
        await using var single = await UiServer.StartAsync(new UiOptions { Path = Path.Combine(_dir, "served", "a.scap"), Listen = "127.0.0.1:0" });
        using var client = new UiClient(single.Address);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/overview?capture=a.scap")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/overview?capture=sub%2Fb.scap")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/overview?capture=link.scap")).Status);
    }

    [Fact]
    public async Task A_link_named_on_the_command_line_is_served_where_it_points()
    {
        await using var single = await UiServer.StartAsync(new UiOptions { Path = Path.Combine(_dir, "served", "link.scap"), Listen = "127.0.0.1:0" });
        using var client = new UiClient(single.Address);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/overview?capture=link.scap")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/overview?capture=a.scap")).Status);
    }

    [Fact]
    public async Task The_pages_are_served_from_the_assembly_for_any_app_path()
    {
        using var http = new HttpClient { BaseAddress = _server!.Address };
        var index = await http.GetStringAsync("/?capture=a.scap&page=view&view=procs", TestContext.Current.CancellationToken);
        Assert.Contains("<script src=\"/app.js\">", index, StringComparison.Ordinal);
        var script = await http.GetAsync("/app.js", TestContext.Current.CancellationToken);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.True(script.Content.Headers.ContentLength > 10_000, "the bundle holds the app and its chart library");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/nothing", TestContext.Current.CancellationToken)).StatusCode);
    }
}
