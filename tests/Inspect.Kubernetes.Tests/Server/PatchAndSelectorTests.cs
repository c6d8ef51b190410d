using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Patching;
using Inspect.Kubernetes.TestServer.Resources;
using Inspect.Kubernetes.TestServer.Selectors;

namespace Inspect.Kubernetes.Tests.Server;

/// <summary>Table-driven checks of the patch formats, the selector grammars and request path parsing.</summary>
public sealed class PatchAndSelectorTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"d":3}}""", """{"b":{"c":null,"e":4},"f":[1]}""", """{"a":1,"b":{"d":3,"e":4},"f":[1]}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    public void Json_merge_patch(string target, string patch, string expected) =>
        Assert.Equal(expected, JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))!.ToJsonString());

    [Theory]
    [InlineData("""{"a":{"b":[1,2]}}""", """[{"op":"add","path":"/a/b/1","value":9},{"op":"add","path":"/a/b/-","value":7}]""", """{"a":{"b":[1,9,2,7]}}""")]
    [InlineData("""{"a":1,"b":2}""", """[{"op":"move","from":"/a","path":"/c"},{"op":"copy","from":"/b","path":"/d"},{"op":"remove","path":"/b"}]""", """{"c":1,"d":2}""")]
    [InlineData("""{"m":{"x/y":1,"t~":2}}""", """[{"op":"replace","path":"/m/x~1y","value":5},{"op":"remove","path":"/m/t~0"}]""", """{"m":{"x/y":5}}""")]
    public void Json_patch(string target, string patch, string expected) =>
        Assert.Equal(expected, JsonPatch.Apply(JsonNode.Parse(target)!.AsObject(), JsonNode.Parse(patch)!.AsArray()).ToJsonString());

    [Fact]
    public void Json_patch_failures_are_422()
    {
        var e = Assert.Throws<ApiException>(() => JsonPatch.Apply(new JsonObject { ["a"] = 1 }, JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]""")!.AsArray()));
        Assert.Equal(422, e.Code);
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}""",
        """{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"spec":{"containers":[{"name":"b","image":"z"},{"name":"c","image":"w"}]}}""",
        """{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"z"},{"name":"c","image":"w"}]}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""", """{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}""", """{"spec":{"containers":[{"name":"b"}]}}""")]
    [InlineData("""{"metadata":{"finalizers":["x","y"]}}""", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}""", """{"metadata":{"finalizers":["y"]}}""")]
    [InlineData("""{"data":{"a":"1","b":"2"}}""", """{"data":{"$patch":"replace","c":"3"}}""", """{"data":{"c":"3"}}""")]
    public void Strategic_merge_patch(string target, string patch, string expected) =>
        Assert.Equal(expected, StrategicMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))!.ToJsonString());

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web,tier", true)]
    [InlineData("app in (db, web),tier notin (back)", true)]
    [InlineData("app!=web", false)]
    [InlineData("!tier", false)]
    [InlineData("missing", false)]
    [InlineData("", true)]
    public void Label_selectors(string selector, bool matches)
    {
        var obj = JsonNode.Parse("""{"metadata":{"labels":{"app":"web","tier":"front"}}}""")!.AsObject();
        Assert.Equal(matches, LabelSelectorQuery.Parse(selector).Matches(obj));
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/pods/web-0/status", "", "v1", "default", "pods", "web-0", "status")]
    [InlineData("/api/v1/namespaces/default", "", "v1", null, "namespaces", "default", null)]
    [InlineData("/api/v1/namespaces/shop/status", "", "v1", null, "namespaces", "shop", "status")]
    [InlineData("/apis/inspect.dev/v1alpha1/captures", "inspect.dev", "v1alpha1", null, "captures", null, null)]
    [InlineData("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/op", "coordination.k8s.io", "v1", "kube-system", "leases", "op", null)]
    public void Request_paths(string path, string group, string version, string? ns, string plural, string? name, string? sub) =>
        Assert.Equal(new RequestInfo(group, version, ns, plural, name, sub), RequestInfo.Parse(path));

    [Fact]
    public void Field_selectors_know_each_resources_fields()
    {
        var pods = BuiltInResources.All.Single(t => t.Plural == "pods");
        var pod = JsonNode.Parse("""{"metadata":{"name":"p","namespace":"n"},"spec":{"nodeName":"a"},"status":{"phase":"Running"}}""")!.AsObject();
        Assert.True(FieldSelectorQuery.Parse("spec.nodeName=a,status.phase==Running,metadata.name!=q", pods).Matches(pod));
        Assert.False(FieldSelectorQuery.Parse("spec.nodeName=b", pods).Matches(pod));
        var secrets = BuiltInResources.All.Single(t => t.Plural == "secrets");
        Assert.Equal(400, Assert.Throws<ApiException>(() => FieldSelectorQuery.Parse("spec.nodeName=a", secrets)).Code);
    }
}
