using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.TestServer.Auth;
using Inspect.Operator.Tests.Support;
using Inspect.Operator.Ui;
using Inspect.Ui.Security;
using k8s;
using k8s.Autorest;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// The Captures page's form in the operator's UI, against the API test server: a user allowed to create Captures in
/// a namespace (SubjectAccessReview) creates one with the spec the form describes; a user who may only read, or a
/// namespace where the user may not create, is refused with 403 and nothing is created; the API server's schema and
/// CEL refusals, an existing name and malformed labels come back readably; a POST without the UI's header or from another
/// origin is refused before anything else.
/// </summary>
public sealed class ClusterUiCaptureFormTests
{
    private const string AliceToken = "alice-token";
    private const string BobToken = "bob-token";

    [Fact]
    public async Task The_form_creates_a_Capture_only_for_users_who_may_create_one_there()
    {
        // The API server checks the CRD's CEL rules too, as the real one does.
        await using var cluster = await OperatorCluster.StartWithCelAsync("node-a");
        cluster.Server.CreateNamespace("team-a");
        cluster.Server.CreateNamespace("team-b");
        // alice may create Captures in team-a (and read them); bob may only read them there.
        cluster.Server.Access.AddUser("alice", AliceToken);
        cluster.Server.Access.AddUser("bob", BobToken);
        cluster.Server.Access.Allow(new AccessRule("alice", ["get", "list", "create"], ["captures"], "team-a", InspectNames.Group));
        cluster.Server.Access.Allow(new AccessRule("alice", ["get"], ["captures"], "team-b", InspectNames.Group));
        cluster.Server.Access.Allow(new AccessRule("bob", ["get"], ["captures"], "team-a", InspectNames.Group));
        var ui = new UiSettings { Listen = FreePort.Loopback(), ServerCertificate = TestCertificates.Instance.Webhook, CacheDirectory = Path.Join(cluster.Root, "ui-cache") };
        await cluster.StartOperatorAsync(ui: ui);
        using var alice = ClusterUiTests.Client(ui, AliceToken);
        using var bob = ClusterUiTests.Client(ui, BobToken);

        // alice creates one: the Capture has the spec the form describes, and says who asked for it.
        var (status, body) = await PostAsync(alice, Form("team-a", "web-incident"));
        Assert.True(status == HttpStatusCode.Created, body);
        Assert.Equal("web-incident", JsonNode.Parse(body)!["name"]!.GetValue<string>());
        var created = await GetAsync(cluster, "team-a", "web-incident");
        Assert.NotNull(created);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }, created.Spec.Targets!.PodSelector!.MatchLabels);
        Assert.Null(created.Spec.Targets.PodNames);
        Assert.Equal("5s", created.Spec.Duration);
        Assert.Equal(120, created.Spec.Snaplen);
        Assert.Equal("proc.name=nginx", created.Spec.Filter);
        Assert.Equal("incidents", created.Spec.Output!.NodeDirectory!.Path);
        Assert.Equal(TriggerSource.Manual, created.Spec.Trigger!.Source);
        Assert.Equal("alice", created.Metadata.Annotations[CaptureForm.CreatedByAnnotation]);

        // Pod names, and the operator's default storage (no output in the spec).
        var byName = Form("team-a", "by-name");
        byName["target"] = "podNames";
        byName["targetValue"] = "web-0, web-1";
        byName["output"] = "default";
        (status, body) = await PostAsync(alice, byName);
        Assert.True(status == HttpStatusCode.Created, body);
        var named = (await GetAsync(cluster, "team-a", "by-name"))!;
        Assert.Equal(["web-0", "web-1"], named.Spec.Targets!.PodNames!);
        Assert.Null(named.Spec.Output);

        // Both are on the Captures page, with their phase.
        using (var listed = await alice.GetAsync("/api/cluster/captures", TestContext.Current.CancellationToken))
        {
            var captures = JsonDocument.Parse(await listed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("captures");
            var mine = captures.EnumerateArray().Where(c => c.GetProperty("namespace").GetString() == "team-a").Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
            Assert.Equal(["by-name", "web-incident"], mine);
            Assert.All(captures.EnumerateArray(), c => Assert.False(string.IsNullOrEmpty(c.GetProperty("phase").GetString())));
        }

        // bob may read Captures in team-a but not create them; alice may not create in team-b: 403, nothing created.
        (status, body) = await PostAsync(bob, Form("team-a", "from-bob"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("user \"bob\" may not create captures.inspect.dev in namespace \"team-a\"", ClusterUiTests.Message(body));
        Assert.Null(await GetAsync(cluster, "team-a", "from-bob"));
        (status, body) = await PostAsync(alice, Form("team-b", "elsewhere"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("user \"alice\" may not create captures.inspect.dev in namespace \"team-b\"", ClusterUiTests.Message(body));
        Assert.Null(await GetAsync(cluster, "team-b", "elsewhere"));

        // The API server's schema refusals come back with its status and its message, naming the field.
        var tooLong = Form("team-a", "too-long");
        tooLong["snaplen"] = "70000";
        tooLong["duration"] = "soon";
        (status, body) = await PostAsync(alice, tooLong);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var message = ClusterUiTests.Message(body);
        Assert.StartsWith("the API server refused Capture team-a/too-long: ", message, StringComparison.Ordinal);
        Assert.Contains("spec.snaplen", message, StringComparison.Ordinal);
        Assert.Contains("65000", message, StringComparison.Ordinal);
        Assert.Contains("spec.duration", message, StringComparison.Ordinal);
        Assert.Null(await GetAsync(cluster, "team-a", "too-long"));

        // A CEL rule's refusal: a Capture needs a limit, and the form left the duration empty.
        var noLimit = Form("team-a", "no-limit");
        noLimit["duration"] = "";
        (status, body) = await PostAsync(alice, noLimit);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("at least one of duration, maxBytes or maxEvents must be set", ClusterUiTests.Message(body), StringComparison.Ordinal);
        Assert.Null(await GetAsync(cluster, "team-a", "no-limit"));

        // A name already taken, and labels the form cannot read.
        (status, body) = await PostAsync(alice, Form("team-a", "web-incident"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already exists", ClusterUiTests.Message(body), StringComparison.Ordinal);
        var badLabels = Form("team-a", "bad-labels");
        badLabels["targetValue"] = "app web";
        (status, body) = await PostAsync(alice, badLabels);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("pod selector: expected KEY=VALUE pairs separated by commas (app=web,tier=front), not 'app web'", ClusterUiTests.Message(body));

        // A body that is not a JSON object: said so.
        foreach (var (content, expected, words) in new[]
        {
            (new StringContent("namespace=team-a", System.Text.Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, "send the form as a JSON object"),
            (new StringContent("{\"namespace\":", System.Text.Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "the form is not valid JSON"),
            (new StringContent(new string(' ', 70_000) + "{}", System.Text.Encoding.UTF8, "application/json"), HttpStatusCode.RequestEntityTooLarge, "the form is larger than 65536 bytes"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cluster/captures") { Content = content };
            request.Headers.Add(CrossSiteGuard.HeaderName, "1");
            using var answer = await alice.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(expected, answer.StatusCode);
            Assert.StartsWith(words, ClusterUiTests.Message(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        }

        // A POST without the UI's header (a form on another site), or from another origin: refused, nothing created.
        using (var plain = new HttpRequestMessage(HttpMethod.Post, "/api/cluster/captures") { Content = JsonContent.Create(Form("team-a", "cross-site")) })
        using (var refused = await alice.SendAsync(plain, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("must come from the Inspect UI's own pages", ClusterUiTests.Message(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        }

        using (var foreign = Request(Form("team-a", "cross-site")))
        {
            foreign.Headers.Add("Origin", "https://evil.example");
            using var refused = await alice.SendAsync(foreign, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("comes from https://evil.example", ClusterUiTests.Message(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        }

        Assert.Null(await GetAsync(cluster, "team-a", "cross-site"));
    }

    // What the page's form sends: every field as text.
    internal static JsonObject Form(string ns, string name) => new()
    {
        ["namespace"] = ns,
        ["name"] = name,
        ["target"] = "podSelector",
        ["targetValue"] = "app=web, tier=front",
        ["duration"] = "5s",
        ["snaplen"] = "120",
        ["filter"] = "proc.name=nginx",
        ["output"] = "node",
        ["path"] = "incidents",
        ["bucket"] = "",
    };

    private static HttpRequestMessage Request(JsonObject form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cluster/captures") { Content = JsonContent.Create(form) };
        request.Headers.Add(CrossSiteGuard.HeaderName, "1");
        return request;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, JsonObject form)
    {
        using var request = Request(form);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<V1Alpha1Capture?> GetAsync(OperatorCluster cluster, string ns, string name)
    {
        try
        {
            return await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, ns, "captures", name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
