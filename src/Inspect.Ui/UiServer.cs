using System.Globalization;
using System.Net;
using System.Text.Json;
using Inspect.Analysis.Overview;
using Inspect.Analysis.Views;
using Inspect.Ui.Assets;
using Inspect.Ui.Captures;
using Inspect.Ui.Queries;
using Inspect.Ui.Security;
using Inspect.Ui.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inspect.Ui;

/// <summary>
/// The web server of <c>inspect ui</c>: the JSON API over the served captures (docs/ui-api.md) and the front end's
/// pages. Every query re-reads its capture; only small results are cached.
/// </summary>
public sealed class UiServer : IAsyncDisposable
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 5000;

    private readonly WebApplication _app;
    private readonly ICaptureCatalog _captures;
    private readonly ICaptureResources? _resources;
    private readonly Func<string, Inspect.Scap.Reading.ScapReader> _open;
    private readonly ProgressPacing _pacing;
    private readonly ResultCache _cache = new();

    private UiServer(UiOptions options)
    {
        _captures = options.Catalog ?? new CaptureDirectory(options.Path);
        _resources = options.Resources;
        _open = options.OpenCapture;
        _pacing = options.Pacing;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(ParseListen(options.Listen), listen =>
        {
            if (options.Certificate is { } certificate)
            {
                listen.UseHttps(certificate);
            }
        }));
        _app = builder.Build();
        _app.Use(RefuseErrors);
        var gate = options.Gate;
        _app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                CrossSiteGuard.Demand(http.Request);
                if (gate is not null)
                {
                    await gate(http).ConfigureAwait(false);
                }
            }

            await next(http).ConfigureAwait(false);
        });

        _app.MapGet("/api/captures", Captures);
        if (_resources is { } resources)
        {
            _app.MapGet("/api/cluster/captures", async (HttpContext http) => await JsonBodies.WriteAsync(http, 200, await resources.ListAsync(http, http.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));
            _app.MapPost("/api/cluster/captures", async (HttpContext http) =>
            {
                var form = await JsonBodies.ReadObjectAsync(http).ConfigureAwait(false);
                await JsonBodies.WriteAsync(http, 201, await resources.CreateAsync(http, form, http.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
            });
        }

        _app.MapGet("/api/views", Views);
        _app.MapGet("/api/overview", Overview);
        _app.MapGet("/api/view", View);
        _app.MapGet("/api/events", Events);
        _app.MapGet("/api/io", IoStreams);
        _app.MapGet("/api/{**rest}", (HttpContext http) => throw new ApiException(404, $"no API {http.Request.Path}"));
        _app.MapGet("/{**path}", EmbeddedAssets.ServeAsync);
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:8080/</c>, once started.</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<UiServer> StartAsync(UiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new UiServer(options);
        await server._app.StartAsync().ConfigureAwait(false);
        return server;
    }

    public Task WaitForShutdownAsync() => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    /// <summary>Reads <c>HOST:PORT</c>; the host is an IP address or <c>localhost</c>.</summary>
    public static IPEndPoint ParseListen(string listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var colon = listen.LastIndexOf(':');
        var host = colon > 0 ? listen[..colon].Trim('[', ']') : "";
        if (colon <= 0 || !int.TryParse(listen[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ArgumentException($"--listen '{listen}': expected HOST:PORT, e.g. 127.0.0.1:8080");
        }

        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : throw new ArgumentException($"--listen '{listen}': the host must be an IP address or localhost");
        return new IPEndPoint(address, port);
    }

    // Refusals become {"error":{"message":...,"column":N}} with their status, before any of the answer was sent.
    private static async Task RefuseErrors(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            http.Response.StatusCode = e.Status;
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync("{\"error\":" + StreamedResult.ErrorJson(e.Message, e.Column) + "}\n").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The browser moved on; the read stopped at its next progress check.
        }
    }

    private async Task Captures(HttpContext http)
    {
        var list = await _captures.ListAsync(http, http.RequestAborted).ConfigureAwait(false);
        await Results.Text(Json(w =>
        {
            w.WriteString("root", _captures.Title);
            // The Captures page then lists the Capture resources (/api/cluster/captures) and offers to create one.
            w.WriteBoolean("cluster", _resources is not null);
            w.WriteStartArray("captures");
            foreach (var c in list)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                WriteOptional(w, "size", c.Size);
                w.WriteString("modified", c.Modified?.ToString("O", CultureInfo.InvariantCulture));
                WriteOptional(w, "namespace", c.Namespace);
                WriteOptional(w, "capture", c.Capture);
                WriteOptional(w, "node", c.Node);
                WriteOptional(w, "phase", c.Phase);
                WriteOptional(w, "artifact", c.Artifact);
                WriteOptional(w, "unavailable", c.Unavailable);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }), "application/json").ExecuteAsync(http).ConfigureAwait(false);
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static IResult Views() => Results.Text(Json(w =>
    {
        w.WriteStartArray("views");
        foreach (var v in ViewCatalog.All)
        {
            w.WriteStartObject();
            w.WriteString("id", v.Id);
            w.WriteString("name", v.Name);
            w.WriteString("drillDownTarget", ViewFilters.Template(v).Length > 0 ? v.DrilldownTarget : null);
            w.WriteBoolean("rowsHaveEvents", v.DrillDownKeyField is not null);
            w.WriteStartArray("columns");
            foreach (var c in v.Columns)
            {
                w.WriteStringValue(c.Name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }), "application/json");

    private async Task Overview(HttpContext http)
    {
        var samples = Number(http.Request, "samples", OverviewQuery.DefaultSamples, 1, OverviewOptions.BaseSamples);
        CaptureQuery query = null!;
        await StreamedResult.WriteAsync(http, Resolve(http, q => query = q), progress =>
        {
            var key = "overview\u001f" + samples + "\u001f" + query.CacheKey;
            if (_cache.TryGet<string>(key, out var cached))
            {
                return cached;
            }

            var json = OverviewQuery.Compute(query, samples, _open, progress);
            _cache.Add(key, json, json.Length / 100);
            return json;
        }, _pacing).ConfigureAwait(false);
    }

    private async Task View(HttpContext http)
    {
        var id = http.Request.Query["view"].ToString();
        var view = ViewCatalog.Find(id) ?? throw new ApiException(400, $"view '{id}': unknown (known: {string.Join(", ", ViewCatalog.All.Select(v => v.Id))})");
        var sort = http.Request.Query["sort"].ToString();
        var page = new ViewPage(
            sort.Length == 0 ? null : Number(http.Request, "sort", 0, 0, view.Columns.Count - 1),
            http.Request.Query["reverse"] == "1",
            Number(http.Request, "offset", 0, 0, int.MaxValue),
            Number(http.Request, "limit", DefaultPageSize, 1, MaxPageSize));
        CaptureQuery query = null!;
        await StreamedResult.WriteAsync(http, Resolve(http, q => query = q), progress =>
        {
            var key = "view\u001f" + view.Id + "\u001f" + query.CacheKey;
            if (!_cache.TryGet<ViewResult>(key, out var result))
            {
                result = ViewQuery.Compute(view, query, _open, progress);
                _cache.Add(key, result, result.Rows.Count);
            }

            return ViewQuery.Page(result, page);
        }, _pacing).ConfigureAwait(false);
    }

    private async Task Events(HttpContext http)
    {
        var offset = Number(http.Request, "offset", 0, 0, int.MaxValue);
        var limit = Number(http.Request, "limit", DefaultPageSize, 1, MaxPageSize);
        CaptureQuery query = null!;
        await StreamedResult.WriteAsync(http, Resolve(http, q => query = q), progress => EventListQuery.Syscalls(query, offset, limit, _open, progress), _pacing).ConfigureAwait(false);
    }

    private async Task IoStreams(HttpContext http)
    {
        var text = http.Request.Query["format"].ToString();
        var rendering = text.Length == 0 ? PayloadRendering.Printable
            : Enum.TryParse<PayloadRendering>(text, ignoreCase: true, out var r) && !int.TryParse(text, out _) ? r
            : throw new ApiException(400, $"format '{text}': use printable, hex or ascii");
        var offset = Number(http.Request, "offset", 0, 0, int.MaxValue);
        var limit = Number(http.Request, "limit", DefaultPageSize, 1, MaxPageSize);
        CaptureQuery query = null!;
        await StreamedResult.WriteAsync(http, Resolve(http, q => query = q), progress => EventListQuery.IoStreams(query, rendering, offset, limit, _open, progress), _pacing).ConfigureAwait(false);
    }

    // For StreamedResult: parses the request's query and finds its capture (which may mean fetching it from storage,
    // reported as the download), hands the query over and answers the capture's size.
    private Func<QueryProgress, Task<long>> Resolve(HttpContext http, Action<CaptureQuery> found) => async progress =>
    {
        var query = await CaptureQuery.ParseAsync(http, _captures, progress).ConfigureAwait(false);
        found(query);
        return query.Capture.Length;
    };

    private static int Number(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ApiException(400, $"{name} '{text}': a whole number from {min} to {max}");
    }

    private static string Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
