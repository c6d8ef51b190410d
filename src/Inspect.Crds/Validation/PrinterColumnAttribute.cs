namespace Inspect.Crds.Validation;

/// <summary>A column of <c>kubectl get</c> (<c>additionalPrinterColumns</c>), in declaration order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>Column header.</summary>
    public string Name { get; } = name;

    /// <summary>OpenAPI type of the cells: string, integer, number, boolean or date.</summary>
    public string Type { get; } = type;

    /// <summary>Simple JSON path of the value, e.g. <c>.status.phase</c>.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>What the column shows.</summary>
    public string? Description { get; init; }

    /// <summary>0 shows the column always; higher values only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }

    /// <summary>Order among the columns (declaration order of attributes is not preserved by reflection).</summary>
    public int Order { get; init; }
}
