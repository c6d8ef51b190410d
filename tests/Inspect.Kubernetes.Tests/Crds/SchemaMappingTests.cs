using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Generator;
using Inspect.Crds.Policy;

namespace Inspect.Kubernetes.Tests.Crds;

/// <summary>Table-driven: C# type and attribute → OpenAPI v3 schema fragment.</summary>
public sealed class SchemaMappingTests
{
    private static readonly JsonObject Sample = new SchemaBuilder(XmlDocumentation.For(typeof(MappingSample).Assembly)).ForType(typeof(MappingSample));

    public static TheoryData<string, string> Cases => new()
    {
        { "/description", "\"A type exercising every mapping of the schema builder.\"" },
        { "/type", "\"object\"" },
        { "/required", "[\"text\"]" },
        { "/x-kubernetes-validations", "[{\"message\":\"count must not be negative\",\"rule\":\"self.count >= 0\"}]" },
        { "/properties/text", "{\"description\":\"A string.\",\"maxLength\":10,\"minLength\":1,\"pattern\":\"^[a-z]+$\",\"type\":\"string\"}" },
        { "/properties/flag", "{\"default\":true,\"description\":\"A flag.\",\"type\":\"boolean\"}" },
        { "/properties/count", "{\"description\":\"An int.\",\"exclusiveMaximum\":true,\"format\":\"int32\",\"maximum\":10,\"minimum\":0,\"type\":\"integer\"}" },
        { "/properties/big", "{\"description\":\"A long.\",\"format\":\"int64\",\"type\":\"integer\"}" },
        { "/properties/ratio", "{\"description\":\"A double.\",\"minimum\":0.5,\"type\":\"number\"}" },
        { "/properties/when", "{\"description\":\"A time.\",\"format\":\"date-time\",\"type\":\"string\"}" },
        { "/properties/mode", "{\"default\":\"Slow\",\"description\":\"An enum.\",\"enum\":[\"Slow\",\"fast-path\"],\"type\":\"string\"}" },
        { "/properties/names", "{\"description\":\"A list of strings.\",\"items\":{\"type\":\"string\"},\"maxItems\":3,\"minItems\":1,\"type\":\"array\"}" },
        { "/properties/labels", "{\"additionalProperties\":{\"type\":\"string\"},\"description\":\"A map.\",\"maxProperties\":4,\"type\":\"object\"}" },
        { "/properties/children/x-kubernetes-list-type", "\"map\"" },
        { "/properties/children/x-kubernetes-list-map-keys", "[\"key\"]" },
        { "/properties/children/items", "{\"description\":\"A nested type.\",\"properties\":{\"key\":{\"description\":\"The key.\",\"type\":\"string\"}},\"required\":[\"key\"],\"type\":\"object\"}" },
        { "/properties/child/x-kubernetes-validations", "[{\"fieldPath\":\".key\",\"message\":\"child.key must not be root\",\"rule\":\"self.key != 'root'\"}]" },
        { "/properties/extra/x-kubernetes-preserve-unknown-fields", "true" },
        { "/properties/extra/format", "\"custom\"" },
        { "/properties/hidden", "null" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Maps_types_and_attributes(string pointer, string expectedJson)
    {
        var actual = At(Sample, pointer);
        Assert.Equal(expectedJson, actual?.ToJsonString(Inspect.Kubernetes.TestServer.Json.Relaxed) ?? "null");
    }

    public static TheoryData<string, string, string> CrdCases => new()
    {
        { "captures", "/spec/scope", "\"Namespaced\"" },
        { "captures", "/spec/names/shortNames", "[\"cap\"]" },
        { "captures", "/spec/versions/0/subresources", "{\"status\":{}}" },
        { "captures", "/spec/versions/0/additionalPrinterColumns/0/jsonPath", "\".status.phase\"" },
        { "captures", "/spec/versions/0/additionalPrinterColumns/4/jsonPath", "\".status.redacted\"" },
        { "captures", "/spec/versions/0/additionalPrinterColumns/5/type", "\"date\"" },
        { "captures", "/spec/versions/0/schema/openAPIV3Schema/required", "[\"spec\"]" },
        { "captures", "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/snaplen/default", "80" },
        { "captures", "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/snaplen/maximum", "65000" },
        { "captures", "/spec/versions/0/schema/openAPIV3Schema/properties/status/properties/phase/enum", "[\"Pending\",\"Running\",\"Uploading\",\"Succeeded\",\"PartiallySucceeded\",\"Failed\"]" },
        { "captures", "/spec/versions/0/schema/openAPIV3Schema/properties/status/properties/conditions/x-kubernetes-list-map-keys", "[\"type\"]" },
        { "captures", "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/output/properties/s3/properties/serverSideEncryption/properties/type/enum", "[\"AES256\",\"aws:kms\"]" },
        { "capturepolicies", "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/template/properties/scope/enum", "[\"Pod\",\"Node\"]" },
        { "capturepolicies", "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/limits/properties/cooldownSeconds/default", "300" },
        { "capturepolicies", "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/template/properties/spec/x-kubernetes-validations/1/rule", "\"!has(self.targets)\"" },
    };

    [Theory]
    [MemberData(nameof(CrdCases))]
    public void Builds_the_crds(string plural, string pointer, string expectedJson)
    {
        var type = plural == "captures" ? typeof(V1Alpha1Capture) : typeof(V1Alpha1CapturePolicy);
        var crd = new CrdBuilder(XmlDocumentation.For(type.Assembly)).Build(type);
        Assert.Equal(expectedJson, At(crd, pointer)?.ToJsonString(Inspect.Kubernetes.TestServer.Json.Relaxed) ?? "null");
    }

    [Fact]
    public void Every_field_of_the_crds_has_a_description()
    {
        foreach (var type in new[] { typeof(V1Alpha1Capture), typeof(V1Alpha1CapturePolicy) })
        {
            var schema = new CrdBuilder(XmlDocumentation.For(type.Assembly)).Build(type);
            var missing = new List<string>();
            Walk(At(schema, "/spec/versions/0/schema/openAPIV3Schema/properties/spec")!, "spec", missing);
            Walk(At(schema, "/spec/versions/0/schema/openAPIV3Schema/properties/status")!, "status", missing);
            Assert.Empty(missing);
        }
    }

    private static void Walk(JsonNode schema, string path, List<string> missing)
    {
        if (schema["description"] is null)
        {
            missing.Add(path);
        }

        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            Walk(child!, $"{path}.{name}", missing);
        }

        if (schema["items"] is JsonObject { } items && items["properties"] is not null)
        {
            Walk(items, path + "[]", missing);
        }
    }

    private static JsonNode? At(JsonNode node, string pointer)
    {
        JsonNode? current = node;
        foreach (var token in pointer.Trim('/').Split('/'))
        {
            current = current switch
            {
                JsonObject o => o[token],
                JsonArray a => a[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)],
                _ => null,
            };
        }

        return current;
    }
}
