namespace Inspect.Analysis.Fields;

/// <summary>The value type of a field, which decides how it compares and prints (sysdig's PT_* for fields).</summary>
public enum FieldType
{
    Int16,
    Int32,
    Int64,
    UInt32,
    UInt64,
    Port,
    RelTime,
    Bool,
    CharBuf,
    ByteBuf,
    IpAddr,
    Double,
}

/// <summary>How a numeric field prints (sysdig's PF_* for fields).</summary>
public enum FieldFormat
{
    NotApplicable,
    Decimal,
    Id,
    Hex,
    PaddedDecimal,
    Direction,
}

/// <summary>What a field allows.</summary>
[Flags]
public enum FieldFlags
{
    None = 0,

    /// <summary>Only usable in filters, not in output formats.</summary>
    FilterOnly = 1,

    /// <summary>Needs an argument (<c>evt.arg.NAME</c>, <c>k8s.pod.label[KEY]</c>).</summary>
    RequiresArgument = 2,

    /// <summary>Takes an optional index (<c>proc.aname[2]</c>); without one it matches any ancestor in filters.</summary>
    OptionalIndex = 4,
}
