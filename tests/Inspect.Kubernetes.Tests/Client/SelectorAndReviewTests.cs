using System.Net;
using Inspect.Crds.Capture;
using Inspect.Kubernetes.TestServer.Auth;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Inspect.Kubernetes.Tests.Client;

/// <summary>Label and field selectors on lists, core resources (pods, nodes, secrets, events, leases), and the
/// TokenReview / SubjectAccessReview endpoints a test programs.</summary>
public sealed class SelectorAndReviewTests
{
    private static readonly string[] Candidates = ["a", "b"];

    private static readonly (string Name, string Node)[] Pods = [("web-0", "node-a"), ("web-1", "node-b"), ("web-2", "node-a")];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Label_selectors_filter_lists()
    {
        await using var f = await ServerFixture.StartAsync();
        await f.CreateAsync(ServerFixture.Capture("a", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }));
        await f.CreateAsync(ServerFixture.Capture("b", new Dictionary<string, string> { ["app"] = "db" }));
        await f.CreateAsync(ServerFixture.Capture("c"));

        async Task<string> Names(string selector)
        {
            var list = await f.Client.CustomObjects.ListNamespacedCustomObjectAsync<V1Alpha1CaptureList>(
                "inspect.dev", "v1alpha1", "default", "captures", labelSelector: selector, cancellationToken: Token);
            return string.Join(",", list.Items.Select(i => i.Metadata.Name));
        }

