using System.Net;
using System.Security.Cryptography.X509Certificates;
using Inspect.Operator.Webhook;
using Inspect.Tls;

namespace Inspect.Operator.Tests.Support;

/// <summary>Calls to an operator's alert webhook as Falco (client certificate) or Falcosidekick (bearer token) make them.</summary>
internal static class WebhookCalls
{
    /// <summary>An HTTPS client of <paramref name="webhook"/> that trusts the test CA.</summary>
    public static HttpClient Client(WebhookSettings webhook, X509Certificate2? certificate = null, string? token = null)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, server, _, _) => server is not null && CertificateAuthorityCheck.IsIssuedBy(server, TestCertificates.Instance.Authority, out _),
        };
        if (certificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(certificate);
        }

        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{webhook.Listen.Port}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Waits until the operator behind <paramref name="webhook"/> leads: a standby answers 503.</summary>
    public static async Task WaitForLeaderAsync(WebhookSettings webhook, string token)
    {
        using var client = Client(webhook, token: token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await client.PostAsync("/falco", new StringContent("{}"), TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the operator never led");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
