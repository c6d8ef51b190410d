using System.Net;
using Inspect.Crds.Capture;
using k8s.Autorest;
using k8s.Models;

namespace Inspect.Kubernetes.Tests.Client;

/// <summary>resourceVersion, optimistic concurrency, generation and the status subresource, through the official
/// KubernetesClient with Inspect's typed CRDs.</summary>
public sealed class ConcurrencyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stale_resource_version_is_a_409_conflict()
    {
        await using var f = await ServerFixture.StartAsync();
        var created = await f.CreateAsync(ServerFixture.Capture("c1"));
        var stale = await f.ReadAsync("c1");

        created.Spec.Snaplen = 100;
        var updated = await f.Captures.ReplaceNamespacedAsync(created, "default", "c1", Token);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        stale.Spec.Snaplen = 200;
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Captures.ReplaceNamespacedAsync(stale, "default", "c1", Token));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("Operation cannot be fulfilled on captures.inspect.dev \\\"c1\\\": the object has been modified; please apply your changes to the latest version and try again", e.Response.Content);
        Assert.Equal(100, (await f.ReadAsync("c1")).Spec.Snaplen);
    }

    [Fact]
    public async Task Custom_resources_need_a_resource_version_to_update_and_names_are_unique()
    {
        await using var f = await ServerFixture.StartAsync();
        var created = await f.CreateAsync(ServerFixture.Capture("c1"));
        created.Metadata.ResourceVersion = null;
        var invalid = await Assert.ThrowsAsync<HttpOperationException>(() => f.Captures.ReplaceNamespacedAsync(created, "default", "c1", Token));
        Assert.Equal((HttpStatusCode)422, invalid.Response.StatusCode);
        Assert.Contains("metadata.resourceVersion: Invalid value: \\\"0x0\\\": must be specified for an update", invalid.Response.Content);

        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => f.CreateAsync(ServerFixture.Capture("c1")));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        Assert.Contains("AlreadyExists", duplicate.Response.Content);

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => f.ReadAsync("nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("captures.inspect.dev \\\"nope\\\" not found", missing.Response.Content);
    }

    [Fact]
    public async Task Generation_moves_on_spec_changes_only_and_status_goes_through_its_subresource()
    {
        await using var f = await ServerFixture.StartAsync();
        var created = await f.CreateAsync(ServerFixture.Capture("c1"));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(80, created.Spec.Snaplen);

        // Status through the main endpoint is ignored when status is a subresource.
        created.Status = new V1Alpha1CaptureStatus { Phase = CapturePhase.Failed };
        created.Metadata.Labels = new Dictionary<string, string> { ["team"] = "sec" };
        var relabelled = await f.Captures.ReplaceNamespacedAsync(created, "default", "c1", Token);
        Assert.Null(relabelled.Status);
        Assert.Equal(1, relabelled.Metadata.Generation);

        // Status through /status: the spec in the same body is ignored, the generation stays.
        relabelled.Status = new V1Alpha1CaptureStatus { Phase = CapturePhase.Running, ObservedGeneration = 1, NodeCount = 3 };
        relabelled.Spec.Snaplen = 9999;
        var withStatus = await f.ReplaceStatusAsync(relabelled);
        Assert.Equal(CapturePhase.Running, withStatus.Status!.Phase);
        Assert.Equal(80, withStatus.Spec.Snaplen);
        Assert.Equal(1, withStatus.Metadata.Generation);

        // A spec change bumps the generation; writing the same object again changes nothing, not even the version.
        withStatus.Spec.Snaplen = 512;
        var changed = await f.Captures.ReplaceNamespacedAsync(withStatus, "default", "c1", Token);
        Assert.Equal(2, changed.Metadata.Generation);
        Assert.Equal(CapturePhase.Running, changed.Status!.Phase);
        var same = await f.Captures.ReplaceNamespacedAsync(changed, "default", "c1", Token);
        Assert.Equal(changed.Metadata.ResourceVersion, same.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Status_is_validated_against_the_schema()
    {
        await using var f = await ServerFixture.StartAsync();
        var created = await f.CreateAsync(ServerFixture.Capture("c1"));
        created.Status = new V1Alpha1CaptureStatus { Nodes = [new CaptureNodeStatus { Node = "n1", Phase = NodePhase.Succeeded, Checksum = "md5:abc" }] };
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.ReplaceStatusAsync(created));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("status.nodes[0].checksum: Invalid value: \\\"md5:abc\\\": status.nodes[0].checksum in body should match '^sha256:[0-9a-f]{64}$'", e.Response.Content);
    }

    [Fact]
    public async Task Patches_json_merge_and_json_patch_and_a_resource_version_precondition()
    {
        await using var f = await ServerFixture.StartAsync();
        var created = await f.CreateAsync(ServerFixture.Capture("c1"));
        var merged = await f.Captures.PatchNamespacedAsync<V1Alpha1Capture>(
            new V1Patch("""{"spec":{"filter":"proc.name=nginx","duration":null,"maxEvents":1000}}""", V1Patch.PatchType.MergePatch), "default", "c1", Token);
        Assert.Equal("proc.name=nginx", merged.Spec.Filter);
        Assert.Null(merged.Spec.Duration);
        Assert.Equal(2, merged.Metadata.Generation);

        var patched = await f.Captures.PatchNamespacedAsync<V1Alpha1Capture>(
            new V1Patch("""[{"op":"test","path":"/spec/maxEvents","value":1000},{"op":"replace","path":"/spec/maxEvents","value":5}]""", V1Patch.PatchType.JsonPatch), "default", "c1", Token);
        Assert.Equal(5, patched.Spec.MaxEvents);

        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => f.Captures.PatchNamespacedAsync<V1Alpha1Capture>(
            new V1Patch("{\"metadata\":{\"resourceVersion\":\"" + created.Metadata.ResourceVersion + "\"},\"spec\":{\"maxEvents\":6}}", V1Patch.PatchType.MergePatch), "default", "c1", Token));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);

        var invalid = await Assert.ThrowsAsync<HttpOperationException>(() => f.Captures.PatchNamespacedAsync<V1Alpha1Capture>(
            new V1Patch("""{"spec":{"snaplen":70000}}""", V1Patch.PatchType.MergePatch), "default", "c1", Token));
        Assert.Contains("spec.snaplen: Invalid value: 70000: spec.snaplen in body should be less than or equal to 65000", invalid.Response.Content);
    }

    [Fact]
    public async Task Finalizers_hold_deletion_until_the_last_one_is_removed()
    {
        await using var f = await ServerFixture.StartAsync();
        var capture = ServerFixture.Capture("c1");
        capture.Metadata.Finalizers = [Inspect.Crds.Common.InspectNames.CaptureFinalizer, "example.com/other"];
        await f.CreateAsync(capture);

        await f.Captures.DeleteNamespacedAsync<V1Alpha1Capture>("default", "c1", Token);
        var deleting = await f.ReadAsync("c1");
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);

        deleting.Metadata.Finalizers.Add("example.com/late");
        var late = await Assert.ThrowsAsync<HttpOperationException>(() => f.Captures.ReplaceNamespacedAsync(deleting, "default", "c1", Token));
        Assert.Contains("no new finalizers can be added if the object is being deleted", late.Response.Content);

        deleting = await f.ReadAsync("c1");
        deleting.Metadata.Finalizers.Remove("example.com/other");
        var still = await f.Captures.ReplaceNamespacedAsync(deleting, "default", "c1", Token);
        Assert.Single(still.Metadata.Finalizers);

        still.Metadata.Finalizers.Clear();
        await f.Captures.ReplaceNamespacedAsync(still, "default", "c1", Token);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => f.ReadAsync("c1"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }
}
