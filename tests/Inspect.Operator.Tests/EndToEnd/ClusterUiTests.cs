using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.TestServer.Auth;
using Inspect.Operator.Controllers;
using Inspect.Operator.Tests.Support;
using Inspect.Operator.Ui;
using Inspect.Storage.Tests;
using Inspect.Tls;
using Inspect.Ui;
using Inspect.Ui.Streaming;
using k8s;
using k8s.Models;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// The web UI the operator serves over the cluster's Captures, against the API test server (TokenReview and
/// SubjectAccessReview answered from its users and grants) and a real S3 API (s3rver): two users with access to
/// different namespaces each list and open only their own Captures; an artifact fetched from S3 shows the same
/// overview and views as the same bytes served by <c>inspect ui</c> from a local file; a node-directory artifact,
/// a missing token, a foreign namespace and unreachable storage are refused with their reasons.
/// </summary>
public sealed class ClusterUiTests
{
    private const string SecretName = "capture-storage";
    private const string AliceToken = "alice-token";
    private const string BobToken = "bob-token";

    [Fact]
    public async Task Users_see_and_open_only_the_captures_of_namespaces_where_they_may_get_captures()
    {
        using var s3 = S3rverServer.StartOrSkip();
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            cluster.Server.CreateNamespace(ns);
            await CreateSecretAsync(cluster, ns);
        }

        // alice may get Captures in team-a (through her group), bob in team-b; neither elsewhere.
        cluster.Server.Access.AddUser("alice", AliceToken, "team-a-investigators");
        cluster.Server.Access.AddUser("bob", BobToken);
        cluster.Server.Access.Allow(new AccessRule("team-a-investigators", ["get", "list"], ["captures"], "team-a", InspectNames.Group));
        cluster.Server.Access.Allow(new AccessRule("bob", ["get"], ["captures"], "team-b", InspectNames.Group));
        // A grant on another resource or group in team-b gives alice nothing there.
        cluster.Server.Access.Allow(new AccessRule("alice", ["get"], ["pods"], "team-b", ""));

        var cache = Path.Join(cluster.Root, "ui-cache");
        var ui = new UiSettings { Listen = FreePort.Loopback(), ServerCertificate = TestCertificates.Instance.Webhook, CacheDirectory = cache };
        await cluster.StartOperatorAsync(ui: ui);
        await CreateAsync(cluster, S3Capture("team-a", "a-s3", s3));
        await CreateAsync(cluster, NodeDirectoryCapture("team-a", "a-local"));
        await CreateAsync(cluster, S3Capture("team-b", "b-s3", s3));
        var aS3 = await WaitFinishedAsync(cluster, "team-a", "a-s3");
        await WaitFinishedAsync(cluster, "team-a", "a-local");
        await WaitFinishedAsync(cluster, "team-b", "b-s3");

        using var anonymous = Client(ui, token: null);
        using var stranger = Client(ui, "not-a-token");
        using var alice = Client(ui, AliceToken);
        using var bob = Client(ui, BobToken);

        // Without a token, or with one the API server does not know: 401 with the reason.
        var (status, body) = await GetAsync(anonymous, "/api/captures");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("no bearer token", Message(body), StringComparison.Ordinal);
        (status, body) = await GetAsync(stranger, "/api/overview?capture=team-a/a-s3/node-a");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("did not accept the bearer token", Message(body), StringComparison.Ordinal);

