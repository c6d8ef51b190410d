using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Cel;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;
using Inspect.Kubernetes.TestServer.Validation;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>What the API server does to a custom resource before storing it: pruning (unknown fields refused under
/// <c>fieldValidation=Strict</c>, warned about under Warn), defaulting, then validation of metadata, the OpenAPI
/// schema and the CEL rules (skipped when the object has type errors, as the real server does).</summary>
public sealed class CustomResourceAdmission(ICelEvaluator? cel)
{
    /// <summary>Prunes, defaults and validates in place; throws 400 or 422; returns warnings.</summary>
    public IReadOnlyList<string> Admit(ResourceType type, JsonObject obj, JsonObject? old, RequestOptions options)
    {
        var warnings = new List<string>();
        if (type.Schema is not { } schema)
        {
            return warnings;
        }

        var unknown = Pruner.Prune(obj, schema);
        if (unknown.Count > 0 && options.FieldValidation == "Strict")
        {
            throw ApiException.BadRequest(
                $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: " +
                string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
        }

        if (options.FieldValidation == "Warn")
        {
            warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
        }

        Defaulter.Apply(obj, schema);
        var errors = new List<FieldError>();
        ObjectMeta.ValidateName(ObjectMeta.Name(obj), errors);
        SchemaValidator.Validate(obj, schema, "", errors);
        if (cel is not null && !errors.Any(e => e.Blocking))
        {
            CelRuleCollector.Validate(obj, schema, old, cel, errors);
        }

        if (errors.Count > 0)
        {
            // The order of Go's map iteration is random; sorting by field keeps messages stable.
            throw ApiException.Invalid(type.Kind, type.Group, ObjectMeta.Name(obj) ?? "", [.. errors.OrderBy(e => e.Field, StringComparer.Ordinal)]);
        }

        return warnings;
    }
}
