namespace Inspect.Kubernetes.Tests.Kubectl;

/// <summary>kubectl on the built-in resources: client-side apply (strategic merge patch with the last-applied
/// annotation), server-side apply, label and field selectors, label, delete by selector.</summary>
public sealed class KubectlCoreResourceTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {team: TEAM}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-0, namespace: shop, labels: {app: web}}
        spec:
          nodeName: node-a
          containers: [{name: c, image: nginx, env: [{name: A, value: "VALUE"}]}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: shop, labels: {app: web}}
        spec:
          nodeName: node-b
          containers: [{name: c, image: nginx}]
        """;

    [Fact]
    public async Task Apply_selectors_label_and_delete_on_core_resources()
    {
        await using var k = await KubectlSession.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"core-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, Manifest.Replace("TEAM", "web", StringComparison.Ordinal).Replace("VALUE", "1", StringComparison.Ordinal));
            Assert.Contains("pod/web-0 created", k.Ok("apply", "-f", path));
            File.WriteAllText(path, Manifest.Replace("TEAM", "shop", StringComparison.Ordinal).Replace("VALUE", "2", StringComparison.Ordinal));
            var second = k.Ok("apply", "-f", path);
            Assert.Contains("namespace/shop configured", second);
            Assert.Contains("pod/web-1 unchanged", second);

            Assert.Contains("team=shop", k.Ok("get", "namespace", "shop", "--show-labels"));
            Assert.Equal("""[{"name":"A","value":"2"}]""", k.Ok("get", "pod", "web-0", "-n", "shop", "-o", "jsonpath={.spec.containers[0].env}"));
            Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", k.Ok("get", "pod", "web-0", "-n", "shop", "-o", "yaml"));

            var onB = k.Ok("get", "pods", "-A", "--field-selector", "spec.nodeName=node-b", "-o", "name");
            Assert.Equal("pod/web-1", onB.Trim());
            k.Ok("label", "pod", "web-0", "-n", "shop", "tier=front");
            Assert.Equal("pod/web-0", k.Ok("get", "pods", "-n", "shop", "-l", "app=web,tier=front", "-o", "name").Trim());

            Assert.Contains("serverside-applied", k.Ok("apply", "--server-side", "-f", "config/crd/"));
            Assert.Contains("captures.inspect.dev", k.Ok("get", "crd", "-o", "name"));

            var deleted = k.Ok("delete", "pods", "-n", "shop", "-l", "app=web");
            Assert.Contains("pod \"web-0\" deleted", deleted);
            Assert.Contains("pod \"web-1\" deleted", deleted);
            Assert.Contains("No resources found", k.Run("get", "pods", "-n", "shop").Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
