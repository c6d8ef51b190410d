using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Inspect.Tls;
using Inspect.Ui;
using Inspect.Ui.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inspect.Cli.Cluster;

/// <summary>
/// <c>inspect ui --cluster</c>'s local end: a server on a loopback address that forwards every request to the
/// operator's UI (over HTTPS, through a connection it is given: a port-forward to the operator pod) with the user's
/// bearer token added, and streams the answers back as they come, so progress and partial results reach the page.
/// Like <c>kubectl proxy</c>, it acts with the user's token for whoever can reach it: it listens on loopback only
/// and refuses requests addressed to any other host name (a web page cannot aim it at its own origin), and requests
/// that change something (creating a Capture) unless they come from the UI's own pages.
/// </summary>
public sealed class UiProxy : IAsyncDisposable
{
    // Any name will do: the connection goes where connect() takes it; the name is only what the requests carry.
    private static readonly Uri Upstream = new("https://inspect-operator-ui/");
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly string _token;

    private UiProxy(string listen, Func<CancellationToken, ValueTask<Stream>> connect, X509Certificate2? operatorCa, string token)
    {
        _token = token;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => connect(cancellationToken),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, operatorCa) },
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var endpoint = UiServer.ParseListen(listen);
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new ArgumentException($"--listen {listen}: the proxy carries your token, so it listens on a loopback address only");
        }

        builder.WebHost.UseKestrel(k => k.Listen(endpoint));
        _app = builder.Build();
        _app.Run(ForwardAsync);
    }

    /// <summary>The local address to open in the browser, once started.</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <param name="listen">The local address (<c>127.0.0.1:PORT</c>).</param>
    /// <param name="connect">Opens a connection to the operator's UI port.</param>
    /// <param name="operatorCa">The CA the operator's UI certificate must chain to; null to accept the certificate
    /// the port-forward reaches (the tunnel itself is the API server's authenticated TLS, and ends in the pod).</param>
    /// <param name="token">The user's bearer token.</param>
    public static async Task<UiProxy> StartAsync(string listen, Func<CancellationToken, ValueTask<Stream>> connect, X509Certificate2? operatorCa, string token)
    {
        var proxy = new UiProxy(listen, connect, operatorCa, token);
        await proxy._app.StartAsync().ConfigureAwait(false);
        return proxy;
    }

    public Task WaitForShutdownAsync() => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2? ca)
    {
        if (ca is null)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        // The name is not checked: the connection goes to the pod chosen through the API, not to a name.
        var presented = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return CertificateAuthorityCheck.IsIssuedBy(presented, ca, out _);
    }

    private async Task ForwardAsync(HttpContext http)
    {
        var host = http.Request.Host.Host;
        if (host is not ("127.0.0.1" or "localhost" or "[::1]" or "::1"))
        {
            await Refuse(http, 421, $"this proxy answers requests for localhost only, not for '{host}'").ConfigureAwait(false);
            return;
        }

        // The token goes on every request, so the proxy refuses a change sent by another site itself (the operator
        // cannot see the browser's Origin behind it).
        try
        {
            CrossSiteGuard.Demand(http.Request);
        }
        catch (ApiException e)
        {
            await Refuse(http, e.Status, e.Message).ConfigureAwait(false);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), new Uri(Upstream, http.Request.Path.Value + http.Request.QueryString.Value));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (!CrossSiteGuard.IsSafe(http.Request.Method))
        {
            request.Headers.Add(CrossSiteGuard.HeaderName, http.Request.Headers[CrossSiteGuard.HeaderName].ToString());
            request.Content = new StreamContent(http.Request.Body);
            if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type))
            {
                request.Content.Headers.ContentType = type;
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or k8s.Autorest.HttpOperationException or System.Net.WebSockets.WebSocketException)
        {
            await Refuse(http, 502, $"cannot reach the operator's UI: {Innermost(e).Message}").ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Content.Headers.Concat(response.Headers))
            {
                if (name is "Content-Type" or "Cache-Control" or "WWW-Authenticate" or "Content-Length")
                {
                    http.Response.Headers[name] = values.ToArray();
                }
            }

            // Copied a read at a time and flushed, so the progress lines arrive while the operator reads.
            await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted).ConfigureAwait(false);
            var buffer = new byte[16 * 1024];
            int n;
            try
            {
                while ((n = await body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    await http.Response.Body.WriteAsync(buffer.AsMemory(0, n), http.RequestAborted).ConfigureAwait(false);
                    await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The browser moved on.
            }
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private static Task Refuse(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync("{\"error\":" + Inspect.Ui.Streaming.StreamedResult.ErrorJson(message, null) + "}\n");
    }
}
