namespace Inspect.Analysis.Filtering;

/// <summary>A node of a parsed filter. Columns are 1-based positions in the filter text.</summary>
public abstract record FilterNode(int Column)
{
    public abstract T Accept<T>(IFilterVisitor<T> visitor);
}

/// <summary>All operands must hold.</summary>
public sealed record AndNode(IReadOnlyList<FilterNode> Operands, int Column) : FilterNode(Column)
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitAnd(this);

    public override string ToString() => "and(" + string.Join(", ", Operands) + ")";
}

/// <summary>At least one operand must hold.</summary>
public sealed record OrNode(IReadOnlyList<FilterNode> Operands, int Column) : FilterNode(Column)
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitOr(this);

    public override string ToString() => "or(" + string.Join(", ", Operands) + ")";
}

/// <summary>The operand must not hold.</summary>
public sealed record NotNode(FilterNode Operand, int Column) : FilterNode(Column)
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitNot(this);

    public override string ToString() => $"not({Operand})";
}

/// <summary>A comparison of one field: <c>field op value</c>, <c>field in (values)</c> or <c>field exists</c>.</summary>
public sealed record CheckNode(string Field, FilterOperator Operator, IReadOnlyList<FilterValue> Values, int Column, int OperatorColumn) : FilterNode(Column)
{
    public override T Accept<T>(IFilterVisitor<T> visitor) => visitor.VisitCheck(this);

    public override string ToString() => Operator switch
    {
        FilterOperator.Exists => $"{Field} exists",
        FilterOperator.In or FilterOperator.Intersects or FilterOperator.PMatch =>
            $"{Field} {Operator.Symbol()} ({string.Join(", ", Values.Select(v => v.Text))})",
        _ => $"{Field} {Operator.Symbol()} {Values[0].Text}",
    };
}

/// <summary>A literal value with its position.</summary>
public sealed record FilterValue(string Text, int Column);

/// <summary>Visits filter nodes (the compiler and printers implement it).</summary>
public interface IFilterVisitor<out T>
{
    T VisitAnd(AndNode node);

    T VisitOr(OrNode node);

    T VisitNot(NotNode node);

    T VisitCheck(CheckNode node);
}

/// <summary>Comparison operators of the filter language.</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
    IContains,
    StartsWith,
    EndsWith,
    Glob,
    In,
    Intersects,
    PMatch,
    Exists,
}

/// <summary>Operator spellings.</summary>
public static class FilterOperatorText
{
    public static string Symbol(this FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "!=",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        FilterOperator.Contains => "contains",
        FilterOperator.IContains => "icontains",
        FilterOperator.StartsWith => "startswith",
        FilterOperator.EndsWith => "endswith",
        FilterOperator.Glob => "glob",
        FilterOperator.In => "in",
        FilterOperator.Intersects => "intersects",
        FilterOperator.PMatch => "pmatch",
        _ => "exists",
    };
}
