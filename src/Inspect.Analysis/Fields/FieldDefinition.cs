using Inspect.Analysis.Events;

namespace Inspect.Analysis.Fields;

/// <summary>Reads a field's value from an event.</summary>
public delegate FieldValue FieldExtractor(ref EventContext ctx);

/// <summary>Reads the <paramref name="index"/>-th of several values (ancestors, both endpoints); null past the last.</summary>
public delegate FieldValue FieldCandidates(ref EventContext ctx, int index);

/// <summary>A field's text for output, when it differs from its compared value (evt.buffer, evt.outputtime).</summary>
public delegate string? FieldDisplay(ref EventContext ctx);

/// <summary>
/// One row of a field family's table: the name, type, print format and description used for listing, validation
/// and extraction, plus how to bind an argument when the field takes one.
/// </summary>
public sealed class FieldDefinition
{
    public FieldDefinition(string name, FieldType type, FieldFormat format, string description, FieldExtractor extract, FieldFlags flags = FieldFlags.None)
        : this(name, type, format, description, flags, (definition, _) => new BoundField(definition, name, extract))
    {
    }

    public FieldDefinition(string name, FieldType type, FieldFormat format, string description, FieldFlags flags, Func<FieldDefinition, string?, BoundField> bind)
    {
        Name = name;
        Type = type;
        Format = format;
        Description = description;
        Flags = flags;
        Bind = bind;
    }

    public string Name { get; }

    public FieldType Type { get; }

    public FieldFormat Format { get; }

    public string Description { get; }

    public FieldFlags Flags { get; }

    /// <summary>Makes a usable field from this definition and its argument (null when none was written).</summary>
    public Func<FieldDefinition, string?, BoundField> Bind { get; }

    /// <summary>How the argument is written, for listings: "", "[N]", ".NAME" or "[KEY]".</summary>
    public string ArgumentSyntax { get; init; } = "";

    public string Family => Name[..Name.IndexOf('.', StringComparison.Ordinal)];
}

/// <summary>A field ready to extract, with its argument applied.</summary>
public sealed class BoundField(FieldDefinition definition, string text, FieldExtractor extract)
{
    public FieldDefinition Definition { get; } = definition;

    /// <summary>The field as written (with its argument), used as the JSON key.</summary>
    public string Text { get; } = text;

    public FieldExtractor Extract { get; } = extract;

    public FieldType Type { get; init; } = definition.Type;

    public FieldFormat Format { get; init; } = definition.Format;

    /// <summary>Set for fields that match any of several values in filters (proc.aname without index, fd.ip).</summary>
    public FieldCandidates? Candidates { get; init; }

    public FieldDisplay? Display { get; init; }

    /// <summary>For candidate fields: '!=' holds only when every candidate differs (fd.ip, fd.port) rather than when one does.</summary>
    public bool NotEqualMeansNoneEqual { get; init; }

    /// <summary>The value as output text, or null when the field has no value (sysdig's NULL).</summary>
    public string? ToText(ref EventContext ctx)
    {
        if (Display is not null)
        {
            return Display(ref ctx);
        }

        var v = Extract(ref ctx);
        return ValueText.Format(v, Type, Format);
    }

    /// <summary>The value for JSON output: a number, bool or string, or null.</summary>
    public object? ToJson(ref EventContext ctx)
    {
        var v = Extract(ref ctx);
        if (v.IsNull)
        {
            return null;
        }

        return ValueText.Json(v, Type, Format) ?? ToText(ref ctx);
    }
}