        Assert.Equal("a", await Names("app=web"));
        Assert.Equal("a,b", await Names("app"));
        Assert.Equal("c", await Names("!app"));
        Assert.Equal("b,c", await Names("app!=web"));
        Assert.Equal("a,b", await Names("app in (web,db)"));
        Assert.Equal("b,c", await Names("app notin (web)"));
        Assert.Equal("a", await Names("app=web,tier=front"));
        Assert.Equal("", await Names("app=web,tier=back"));
    }

    [Fact]
    public async Task Field_selectors_pick_pods_by_node_and_refuse_unknown_fields()
    {
        await using var f = await ServerFixture.StartAsync();
        foreach (var (name, node) in Pods)
        {
            await f.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "nginx" }] },
            }, "default", cancellationToken: Token);
        }

        var onA = await f.Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=node-a", cancellationToken: Token);
        Assert.Equal(["web-0", "web-2"], onA.Items.Select(p => p.Metadata.Name));
        var named = await f.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "metadata.name=web-1,metadata.namespace=default", cancellationToken: Token);
        Assert.Equal("web-1", Assert.Single(named.Items).Metadata.Name);
        var notA = await f.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "spec.nodeName!=node-a", labelSelector: "app=web", cancellationToken: Token);
        Assert.Equal("web-1", Assert.Single(notA.Items).Metadata.Name);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "spec.hostname=x", cancellationToken: Token));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
        Assert.Contains("field label not supported: spec.hostname", e.Response.Content);
    }

    [Fact]
    public async Task Core_resources_the_operator_needs_are_served()
    {
        await using var f = await ServerFixture.StartAsync();
        await f.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "node-a", Labels = new Dictionary<string, string> { ["pool"] = "ingress" } } }, cancellationToken: Token);
        Assert.Equal("node-a", Assert.Single((await f.Client.CoreV1.ListNodeAsync(labelSelector: "pool=ingress", cancellationToken: Token)).Items).Metadata.Name);

        await f.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "minio-credentials" },
            StringData = new Dictionary<string, string> { ["accessKeyId"] = "a" },
            Data = new Dictionary<string, byte[]> { ["secretAccessKey"] = "s"u8.ToArray() },
        }, "default", cancellationToken: Token);
        var secret = await f.Client.CoreV1.ReadNamespacedSecretAsync("minio-credentials", "default", cancellationToken: Token);
        Assert.Equal("s"u8.ToArray(), secret.Data["secretAccessKey"]);

        await f.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "c1.1" },
            InvolvedObject = new V1ObjectReference { Kind = "Capture", Name = "c1", NamespaceProperty = "default" },
            Reason = "Started",
            Message = "capturing on 2 nodes",
            Type = "Normal",
        }, "default", cancellationToken: Token);
        var events = await f.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=c1,involvedObject.kind=Capture", cancellationToken: Token);
        Assert.Equal("Started", Assert.Single(events.Items).Reason);

        var lease = await f.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "inspect-operator" },
            Spec = new V1LeaseSpec { HolderIdentity = "pod-a", LeaseDurationSeconds = 15 },
        }, "kube-system", cancellationToken: Token);
        lease.Spec.HolderIdentity = "pod-b";
        await f.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "inspect-operator", "kube-system", cancellationToken: Token);
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "inspect-operator", "kube-system", cancellationToken: Token));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);

        var missingNs = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "x" } }, "nope", cancellationToken: Token));
        Assert.Contains("namespaces \\\"nope\\\" not found", missingNs.Response.Content);
    }

    [Fact]
    public async Task Leader_election_over_a_lease_elects_one_leader()
    {
        await using var f = await ServerFixture.StartAsync();
        var leaders = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var electors = Candidates.Select(id =>
        {
            var elector = new k8s.LeaderElection.LeaderElector(new k8s.LeaderElection.LeaderElectionConfig(
                new k8s.LeaderElection.ResourceLock.LeaseLock(f.Client, "kube-system", "inspect-operator", id))
            {
                LeaseDuration = TimeSpan.FromSeconds(2),
                RenewDeadline = TimeSpan.FromSeconds(1),
                RetryPeriod = TimeSpan.FromMilliseconds(200),
            });
            elector.OnStartedLeading += () => leaders.Add(id);
            return (elector, task: elector.RunUntilLeadershipLostAsync(cts.Token));
        }).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (leaders.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Token);
        }

        await Task.Delay(1000, Token);
        await cts.CancelAsync();
        Assert.Single(leaders);
        var lease = await f.Client.CoordinationV1.ReadNamespacedLeaseAsync("inspect-operator", "kube-system", cancellationToken: Token);
        Assert.Equal(leaders.Single(), lease.Spec.HolderIdentity);
        foreach (var (elector, task) in electors)
        {
            await Task.WhenAny(task, Task.Delay(2000, Token));
            elector.Dispose();
        }
    }

    [Fact]
    public async Task Token_and_subject_access_reviews_answer_what_the_test_programmed()
    {
        await using var f = await ServerFixture.StartAsync();
        var access = f.Server.Access;
        access.AddUser("bob", "bob-token", "inspect-viewers");
        access.Allow(new AccessRule("inspect-viewers", ["get", "list", "watch"], ["captures"], Namespace: "shop", Group: "inspect.dev"));

        var review = await f.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "bob-token" } }, cancellationToken: Token);
        Assert.True(review.Status.Authenticated);
        Assert.Equal("bob", review.Status.User.Username);
        Assert.Contains("inspect-viewers", review.Status.User.Groups);
        var bad = await f.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "forged" } }, cancellationToken: Token);
        Assert.False(bad.Status.Authenticated);

        async Task<bool> Can(string verb, string ns) => (await f.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = "bob",
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Group = "inspect.dev", Resource = "captures", NamespaceProperty = ns },
            },
        }, cancellationToken: Token)).Status.Allowed;

        Assert.True(await Can("list", "shop"));
        Assert.False(await Can("delete", "shop"));
        Assert.False(await Can("list", "default"));

        // The same grants, enforced on bob's own requests.
        access.EnforceAuthorization = true;
        using var bob = f.Server.Client("bob-token");
        f.Server.CreateNamespace("shop");
        Assert.Empty((await bob.CustomObjects.ListNamespacedCustomObjectAsync<V1Alpha1CaptureList>("inspect.dev", "v1alpha1", "shop", "captures", cancellationToken: Token)).Items);
        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() => bob.CustomObjects.ListNamespacedCustomObjectAsync("inspect.dev", "v1alpha1", "default", "captures", cancellationToken: Token));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Response.StatusCode);
        Assert.Contains("captures.inspect.dev is forbidden: User \\\"bob\\\" cannot list resource \\\"captures\\\" in API group \\\"inspect.dev\\\" in the namespace \\\"default\\\"", forbidden.Response.Content);
    }
}