        // Each user lists only the Captures of their namespace, one entry per node.
        Assert.Equal(["team-a/a-local/node-a", "team-a/a-s3/node-a"], await NamesAsync(alice));
        Assert.Equal(["team-b/b-s3/node-a"], await NamesAsync(bob));
        var local = (await ListAsync(alice)).Single(c => c.GetProperty("name").GetString() == "team-a/a-local/node-a");
        Assert.Contains("which the operator cannot reach", local.GetProperty("unavailable").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("file://", local.GetProperty("artifact").GetString(), StringComparison.Ordinal);

        // Opening another namespace's Capture is forbidden, whether it exists or not.
        foreach (var name in new[] { "team-b/b-s3/node-a", "team-b/no-such-capture/node-a" })
        {
            (status, body) = await GetAsync(alice, "/api/overview?capture=" + Uri.EscapeDataString(name));
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("user \"alice\" may not get captures.inspect.dev in namespace \"team-b\"", Message(body));
        }

        (status, body) = await GetAsync(bob, "/api/view?view=procs&capture=team-a/a-s3/node-a");
        Assert.Equal(HttpStatusCode.Forbidden, status);

        // A node-directory artifact is not reachable from the operator: 409 naming where it is.
        (status, body) = await GetAsync(alice, "/api/overview?capture=team-a/a-local/node-a");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("stored in a directory on node node-a", Message(body), StringComparison.Ordinal);

        // alice's own Capture opens from S3 and shows what the same bytes show as a local file in `inspect ui`.
        var object_ = S3Objects.Read(s3, S3Objects.KeyOf(aS3.Status!.Nodes![0].ArtifactUri!));
        var localDir = Directory.CreateDirectory(Path.Join(cluster.Root, "local")).FullName;
        await File.WriteAllBytesAsync(Path.Join(localDir, "a.scap.gz"), object_, TestContext.Current.CancellationToken);
        await using var localUi = await UiServer.StartAsync(new UiOptions { Path = localDir, Listen = "127.0.0.1:0" });
        using var plain = new HttpClient { BaseAddress = localUi.Address };
        foreach (var query in new[] { "/api/overview?samples=10", "/api/view?view=procs", "/api/events?limit=20" })
        {
            var inCluster = await ResultAsync(alice, query + "&capture=team-a/a-s3/node-a");
            var asFile = await ResultAsync(plain, query + "&capture=a.scap.gz");
            Assert.Equal(asFile, inCluster);
        }

        // Not an empty answer compared with another: the synthetic probe's events are there.
        var events = JsonDocument.Parse(await ResultAsync(alice, "/api/events?limit=20&capture=team-a/a-s3/node-a")).RootElement;
        Assert.Equal(20, events.GetProperty("lines").GetArrayLength());

        // The artifact was fetched once, into the cache directory.
        Assert.Single(Directory.GetFiles(cache, "*.scap.gz"));

        // Storage that cannot be reached: 502 naming the object; once it is back, the same request succeeds.
        s3.Stop();
        (status, body) = await GetAsync(bob, "/api/overview?capture=team-b/b-s3/node-a");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("cannot fetch s3://", Message(body), StringComparison.Ordinal);
        s3.Start();
        await ResultAsync(bob, "/api/overview?capture=team-b/b-s3/node-a");
        Assert.Equal(2, Directory.GetFiles(cache, "*.scap.gz").Length);
    }

    [Fact]
    public async Task An_uncached_artifact_reports_its_download_before_it_is_read()
    {
        using var s3 = S3rverServer.StartOrSkip();
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        cluster.Server.CreateNamespace("team-a");
        await CreateSecretAsync(cluster, "team-a");
        cluster.Server.Access.AddUser("alice", AliceToken);
        cluster.Server.Access.Allow(new AccessRule("alice", ["get"], ["captures"], "team-a", InspectNames.Group));
        // Storage behind a relay that sends answers 4 KiB at a time, 20 ms apart, and progress every 10 ms: the small
        // artifact's download lasts long enough to be reported several times on any machine.
        await using var slowStorage = new SlowRelay(s3.Port, 4096, TimeSpan.FromMilliseconds(20));
        var ui = new UiSettings
        {
            Listen = FreePort.Loopback(),
            ServerCertificate = TestCertificates.Instance.Webhook,
            CacheDirectory = Path.Join(cluster.Root, "ui-cache"),
            Pacing = new ProgressPacing(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)),
        };
        await cluster.StartOperatorAsync(ui: ui);
        await CreateAsync(cluster, S3Capture("team-a", "a-s3", s3, slowStorage.Url));
        var capture = await WaitFinishedAsync(cluster, "team-a", "a-s3");
        var stored = S3Objects.Read(s3, S3Objects.KeyOf(capture.Status!.Nodes![0].ArtifactUri!)).LongLength;
        using var alice = Client(ui, AliceToken);
        const string Overview = "/api/overview?samples=10&capture=team-a/a-s3/node-a";

