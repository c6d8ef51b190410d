using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Handlers;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.Tests.Server;

/// <summary>Table-driven: invalid custom resources and the API server's exact messages for each OpenAPI rule.</summary>
public sealed class SchemaValidationMessageTests
{
    private static readonly ResourceType Captures = LoadCaptures();

    public static TheoryData<string, string> Cases => new()
    {
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","snaplen":70000}}""", "Capture.inspect.dev \"x\" is invalid: spec.snaplen: Invalid value: 70000: spec.snaplen in body should be less than or equal to 65000" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","snaplen":-1}}""", "spec.snaplen: Invalid value: -1: spec.snaplen in body should be greater than or equal to 0" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","snaplen":"big"}}""", "spec.snaplen: Invalid value: \"string\": spec.snaplen in body must be of type integer: \"string\"" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"soon"}}""", "spec.duration: Invalid value: \"soon\": spec.duration in body should match '^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$'" },
        { """{"spec":{"targets":{"podNames":[]},"duration":"1m"}}""", "spec.targets.podNames: Invalid value: 0: spec.targets.podNames in body should have at least 1 items" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","trigger":{"source":"Cron"}}}""", "spec.trigger.source: Unsupported value: \"Cron\": supported values: \"Manual\", \"Falco\", \"Policy\"" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","output":{"s3":{}}}}""", "spec.output.s3.bucket: Required value" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","output":{"s3":{"bucket":"ab"}}}}""", "spec.output.s3.bucket: Invalid value: \"ab\": spec.output.s3.bucket in body should be at least 3 chars long" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","filter":"FILTER"}}""", "spec.filter: Too long: may not be longer than 4096" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","trigger":{"source":"Falco","time":"yesterday"}}}""", "spec.trigger.time: Invalid value: \"yesterday\": spec.trigger.time in body must be of type date-time: \"yesterday\"" },
        { """{"metadata":{"name":"Bad_Name"},"spec":{"targets":{"podNames":["a"]},"duration":"1m"}}""", "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters" },
        { """{}""", "Capture.inspect.dev \"x\" is invalid: spec: Required value" },
        { """{"spec":{"targets":{"podNames":["a"]},"duration":"1m","snaplen":70000,"maxBytes":0}}""", "Capture.inspect.dev \"x\" is invalid: [spec.maxBytes: Invalid value: 0: spec.maxBytes in body should be greater than or equal to 1, spec.snaplen: Invalid value: 70000" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_objects_get_the_real_servers_message(string body, string expected)
    {
        var obj = JsonNode.Parse(body.Replace("FILTER", new string('x', 4097), StringComparison.Ordinal))!.AsObject();
        if (obj["metadata"] is null)
        {
            obj["metadata"] = new JsonObject { ["name"] = "x" };
        }

        var admission = new CustomResourceAdmission(cel: null);
        var e = Assert.Throws<ApiException>(() => admission.Admit(Captures, obj, null, RequestOptions.Default));
        Assert.Equal(422, e.Code);
        Assert.Equal("Invalid", e.Reason);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_objects_are_pruned_and_defaulted()
    {
        var obj = JsonNode.Parse("""{"metadata":{"name":"x"},"spec":{"targets":{"podNames":["a"]},"duration":"1m","output":{"s3":{"bucket":"abc","credentialsSecret":{"name":"s"}}}}}""")!.AsObject();
        var warnings = new CustomResourceAdmission(null).Admit(Captures, obj, null, RequestOptions.Default with { FieldValidation = "Warn" });
        Assert.Empty(warnings);
        Assert.Equal(80, obj["spec"]!["snaplen"]!.GetValue<int>());
        Assert.False(obj["spec"]!["deleteArtifacts"]!.GetValue<bool>());
        Assert.Equal("accessKeyId", obj["spec"]!["output"]!["s3"]!["credentialsSecret"]!["accessKeyIdKey"]!.GetValue<string>());

        var unknown = JsonNode.Parse("""{"metadata":{"name":"x"},"spec":{"targets":{"podNames":["a"]},"duration":"1m","extra":1}}""")!.AsObject();
        var warned = new CustomResourceAdmission(null).Admit(Captures, unknown, null, RequestOptions.Default with { FieldValidation = "Warn" });
        Assert.Equal(["unknown field \"spec.extra\""], warned);
        Assert.Null(unknown["spec"]!["extra"]);
        var strict = JsonNode.Parse("""{"metadata":{"name":"x"},"spec":{"targets":{"podNames":["a"]},"duration":"1m","extra":1}}""")!.AsObject();
        var e = Assert.Throws<ApiException>(() => new CustomResourceAdmission(null).Admit(Captures, strict, null, RequestOptions.Default));
        Assert.Equal("Capture in version \"v1alpha1\" cannot be handled as a Capture: strict decoding error: unknown field \"spec.extra\"", e.Message);
    }

    private static ResourceType LoadCaptures()
    {
        var registry = new ResourceRegistry();
        registry.Register(Inspect.Kubernetes.TestServer.Yaml.YamlToJson.ParseDocuments(File.ReadAllText(Path.Combine(Tools.CrdDirectory, "inspect.dev_captures.yaml"))).Single());
        return registry.Find("inspect.dev", "v1alpha1", "captures")!;
    }
}
