using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Validation;

/// <summary>One validation error, worded like k8s.io/apimachinery's field.Error.</summary>
public sealed record FieldError(string Type, string Field, string Body)
{
    /// <summary><c>field: body</c>, the form the Status message lists.</summary>
    public override string ToString() => $"{Field}: {Body}";

    /// <summary>True for errors that stop CEL rules from running (the object does not have the declared types).</summary>
    public bool Blocking => Type == "FieldValueTypeInvalid";

    /// <summary>FieldValueInvalid: <c>Invalid value: 70000: detail</c>.</summary>
    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {Show(value)}: {detail}");

    /// <summary>FieldValueTypeInvalid: <c>Invalid value: "string": spec.x in body must be of type integer: "string"</c>.</summary>
    public static FieldError TypeInvalid(string field, string actualType, string detail) =>
        new("FieldValueTypeInvalid", field, $"Invalid value: \"{actualType}\": {detail}");

    /// <summary>FieldValueRequired: <c>Required value</c>.</summary>
    public static FieldError Required(string field, string? detail = null) =>
        new("FieldValueRequired", field, detail is null ? "Required value" : $"Required value: {detail}");

    /// <summary>FieldValueNotSupported: <c>Unsupported value: "x": supported values: "a", "b"</c>.</summary>
    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, $"Unsupported value: {Show(value)}: supported values: {string.Join(", ", supported.Select(s => Quote(s)))}");

    /// <summary>FieldValueTooLong: <c>Too long: may not be longer than 4096</c> (kube 1.30 wording).</summary>
    public static FieldError TooLong(string field, int max) => new("FieldValueTooLong", field, $"Too long: may not be longer than {max}");

    /// <summary>FieldValueTooMany: <c>Too many: 11: must have at most 10 items</c>.</summary>
    public static FieldError TooMany(string field, int actual, int max) =>
        new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} items");

    /// <summary>FieldValueForbidden: <c>Forbidden: detail</c>.</summary>
    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, $"Forbidden: {detail}");

    /// <summary>FieldValueDuplicate: <c>Duplicate value: ...</c>.</summary>
    public static FieldError Duplicate(string field, JsonNode? value) => new("FieldValueDuplicate", field, $"Duplicate value: {Show(value)}");

    /// <summary>A value as Go's <c>%#v</c>-like printing in field errors: strings quoted, numbers bare, objects "object".</summary>
    public static string Show(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        _ => value.ToJsonString(),
    };

    private static string Quote(string s) => JsonSerializer.Serialize(s, Json.Relaxed);
}
