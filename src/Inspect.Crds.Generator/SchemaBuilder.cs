using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Inspect.Crds.Validation;
using k8s.Models;

namespace Inspect.Crds.Generator;

/// <summary>Maps C# types to structural OpenAPI v3 schemas as Kubernetes wants them in a CRD: everything inline (no
/// <c>$ref</c>), descriptions from the doc comments, validation from Inspect's attributes.</summary>
/// <remarks>
/// string → string; bool → boolean; int → integer/int32; long → integer/int64; double → number/double;
/// DateTime → string/date-time; enum → string with enum (JSON names); IList&lt;T&gt; → array;
/// IDictionary&lt;string,T&gt; → object with additionalProperties; V1ObjectMeta → object; other classes → object
/// with properties in declaration order.
/// </remarks>
public sealed class SchemaBuilder(XmlDocumentation docs)
{
    /// <summary>The schema of a type, with the rules declared on the type itself.</summary>
    public JsonObject ForType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var schema = new JsonObject();
        if (docs.Of(type) is { } description && IsObjectType(type))
        {
            schema["description"] = description;
        }

        Fill(schema, type);
        return schema;
    }

    /// <summary>The schema of a property: its type's schema, the property's description and its attributes.</summary>
    public JsonObject ForProperty(PropertyInfo property)
    {
        var schema = new JsonObject();
        if (docs.Of(property) is { } description)
        {
            schema["description"] = description;
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        foreach (var (key, value) in ForType(type))
        {
            if (key != "description")
            {
                schema[key] = value?.DeepClone();
            }
        }

        ApplyAttributes(schema, property);
        return schema;
    }

    /// <summary>The JSON name of a property.</summary>
    public static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicyCamelCase(property.Name);

    /// <summary>The serialized properties of a type, in declaration order.</summary>
    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken);

    private void Fill(JsonObject schema, Type type)
    {
        if (type == typeof(string))
        {
            schema["type"] = "string";
        }
        else if (type == typeof(bool))
        {
            schema["type"] = "boolean";
        }
        else if (type == typeof(int) || type == typeof(short) || type == typeof(byte))
        {
            schema["format"] = "int32";
            schema["type"] = "integer";
        }
        else if (type == typeof(long) || type == typeof(uint))
        {
            schema["format"] = "int64";
            schema["type"] = "integer";
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            schema["type"] = "number";
        }
        else if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            schema["format"] = "date-time";
            schema["type"] = "string";
        }
        else if (type.IsEnum)
        {
            schema["enum"] = new JsonArray([.. EnumNames(type).Select(n => (JsonNode)n)]);
            schema["type"] = "string";
        }
        else if (DictionaryValueType(type) is { } valueType)
        {
            schema["additionalProperties"] = ForType(valueType);
            schema["type"] = "object";
        }
        else if (ListItemType(type) is { } itemType)
        {
            schema["items"] = ForType(itemType);
            schema["type"] = "array";
        }
        else if (type == typeof(V1ObjectMeta))
        {
            schema["type"] = "object";
        }
        else if (type.IsClass)
        {
            FillObject(schema, type);
        }
        else
        {
            throw new NotSupportedException($"no schema mapping for {type}");
        }
    }

    private void FillObject(JsonObject schema, Type type)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in Properties(type))
        {
            var name = JsonName(property);
            properties[name] = ForProperty(property);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add((JsonNode)name);
            }
        }

        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        schema["type"] = "object";
        if (type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        AddRules(schema, type.GetCustomAttributes<CelRuleAttribute>());
    }

    private static void ApplyAttributes(JsonObject schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<DefaultAttribute>() is { } d)
        {
            schema["default"] = JsonValue.Create(d.Value);
        }

        if (property.GetCustomAttribute<FormatAttribute>() is { } f)
        {
            schema["format"] = f.Format;
        }

        if (property.GetCustomAttribute<MinimumAttribute>() is { } min)
        {
            schema["minimum"] = Number(min.Value);
            if (min.Exclusive)
            {
                schema["exclusiveMinimum"] = true;
            }
        }

        if (property.GetCustomAttribute<MaximumAttribute>() is { } max)
        {
            schema["maximum"] = Number(max.Value);
            if (max.Exclusive)
            {
                schema["exclusiveMaximum"] = true;
            }
        }

        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            SetIfBound(schema, "minLength", length.Min);
            SetIfBound(schema, "maxLength", length.Max);
        }

        if (property.GetCustomAttribute<ItemsAttribute>() is { } items)
        {
            var isMap = schema["type"]?.GetValue<string>() == "object";
            SetIfBound(schema, isMap ? "minProperties" : "minItems", items.Min);
            SetIfBound(schema, isMap ? "maxProperties" : "maxItems", items.Max);
        }

        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            schema["pattern"] = pattern.Regex;
        }

        if (property.GetCustomAttribute<ListMapAttribute>() is { } listMap)
        {
            schema["x-kubernetes-list-map-keys"] = new JsonArray([.. listMap.Keys.Select(k => (JsonNode)k)]);
            schema["x-kubernetes-list-type"] = "map";
        }

        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        AddRules(schema, property.GetCustomAttributes<CelRuleAttribute>());
        Sort(schema);
    }

    private static void AddRules(JsonObject schema, IEnumerable<CelRuleAttribute> rules)
    {
        var list = schema["x-kubernetes-validations"] as JsonArray ?? [];
        foreach (var rule in rules.OrderBy(r => r.Rule, StringComparer.Ordinal))
        {
            var entry = new JsonObject();
            if (rule.FieldPath is not null)
            {
                entry["fieldPath"] = rule.FieldPath;
            }

            entry["message"] = rule.Message;
            entry["rule"] = rule.Rule;
            list.Add(entry);
        }

        if (list.Count > 0)
        {
            schema["x-kubernetes-validations"] = list;
        }
    }

    /// <summary>Keys in alphabetical order, as controller-gen writes them, so the YAML is stable and diffable.</summary>
    private static void Sort(JsonObject schema)
    {
        var entries = schema.ToList();
        schema.Clear();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            schema[key] = value;
        }
    }

    private static void SetIfBound(JsonObject schema, string key, int bound)
    {
        if (bound >= 0)
        {
            schema[key] = bound;
        }
    }

    private static JsonValue Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    /// <summary>The JSON names of an enum's members (<c>JsonStringEnumMemberName</c> or the member name).</summary>
    public static IEnumerable<string> EnumNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static bool IsObjectType(Type type) =>
        type.IsClass && type != typeof(string) && ListItemType(type) is null && DictionaryValueType(type) is null;

    private static Type? DictionaryValueType(Type type) =>
        GenericArgument(type, typeof(IDictionary<,>), 1);

    private static Type? ListItemType(Type type) =>
        type.IsArray ? type.GetElementType() : type == typeof(string) ? null : GenericArgument(type, typeof(IEnumerable<>), 0);

    private static Type? GenericArgument(Type type, Type generic, int index)
    {
        var match = type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
        return match?.GetGenericArguments()[index];
    }

    private static string JsonNamingPolicyCamelCase(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