        // The first query fetches the artifact: download lines (bytes of the stored object's size) come first, then
        // the read's lines and the result.
        var (status, body) = await GetAsync(alice, Overview);
        Assert.Equal(HttpStatusCode.OK, status);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var downloads = lines.TakeWhile(IsDownload).ToList();
        Assert.True(downloads.Count > 1, "not several download lines before the read: " + body);
        Assert.DoesNotContain(lines.Skip(downloads.Count), IsDownload);
        long previous = 0;
        foreach (var line in downloads)
        {
            var bytes = line.GetProperty("bytes").GetInt64();
            Assert.Equal(stored, line.GetProperty("total").GetInt64());
            Assert.InRange(bytes, previous, stored);
            Assert.Equal(Math.Round(bytes * 100.0 / stored, 1), line.GetProperty("progress").GetDouble(), 1);
            previous = bytes;
        }

        Assert.True(lines[^1].TryGetProperty("result", out var fetched), body);

        // Once cached, the same query reads at once: no download, the same result.
        (status, body) = await GetAsync(alice, Overview);
        var again = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.DoesNotContain(again, IsDownload);
        Assert.Equal(fetched.GetRawText(), again[^1].GetProperty("result").GetRawText());
    }

    private static bool IsDownload(JsonElement line) => line.TryGetProperty("phase", out var phase) && phase.GetString() == "download";

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    internal static string Message(string body) =>
        JsonDocument.Parse(body.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.GetProperty("error").GetProperty("message").GetString()!;

    // The result line of a streamed answer, as raw JSON.
    private static async Task<string> ResultAsync(HttpClient client, string path)
    {
        var (status, body) = await GetAsync(client, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        var last = JsonDocument.Parse(body.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.True(last.TryGetProperty("result", out var result), $"{path}: {body}");
        return result.GetRawText();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client)
    {
        var (status, body) = await GetAsync(client, "/api/captures");
        Assert.True(status == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("captures").EnumerateArray()];
    }

    private static async Task<string[]> NamesAsync(HttpClient client) =>
        [.. (await ListAsync(client)).Select(c => c.GetProperty("name").GetString()!)];

    internal static HttpClient Client(UiSettings ui, string? token)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, server, _, _) => server is not null && CertificateAuthorityCheck.IsIssuedBy(server, TestCertificates.Instance.Authority, out _),
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{ui.Listen.Port}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A Capture stored in <paramref name="s3"/>, reached through <paramref name="endpoint"/> when given (a relay).</summary>
    internal static V1Alpha1Capture S3Capture(string ns, string name, S3rverServer s3, Uri? endpoint = null)
    {
        var capture = NodeDirectoryCapture(ns, name);
        capture.Spec.Output = new CaptureOutput
        {
            S3 = new S3Output
            {
                Endpoint = (endpoint ?? s3.Url).ToString().TrimEnd('/'),
                Bucket = S3rverServer.Bucket,
                Prefix = "ui",
                CredentialsSecret = new S3CredentialsSecret { Name = SecretName },
            },
        };
        return capture;
    }

    private static V1Alpha1Capture NodeDirectoryCapture(string ns, string name)
    {
        var capture = OperatorCluster.WholeNodeCapture(name, "1s");
        capture.Metadata.NamespaceProperty = ns;
        return capture;
    }

    private static Task<V1Alpha1Capture> CreateAsync(OperatorCluster cluster, V1Alpha1Capture capture) =>
        cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1Capture>(capture, InspectNames.Group, InspectNames.Version, capture.Metadata.NamespaceProperty, "captures");

    internal static async Task<V1Alpha1Capture> WaitFinishedAsync(OperatorCluster cluster, string ns, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var capture = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, ns, "captures", name);
            if (StatusRollup.IsFinished(capture.Status?.Phase))
            {
                Assert.True(capture.Status!.Phase == CapturePhase.Succeeded, KubernetesJson.Serialize(capture.Status));
                return capture;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{ns}/{name} did not finish: {(capture.Status is null ? "no status" : KubernetesJson.Serialize(capture.Status))}");
            }

            await Task.Delay(200);
        }
    }

    internal static Task<V1Secret> CreateSecretAsync(OperatorCluster cluster, string ns) => cluster.CreateStorageSecretAsync(ns, SecretName);
}
